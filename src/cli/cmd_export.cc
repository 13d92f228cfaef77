#include <nlohmann/json.hpp>
#include <ostream>

#include "app/evidence_bundle.h"
#include "app/export_records.h"
#include "app/identity_reads.h"
#include "base/utf8.h"
#include "cli/commands.h"
#include "cli/credentials.h"
#include "cli/log_unlock.h"
#include "cli/narrative_unlock.h"
#include "cli/record_ref.h"
#include "cli/store_master_key.h"
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
            auto evidence = std::make_shared<std::string>();
            auto filter = std::make_shared<storage::RecordFilter>();
            sub.add_option("--evidence", *evidence,
                           "write an evidence bundle instead: SELECTION is 'all', or record ids "
                           "/ SOURCE:RECORD_ID separated by commas; --source, --act, --sex, "
                           "--from, --to narrow 'all'");
            sub.add_option("--act", filter->act_type, "with --evidence all: only this act type");
            sub.add_option("--sex", filter->sex, "with --evidence all: only this sex");
            sub.add_option("--from", filter->year_from, "with --evidence all: acts from this year");
            sub.add_option("--to", filter->year_to, "with --evidence all: acts up to this year");
            sub.footer("Files use the import layout: 'recount import --source NAME FILE' reads "
                       "them back. An evidence bundle (--evidence) holds the records, their log "
                       "entries with inclusion proofs, the signed checkpoint, the log key and the "
                       "attached files; 'recount verify-bundle DIR' checks it offline.");
            return [&ctx, opts, format, evidence, filter]() -> Status {
              if (!evidence->empty()) {
                ASSIGN_OR_RETURN(auto store,
                                 storage::OpenStore(ResolveStorePath(ctx),
                                                    storage::OpenMode::kOpenExisting));
                app::BundleOptions b;
                b.out_dir = opts->out_dir;
                b.description = "--evidence " + *evidence + " --out " + opts->out_dir;
                if (*evidence == "all") {
                  filter->source = opts->source;
                  RETURN_IF_ERROR(store->ScanRecords(*filter, [&](storage::StoredRecord&& sr) {
                    b.records.push_back(sr.record.id);
                    return Status();
                  }));
                } else {
                  for (const std::string& ref : SplitList(*evidence, ',')) {
                    if (ref.empty()) continue;
                    ASSIGN_OR_RETURN(model::RowId id, ResolveRecordRef(*store, ref));
                    b.records.push_back(id);
                  }
                }
                ASSIGN_OR_RETURN(UnlockedStore keys,
                                 UnlockStoreMasterKey(*store, ctx, "decrypt evidence files"));
                b.master_key = &keys.master_key;
                app::IdentityReader reader = app::IdentityReader::Locked();
                if (opts->include_identities) {
                  // Reading identities is logged, so the store must be writable and signed.
                  RETURN_IF_ERROR(PrepareStoreForWriting(*store, keys.credential));
                  ASSIGN_OR_RETURN(reader, OpenIdentities(*store, VaultNeed::kRequired, ctx));
                  b.identities = &reader;
                }
                ASSIGN_OR_RETURN(app::BundleSummary s, app::WriteEvidenceBundle(*store, b));
                if (ctx.global.json) {
                  *ctx.out << nlohmann::json{{"out", opts->out_dir}, {"records", s.records},
                                             {"entries", s.entries},
                                             {"attachments", s.attachments},
                                             {"tree_size", s.tree_size},
                                             {"identities", s.identities_included}}
                                  .dump()
                           << "\n";
                } else {
                  *ctx.out << "Wrote evidence bundle " << opts->out_dir << ": " << s.records
                           << " records, " << s.entries << " log entries with inclusion proofs, "
                           << s.attachments << " files; checkpoint of " << s.tree_size
                           << " entries\n"
                           << (s.identities_included ? "Identities are INCLUDED (the reads are "
                                                       "logged); keep the bundle safe.\n"
                                                     : "Identities are redacted.\n");
                }
                return Status();
              }
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
              // The files hold narratives in clear (so they import back): the store key opens
              // them, and without it nothing is written.
              ASSIGN_OR_RETURN(NarrativeAccess narratives,
                               OpenNarratives(*store, NarrativeNeed::kRequired,
                                              "write narratives into the export files", ctx));
              opts->narratives = &narratives.reader;
              ASSIGN_OR_RETURN(auto files, app::ExportRecords(*store, *opts));
              if (narratives.master_key && !reader.read_ids().empty()) {
                // The store key is already unlocked: sign the reads with it.
                RETURN_IF_ERROR(PrepareStoreForWriting(*store, *narratives.master_key));
                RETURN_IF_ERROR(app::LogIdentityReads(*store, reader, "export"));
              } else {
                RETURN_IF_ERROR(LogIdentityReads(*store, reader, "export", ctx));
              }
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
