// Factories for every command; each is defined in its own cmd_<name>.cc.
#pragma once

#include "cli/command.h"

namespace recount::cli {

Command InitCommand();
Command ImportCommand();
Command ListCommand();
Command ShowCommand();
Command SearchCommand();
Command StatsCommand();
Command ExportCommand();
Command LinkCommand();
Command SimulateCommand();
Command DedupeCommand();
Command EvaluateCommand();
Command EstimateCommand();
Command ReviewCommand();
Command PasswdCommand();
Command UserCommand();
Command ServeCommand();
Command DeleteCommand();
Command EditCommand();
Command AuditCommand();
Command AttachCommand();
Command AttachmentCommand();
Command VerifyBundleCommand();
Command HistoryCommand();
Command BackupCommand();
Command RestoreCommand();
Command MigrateCommand();
Command ReportCommand();
Command RestrictCommand();
Command UnrestrictCommand();
Command ShareCommand();
Command UnshareCommand();
Command SharingShowCommand();

}  // namespace recount::cli
