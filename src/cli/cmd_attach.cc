// `recount attach` and `recount attachment get` (app/evidence_files.h).
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/evidence_files.h"
#include "cli/commands.h"
#include "cli/log_unlock.h"
#include "cli/record_ref.h"
#include "cli/store_master_key.h"
#include "storage/store.h"

namespace recount::cli {
namespace {

nlohmann::json FileJson(const storage::EvidenceFile& f) {
  return {{"attachment", f.id},          {"record", f.record},
          {"file_name", f.file_name},    {"media_type", f.media_type},
          {"size", f.size},              {"sha256", f.plaintext_sha256},
          {"source_note", f.source_note}, {"attached_by", f.actor},
          {"attached_at", f.attached_at}};
}

}  // namespace

Command AttachCommand() {
  return {"attach", "store an evidence file (audio, photo, scan) for a record, encrypted",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto which = std::make_shared<std::string>();
            auto req = std::make_shared<app::AttachRequest>();
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            sub.add_option("id", *which, "record id (from 'recount list') or SOURCE:RECORD_ID")
                ->required();
            sub.add_option("file", req->path, "the file to attach")->required();
            sub.add_option("--source-note", req->source_note,
                           "where the file came from (who handed it over, when, how)");
            sub.add_option("--media-type", req->media_type,
                           "e.g. audio/mpeg (default: guessed from the extension)");
            sub.footer("The file is kept encrypted and can never be changed; its SHA-256 is "
                       "logged. Needs the store key (RECOUNT_PASSPHRASE or RECOUNT_KEY_FILE).");
            return [&ctx, which, req]() -> Status {
              ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                              storage::OpenMode::kOpenExisting));
              ASSIGN_OR_RETURN(req->record, ResolveRecordRef(*store, *which));
              ASSIGN_OR_RETURN(UnlockedStore keys,
                               UnlockStoreMasterKey(*store, ctx, "encrypt evidence files"));
              RETURN_IF_ERROR(PrepareStoreForWriting(*store, keys.credential));
              ASSIGN_OR_RETURN(storage::EvidenceFile f,
                               app::AttachEvidence(*store, keys.master_key, *req));
              if (ctx.global.json) {
                *ctx.out << FileJson(f).dump() << "\n";
              } else {
                *ctx.out << "Attached " << f.file_name << " (" << f.size << " bytes, "
                         << f.media_type << ") to record " << f.record << " as attachment "
                         << f.id << "\n"
                         << "  " << f.plaintext_sha256 << "\n";
              }
              return Status();
            };
          }};
}

Command AttachmentCommand() {
  return {"attachment", "decrypt an attached evidence file (attachment get ID --out FILE)",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto id = std::make_shared<int64_t>(0);
            auto out = std::make_shared<std::string>();
            auto verb = std::make_shared<std::string>();
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            sub.add_option("action", *verb, "get")->required()->check(CLI::IsMember({"get"}));
            sub.add_option("attachment", *id, "attachment id (from 'recount show RECORD')")
                ->required();
            sub.add_option("--out", *out, "file to write (must not exist)")->required();
            return [&ctx, id, out, verb]() -> Status {  // verb kept alive: CLI11 writes into it
              ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                              storage::OpenMode::kOpenExisting));
              ASSIGN_OR_RETURN(UnlockedStore keys,
                               UnlockStoreMasterKey(*store, ctx, "decrypt evidence files"));
              ASSIGN_OR_RETURN(storage::EvidenceFile f,
                               app::ExtractEvidence(*store, keys.master_key, *id, *out));
              if (ctx.global.json) {
                nlohmann::json j = FileJson(f);
                j["out"] = *out;
                *ctx.out << j.dump() << "\n";
              } else {
                *ctx.out << "Wrote " << *out << " (" << f.size << " bytes; " << f.plaintext_sha256
                         << " as logged at intake)\n";
              }
              return Status();
            };
          }};
}

}  // namespace recount::cli
