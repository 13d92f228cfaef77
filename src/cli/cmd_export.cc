#include <nlohmann/json.hpp>
#include <ostream>

#include "app/export_records.h"
#include "cli/commands.h"
#include "cli/credentials.h"
#include "storage/store.h"

namespace recount::cli {

Command ExportCommand() {
  return {"export", "write records back out (CSV or JSON Lines), one file per source",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto opts = std::make_shared<app::ExportOptions>();
            auto format = std::make_shared<std::string>("csv");
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            sub.add_option("--out", opts->out_dir, "folder to write into")->required();
            sub.add_option("--format", *format, "csv or jsonl")
                ->check(CLI::IsMember({"csv", "jsonl"}));
            sub.add_option("--source", opts->source, "only this source");
            sub.add_flag("--include-identities", opts->include_identities,
                         "also write names and interviewers (identity data; off by default). "
                         "Needs the identity vault unlocked; the files are not encrypted");
            sub.footer("Files use the import layout: 'recount import --source NAME FILE' reads "
                       "them back.");
            return [&ctx, opts, format]() -> Status {
              opts->format = *format == "jsonl" ? app::ExportFormat::kJsonLines
                                                : app::ExportFormat::kCsv;
              ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                              storage::OpenMode::kOpenExisting));
              // Without --include-identities the vault is not needed, and not asked for.
              app::IdentityReader reader = app::IdentityReader::Locked();
              if (opts->include_identities) {
                ASSIGN_OR_RETURN(reader, OpenIdentities(*store, VaultNeed::kRequired, ctx));
              }
              opts->identities = &reader;
              ASSIGN_OR_RETURN(auto files, app::ExportRecords(*store, *opts));
              if (ctx.global.json) {
                nlohmann::json arr = nlohmann::json::array();
                for (const auto& f : files) {
                  arr.push_back({{"source", f.source},
                                 {"path", f.path},
                                 {"records", f.records},
                                 {"rows", f.rows}});
                }
                *ctx.out << arr.dump() << "\n";
              } else {
                for (const auto& f : files) {
                  *ctx.out << "Wrote " << f.records << " records (" << f.rows << " rows) of '"
                           << f.source << "' to " << f.path << "\n";
                }
                if (!opts->include_identities) {
                  *ctx.out << "Identity fields were left blank; add --include-identities to "
                              "export them.\n";
                }
              }
              return Status();
            };
          }};
}

}  // namespace recount::cli
