#include <nlohmann/json.hpp>
#include <ostream>
#include <iostream>
#include <string>

#include "cli/commands.h"
#include "cli/credentials.h"
#include "cli/log_unlock.h"
#include "cli/record_ref.h"
#include "storage/store.h"

namespace recount::cli {

Command DeleteCommand() {
  return {"delete", "safety deletion: crypto-shred a record's identity (or the whole record)",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            struct Options {
              std::string which;
              bool shred = false;
              bool whole = false;
              bool yes = false;
            };
            auto o = std::make_shared<Options>();
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            sub.add_option("id", o->which, "record id (from 'recount list') or SOURCE:RECORD_ID")
                ->required();
            sub.add_flag("--shred", o->shred,
                         "destroy the identity's data key and ciphertext (required: deletion "
                         "here is always crypto-shredding and cannot be undone)");
            sub.add_flag("--whole-record", o->whole,
                         "also delete the coded record (acts, dates, places, links); by default "
                         "they are kept so counts and estimates do not change");
            sub.add_flag("--yes", o->yes, "do not ask for confirmation");
            sub.footer(
                "Destroys the record's sealed identity and clears its free-text narrative; no key "
                "can decrypt the identity afterwards. The store's write-ahead log is reset so no "
                "copy stays in it. Backups made before still hold the identity: destroy them or "
                "let them age out (docs/security.md section 9).");
            return [&ctx, o]() -> Status {
              if (!o->shred) {
                return InvalidArgument(
                    "say --shred to confirm that the identity is to be destroyed for good "
                    "(recount deletes only by crypto-shredding; add --whole-record to delete the "
                    "coded record too)");
              }
              ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                              storage::OpenMode::kOpenExisting));
              RETURN_IF_ERROR(PrepareStoreForWriting(*store, ctx));
              ASSIGN_OR_RETURN(model::RowId id, ResolveRecordRef(*store, o->which));
              ASSIGN_OR_RETURN(storage::StoredRecord sr, store->GetRecord(id));
              const std::string name = std::to_string(id) + " (" + sr.record.source + ":" +
                                       sr.record.external_id + ")";
              if (!o->yes) {
                if (!StdinIsTerminal()) {
                  return InvalidArgument("add --yes to delete record " + name +
                                         "; this cannot be undone");
                }
                *ctx.err << "This destroys the identity of record " << name
                         << (o->whole ? " and the whole record" : "")
                         << " for good. Type the record id " << id << " to confirm: "
                         << std::flush;
                std::string answer;
                std::getline(std::cin, answer);
                if (answer != std::to_string(id)) {
                  return InvalidArgument("not confirmed; nothing was deleted");
                }
              }
              ASSIGN_OR_RETURN(std::vector<storage::EvidenceFile> files,
                               store->ListEvidenceFiles(id));
              ASSIGN_OR_RETURN(storage::ShredReport r,
                               store->ShredRecord(id, o->whole ? storage::ShredScope::kWholeRecord
                                                               : storage::ShredScope::kIdentity));
              if (ctx.global.json) {
                *ctx.out << nlohmann::json{{"record", id},
                                           {"identity_destroyed", r.identity_destroyed},
                                           {"record_deleted", r.record_deleted},
                                           {"attachments_destroyed", r.attachments_destroyed},
                                           {"wal_truncated", r.wal_truncated}}
                                .dump()
                         << "\n";
              } else {
                if (r.identity_destroyed) {
                  *ctx.out << "Shredded the identity of record " << name
                           << ": its data key and ciphertext are deleted and cannot be "
                              "recovered; its narrative was cleared.\n";
                } else {
                  *ctx.out << "Record " << name
                           << " had no identity left; its narrative was cleared.\n";
                }
                *ctx.out << (r.record_deleted
                                 ? "The whole record was deleted (acts, dates, places, links, "
                                   "earlier versions).\n"
                                 : "Its coded data (acts, dates, places) is kept.\n");
                if (!r.record_deleted && !files.empty()) {
                  *ctx.out << files.size()
                           << " attachment(s) are kept as evidence; they may still identify the "
                              "witness (a voice, a face): --whole-record destroys them too.\n";
                }
                if (r.attachments_destroyed > 0) {
                  *ctx.out << r.attachments_destroyed
                           << (r.attachments_destroyed == 1 ? " attachment was" : " attachments were")
                           << " destroyed with it (keys and encrypted files deleted).\n";
                }
                *ctx.out << "Backups made before this still hold the identity: destroy them or "
                            "let them age out.\n";
              }
              if (!r.wal_truncated) {
                *ctx.err << "recount: warning: another process has the store open, so its "
                            "write-ahead log could not be reset yet; close it and run any "
                            "recount command on the store\n";
              }
              return Status();
            };
          }};
}

}  // namespace recount::cli
