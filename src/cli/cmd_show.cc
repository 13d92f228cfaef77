#include <nlohmann/json.hpp>
#include <ostream>

#include "app/data_dir.h"
#include "app/identity_reads.h"
#include "app/record_seal.h"
#include "app/record_json.h"
#include "cli/commands.h"
#include "cli/credentials.h"
#include "cli/log_unlock.h"
#include "cli/narrative_unlock.h"
#include "cli/record_ref.h"
#include "cli/record_format.h"
#include "storage/record_digest.h"
#include "storage/store.h"

namespace recount::cli {
namespace {

// Opens `record`'s narrative in place when it is sealed, unlocking the store key for it (prompting
// at a terminal only then; an empty answer keeps it sealed). Returns false, after saying so on
// stderr, when it stays sealed. `master` receives the unlocked key, if any.
Result<bool> OpenNarrativeForShow(storage::Store& store, model::Record* record,
                                  CommandContext& ctx,
                                  std::optional<crypto::SecretBytes>* master = nullptr) {
  if (!app::IsSealedNarrative(record->narrative)) return true;
  ASSIGN_OR_RETURN(NarrativeAccess access,
                   OpenNarratives(store, NarrativeNeed::kOptional, "show narratives", ctx));
  ASSIGN_OR_RETURN(bool open, access.reader.OpenInPlace(record));
  if (!open) *ctx.err << "recount: " << app::kNarrativesSealedNote << "\n";
  if (master != nullptr) *master = std::move(access.master_key);
  return open;
}

// `show ID --version N` for a version an edit replaced: its coded data and narrative as kept.
Status ShowKeptVersion(storage::Store& store, const storage::StoredRecord& current,
                       int64_t version, const std::string& lang, CommandContext& ctx) {
  ASSIGN_OR_RETURN(std::vector<storage::RecordVersion> kept, store.RecordVersions(current.record.id));
  for (const storage::RecordVersion& v : kept) {
    if (v.version != version) continue;
    std::string blob_hash;
    ASSIGN_OR_RETURN(storage::StoredRecord old, storage::ParseCanonicalRecord(v.canonical, &blob_hash));
    old.record.cluster_id = current.record.cluster_id;
    ASSIGN_OR_RETURN(bool narrative_open, OpenNarrativeForShow(store, &old.record, ctx));
    if (ctx.global.json) {
      nlohmann::json j = app::RecordToJson(old.record, nullptr);
      j["version"] = v.version;
      j["replaced_at"] = v.replaced_at;
      j["replaced_by"] = v.replaced_by;
      j["shredded"] = v.shredded;
      *ctx.out << j.dump(2) << "\n";
      return Status();
    }
    ASSIGN_OR_RETURN(auto vocab, model::Vocabularies::Load(app::DataDir()));
    if (!narrative_open) old.record.narrative = app::kNarrativeSealedText;
    PrintRecordDetail(*ctx.out, old.record, nullptr, vocab, lang, false);
    *ctx.out << "  version " << v.version << " of " << current.version << ", replaced "
             << v.replaced_at << " by " << v.replaced_by
             << (v.shredded ? " (identity and narrative shredded since)" : "") << "\n";
    return Status();
  }
  return NotFound("record " + std::to_string(current.record.id) + " has no version " +
                  std::to_string(version) + " (current: " + std::to_string(current.version) +
                  "); 'recount history " + std::to_string(current.record.id) + "' lists them");
}

}  // namespace

Command ShowCommand() {
  return {"show", "show one record in full (by id, or SOURCE:RECORD_ID)",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto which = std::make_shared<std::string>();
            auto names = std::make_shared<bool>(false);
            auto lang = std::make_shared<std::string>("en");
            auto version = std::make_shared<int64_t>(0);
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            sub.add_option("id", *which, "record id (from 'recount list') or SOURCE:RECORD_ID")
                ->required();
            sub.add_flag("--names", *names, "show identity details");
            sub.add_option("--lang", *lang, "label language: en or ko")
                ->check(CLI::IsMember({"en", "ko"}));
            sub.add_option("--version", *version,
                           "show an earlier version kept by an edit ('recount history ID' lists "
                           "them); coded data and narrative only");
            return [&ctx, which, names, lang, version]() -> Status {
              ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                              storage::OpenMode::kOpenExisting));
              ASSIGN_OR_RETURN(model::RowId id, ResolveRecordRef(*store, *which));
              ASSIGN_OR_RETURN(storage::StoredRecord sr, store->GetRecord(id));
              if (*version != 0 && *version != sr.version) {
                return ShowKeptVersion(*store, sr, *version, *lang, ctx);
              }
              std::optional<crypto::SecretBytes> master;
              ASSIGN_OR_RETURN(bool narrative_open,
                               OpenNarrativeForShow(*store, &sr.record, ctx, &master));
              std::optional<model::Identity> identity;
              bool locked = false;
              if (*names) {
                ASSIGN_OR_RETURN(app::IdentityReader reader,
                                 OpenIdentities(*store, VaultNeed::kOptional, ctx));
                ASSIGN_OR_RETURN(identity, reader.Read(sr));
                if (master && !reader.read_ids().empty()) {
                  // The store key is already unlocked: sign the read with it.
                  RETURN_IF_ERROR(PrepareStoreForWriting(*store, *master));
                  RETURN_IF_ERROR(app::LogIdentityReads(*store, reader, "show"));
                } else {
                  RETURN_IF_ERROR(LogIdentityReads(*store, reader, "show", ctx));
                }
                locked = !identity.has_value();
                if (locked) *ctx.err << "recount: " << kIdentitiesLockedNote << "\n";
              }
              const model::Identity* shown = identity ? &*identity : nullptr;
              ASSIGN_OR_RETURN(std::vector<storage::EvidenceFile> files,
                               store->ListEvidenceFiles(id));
              if (ctx.global.json) {
                nlohmann::json j = app::RecordToJson(sr.record, shown);
                j["version"] = sr.version;
                if (locked) j["identity"] = "locked";
                nlohmann::json arr = nlohmann::json::array();
                for (const storage::EvidenceFile& f : files) {
                  arr.push_back({{"attachment", f.id}, {"file_name", f.file_name},
                                 {"media_type", f.media_type}, {"size", f.size},
                                 {"sha256", f.plaintext_sha256}, {"source_note", f.source_note},
                                 {"attached_by", f.actor}, {"attached_at", f.attached_at}});
                }
                j["attachments"] = std::move(arr);
                *ctx.out << j.dump(2) << "\n";
                return Status();
              }
              ASSIGN_OR_RETURN(auto vocab, model::Vocabularies::Load(app::DataDir()));
              if (!narrative_open) sr.record.narrative = app::kNarrativeSealedText;
              PrintRecordDetail(*ctx.out, sr.record, shown, vocab, *lang, locked);
              *ctx.out << "  version " << sr.version
                       << (sr.version > 1 ? " ('recount history " + std::to_string(id) +
                                                "' lists the earlier ones)"
                                          : std::string())
                       << "\n";
              if (!files.empty()) {
                *ctx.out << "Attachments ('recount attachment get ID --out FILE'):\n";
                for (const storage::EvidenceFile& f : files) {
                  *ctx.out << "  " << f.id << "  " << f.file_name << "  " << f.media_type << "  "
                           << f.size << " bytes  " << f.plaintext_sha256 << "  attached "
                           << f.attached_at << " by " << f.actor;
                  if (!f.source_note.empty()) *ctx.out << "  (" << f.source_note << ")";
                  *ctx.out << "\n";
                }
              }
              return Status();
            };
          }};
}

}  // namespace recount::cli
