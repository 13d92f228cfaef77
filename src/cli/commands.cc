#include "cli/commands.h"

namespace recount::cli {

const std::vector<Command>& Commands() {
  static const std::vector<Command> kCommands = {
      InitCommand(),
      ImportCommand(),
      ListCommand(),
      ShowCommand(),
      SearchCommand(),
      StatsCommand(),
      ExportCommand(),
      LinkCommand(),
      DedupeCommand(),
      EvaluateCommand(),
      SimulateCommand(),
      EstimateCommand(),
      ReportCommand(),
      ReviewCommand(),
      PasswdCommand(),
      EditCommand(),
      DeleteCommand(),
      AuditCommand(),
      AttachCommand(),
      AttachmentCommand(),
      VerifyBundleCommand(),
      HistoryCommand(),
      UserCommand(),
      RestrictCommand(),
      ShareCommand(),
      UnshareCommand(),
      UnrestrictCommand(),
      SharingShowCommand(),
      ServeCommand(),
      BackupCommand(),
      RestoreCommand(),
      MigrateCommand(),
  };
  return kCommands;
}

}  // namespace recount::cli
