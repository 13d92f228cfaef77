#include <nlohmann/json.hpp>
#include <ostream>

#include "app/import_records.h"
#include "cli/commands.h"
#include "cli/credentials.h"
#include "cli/log_unlock.h"
#include "cli/progress.h"
#include "cli/store_master_key.h"
#include "storage/store.h"

namespace recount::cli {

Command ImportCommand() {
  return {"import", "import a source's testimony list (CSV or JSON Lines), all or nothing",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto opts = std::make_shared<app::ImportOptions>();
            auto format = std::make_shared<std::string>("auto");
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            sub.add_option("--source", opts->source, "name of the organisation's list")
                ->required();
            sub.add_option("files", opts->files, "CSV or JSON Lines files")->required();
            sub.add_option("--mapping", opts->mapping_path,
                           "column mapping file (docs/import-format.md); default layout if absent");
            sub.add_option("--format", *format, "auto, csv or jsonl")
                ->check(CLI::IsMember({"auto", "csv", "jsonl"}));
            sub.add_flag("--skip-invalid", opts->skip_invalid,
                         "import valid rows; write rejected rows with reasons to a reject file");
            sub.add_option("--rejects", opts->reject_path,
                           "reject file (default: FIRST_FILE.rejects.csv)");
            sub.footer("Rows with the same record_id are one victim with several acts. "
                       "See docs/import-format.md for the layout and mapping files. Identities "
                       "are sealed as they are imported, so the identity vault must be unlocked "
                       "(RECOUNT_VAULT_PASSPHRASE, RECOUNT_VAULT_KEY_FILE or the prompt); "
                       "narratives are sealed under the store key (RECOUNT_PASSPHRASE, "
                       "RECOUNT_KEY_FILE or the prompt).");
            return [&ctx, opts, format]() -> Status {
              opts->format = *format == "csv"     ? ingest::FileFormat::kCsv
                             : *format == "jsonl" ? ingest::FileFormat::kJsonLines
                                                  : ingest::FileFormat::kAuto;
              ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                              storage::OpenMode::kOpenExisting));
              ASSIGN_OR_RETURN(app::IdentityReader identities,
                               OpenIdentities(*store, VaultNeed::kRequired, ctx));
              if (identities.legacy()) {
                return FailedPrecondition(
                    store->location() +
                    " was made before identities were encrypted (it has no keys); create a new "
                    "store with 'recount init' and import into it (export this one first with "
                    "'recount export --include-identities')");
              }
              // One unlock of the store key: it signs the log and seals the narratives.
              ASSIGN_OR_RETURN(UnlockedStore keys,
                               UnlockStoreMasterKey(*store, ctx, "seal narratives and sign the log"));
              RETURN_IF_ERROR(PrepareStoreForWriting(*store, keys.master_key));
              ASSIGN_OR_RETURN(std::unique_ptr<app::RecordSealer> sealer,
                               app::RecordSealer::FromMasterKey(keys.master_key));
              opts->vault = identities.vault();
              opts->sealer = sealer.get();
              ProgressBar bar(ctx.err, ctx.err_is_terminal, "importing");
              opts->progress = [&bar](uint64_t done, uint64_t total) { bar.Update(done, total); };
              ASSIGN_OR_RETURN(app::ImportReport r, app::ImportRecords(*store, *opts));
              if (ctx.global.json) {
                nlohmann::json j = {{"source", r.source},   {"rows", r.rows},
                                    {"records", r.records}, {"acts", r.acts},
                                    {"rejected", r.rejected},
                                    {"unresolved_places", r.unresolved_places}};
                if (!r.reject_path.empty() && r.rejected > 0) j["rejects"] = r.reject_path;
                *ctx.out << j.dump() << "\n";
              } else {
                *ctx.out << "Imported " << r.records << " records (" << r.acts << " acts, "
                         << r.rows << " rows) into source '" << r.source << "'.\n";
                if (r.unresolved_places > 0) {
                  *ctx.out << r.unresolved_places
                           << " place names were not found in the gazetteer and are kept as "
                              "written.\n";
                }
                if (r.rejected > 0) {
                  *ctx.out << r.rejected << " rows were rejected; reasons are in "
                           << r.reject_path << "\n";
                }
              }
              return Status();
            };
          }};
}

}  // namespace recount::cli
