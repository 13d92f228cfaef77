// recount audit verify | prove | checkpoints, and recount history: the tamper-evident log.
#include <nlohmann/json.hpp>

#include <fstream>
#include <ostream>
#include <sstream>

#include "app/audit_prove.h"
#include "app/audit_verify.h"
#include "app/record_json.h"
#include "cli/commands.h"
#include "cli/log_unlock.h"
#include "cli/record_ref.h"
#include "crypto/encoding.h"
#include "storage/store.h"

namespace recount::cli {
namespace {

Result<std::string> ReadTextFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot read the file; check the path");
  std::ostringstream s;
  s << in.rdbuf();
  if (s.str().size() > (1 << 20)) return InvalidArgument(path + ": larger than 1 MiB");
  return s.str();
}

std::vector<std::string> Hashes(const std::vector<crypto::MerkleHash>& path) {
  std::vector<std::string> out;
  for (const auto& h : path) out.push_back(crypto::Base64Encode(h));
  return out;
}

Status RunVerify(CommandContext& ctx, const std::string& vkey, const std::string& vkey_file,
                 const std::vector<std::string>& checkpoint_files) {
  ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                  storage::OpenMode::kOpenExisting));
  app::AuditVerifyOptions options;
  std::string key_text = vkey;
  if (!vkey_file.empty()) {
    ASSIGN_OR_RETURN(key_text, ReadTextFile(vkey_file));
    while (!key_text.empty() && (key_text.back() == '\n' || key_text.back() == '\r')) {
      key_text.pop_back();
    }
  }
  if (!key_text.empty()) {
    Result<crypto::NoteVerifier> v = crypto::NoteVerifier::FromVkey(key_text);
    if (!v.ok()) return InvalidArgument("--vkey: " + v.status().message());
    options.log_key = *v;
  } else {
    // With the store unlocked the key is derived, not read from the store: trusted.
    ASSIGN_OR_RETURN(std::shared_ptr<crypto::NoteSigner> key,
                     UnlockLogKey(*store, /*required=*/false, ctx));
    if (key) options.log_key = key->verifier();
  }
  for (const std::string& f : checkpoint_files) {
    ASSIGN_OR_RETURN(std::string note, ReadTextFile(f));
    options.external_checkpoints.push_back(std::move(note));
  }
  ASSIGN_OR_RETURN(app::AuditReport report, app::VerifyAudit(*store, options));
  if (!key_text.empty()) {
    report.log_key_source = "the key given with --vkey";
  } else if (options.log_key) {
    report.log_key_source = "the key derived from the unlocked store";
  }
  if (ctx.global.json) {
    nlohmann::json j = {{"ok", report.ok()},
                        {"entries", report.entries},
                        {"records", report.records},
                        {"kept_versions", report.kept_versions},
                        {"evidence_files", report.evidence_files},
                        {"review_decisions", report.review_decisions},
                        {"users", report.users},
                        {"shared_records", report.shared_records},
                        {"checkpoints_verified", report.checkpoints},
                        {"outside_checkpoints_verified", report.external_checkpoints},
                        {"signed_size", report.signed_size},
                        {"root_sha256_hex", report.root_hex},
                        {"log_key", report.log_key_source},
                        {"problems", report.problems}};
    *ctx.out << j.dump(2) << "\n";
  } else {
    *ctx.out << "log: " << report.entries << " entries, root " << report.root_hex << "\n"
             << "checkpoints: " << report.checkpoints << " stored and "
             << report.external_checkpoints << " outside verified, signed up to entry "
             << report.signed_size << " (checked with " << report.log_key_source << ")\n"
             << "records: " << report.records << " checked against their last log entry, "
             << report.kept_versions << " earlier versions against theirs\n"
             << "attachments: " << report.evidence_files << ", review decisions: "
             << report.review_decisions << ", user accounts: " << report.users
             << ", record sharing: " << report.shared_records
             << ", each checked against its entry\n";
    for (const std::string& p : report.problems) *ctx.out << "PROBLEM: " << p << "\n";
    *ctx.out << (report.ok() ? "audit verify: OK, the store matches its log\n"
                             : "audit verify: FAILED\n");
  }
  if (!report.ok()) {
    return DataLoss("the store does not match its tamper-evident log (" +
                    std::to_string(report.problems.size()) +
                    " problems above); keep this store as it is for investigation and compare "
                    "with a backup");
  }
  return Status();
}

Status RunProve(CommandContext& ctx, const std::string& record, const std::vector<int64_t>& seqs,
                uint64_t size, uint64_t from) {
  ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                  storage::OpenMode::kOpenExisting));
  std::optional<uint64_t> at = size ? std::optional<uint64_t>(size) : std::nullopt;
  nlohmann::json out;
  if (from != 0) {
    ASSIGN_OR_RETURN(app::ConsistencyProof c, app::ProveConsistency(*store, from, at));
    out["consistency"] = {{"old_size", c.old_size},
                          {"new_size", c.new_size},
                          {"proof", Hashes(c.path)},
                          {"old_checkpoint", c.old_checkpoint},
                          {"new_checkpoint", c.new_checkpoint}};
  }
  std::vector<int64_t> wanted = seqs;
  if (!record.empty()) {
    ASSIGN_OR_RETURN(model::RowId id, ResolveRecordRef(*store, record));
    ASSIGN_OR_RETURN(auto history, app::ReadHistory(*store, id));
    for (const auto& e : history) wanted.push_back(e.seq);
    if (history.empty()) return NotFound("record " + record + " has no log entries");
  }
  if (!wanted.empty()) {
    ASSIGN_OR_RETURN(auto proofs, app::ProveInclusion(*store, wanted, at));
    out["inclusion"] = nlohmann::json::array();
    for (const auto& p : proofs) {
      out["inclusion"].push_back({{"seq", p.seq},
                                  {"leaf_index", p.seq - 1},
                                  {"tree_size", p.tree_size},
                                  {"entry", p.entry},
                                  {"leaf_hash", crypto::Base64Encode(p.leaf_hash)},
                                  {"proof", Hashes(p.path)},
                                  {"checkpoint", p.checkpoint}});
    }
  }
  if (out.empty()) {
    return InvalidArgument("say what to prove: --record ID, --entry SEQ or --from SIZE");
  }
  *ctx.out << out.dump(2) << "\n";
  return Status();
}

Status RunCheckpoints(CommandContext& ctx, bool latest) {
  ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                  storage::OpenMode::kOpenExisting));
  ASSIGN_OR_RETURN(auto all, store->ListCheckpoints());
  ASSIGN_OR_RETURN(std::optional<std::string> vkey, store->GetSetting("log_vkey"));
  if (latest) {
    if (all.empty()) return NotFound("the store has no signed checkpoint yet");
    *ctx.out << all.back().note;  // the note itself, to hand to a partner or keep on paper
    return Status();
  }
  if (ctx.global.json) {
    nlohmann::json j = {{"log_vkey", vkey.value_or("")}, {"checkpoints", nlohmann::json::array()}};
    for (const auto& cp : all) {
      j["checkpoints"].push_back({{"size", cp.size}, {"created_at", cp.created_at},
                                  {"note", cp.note}});
    }
    *ctx.out << j.dump(2) << "\n";
    return Status();
  }
  *ctx.out << "log key (vkey, as recorded in the store): " << vkey.value_or("(none)") << "\n";
  for (const auto& cp : all) *ctx.out << cp.size << "\t" << cp.created_at << "\n";
  return Status();
}

}  // namespace

Command AuditCommand() {
  return {"audit", "check the tamper-evident log: verify, prove, checkpoints",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            sub.require_subcommand(1);
            auto vkey = std::make_shared<std::string>();
            auto vkey_file = std::make_shared<std::string>();
            auto outside = std::make_shared<std::vector<std::string>>();
            CLI::App* verify = sub.add_subcommand(
                "verify", "recompute the log and check every record, link and key against it");
            AddStoreOption(*verify, ctx);
            AddJsonFlag(*verify, ctx);
            verify->add_option("--vkey", *vkey, "the log's public key as you keep it (vkey text)");
            verify->add_option("--vkey-file", *vkey_file, "file holding that vkey");
            verify->add_option("--checkpoint", *outside,
                               "a signed checkpoint kept outside the store (file; repeatable)");

            auto record = std::make_shared<std::string>();
            auto seqs = std::make_shared<std::vector<int64_t>>();
            auto size = std::make_shared<uint64_t>(0);
            auto from = std::make_shared<uint64_t>(0);
            CLI::App* prove = sub.add_subcommand(
                "prove", "print RFC 9162 inclusion / consistency proofs with their checkpoints");
            AddStoreOption(*prove, ctx);
            prove->add_option("--record", *record, "every entry of this record (id or SOURCE:ID)");
            prove->add_option("--entry", *seqs, "log entry number (repeatable)");
            prove->add_option("--size", *size, "prove against the checkpoint of this size "
                                               "(default: the latest)");
            prove->add_option("--from", *from, "consistency from the checkpoint of this size");

            auto latest = std::make_shared<bool>(false);
            CLI::App* cps = sub.add_subcommand("checkpoints", "list the signed checkpoints");
            AddStoreOption(*cps, ctx);
            AddJsonFlag(*cps, ctx);
            cps->add_flag("--latest", *latest, "print the latest signed checkpoint note only");

            return [&ctx, verify, prove, vkey, vkey_file, outside, record, seqs, size, from,
                    latest]() -> Status {
              if (verify->parsed()) return RunVerify(ctx, *vkey, *vkey_file, *outside);
              if (prove->parsed()) return RunProve(ctx, *record, *seqs, *size, *from);
              return RunCheckpoints(ctx, *latest);
            };
          }};
}

Command HistoryCommand() {
  return {"history", "show a record's history from the tamper-evident log",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto which = std::make_shared<std::string>();
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            sub.add_option("id", *which, "record id or SOURCE:RECORD_ID; 'all' for the whole log")
                ->required();
            return [&ctx, which]() -> Status {
              ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                              storage::OpenMode::kOpenExisting));
              model::RowId id = 0;
              if (*which != "all") {
                Result<model::RowId> found = ResolveRecordRef(*store, *which);
                if (found.ok()) {
                  id = *found;
                } else {
                  // A deleted record is no longer in the tables, but its history is.
                  char* end = nullptr;
                  long long n = std::strtoll(which->c_str(), &end, 10);
                  if (end == which->c_str() || *end != '\0' || n <= 0) return found.status();
                  id = n;
                }
              }
              ASSIGN_OR_RETURN(auto entries, app::ReadHistory(*store, id));
              if (entries.empty()) return NotFound("no log entries for " + *which);
              if (ctx.global.json) {
                nlohmann::json j = nlohmann::json::array();
                for (const auto& e : entries) j.push_back(app::AuditEntryToJson(e));
                *ctx.out << j.dump(2) << "\n";
                return Status();
              }
              for (const auto& e : entries) {
                *ctx.out << e.seq << "\t" << e.time << "\t" << e.actor << "\t" << e.op;
                if (e.version) *ctx.out << " v" << e.version;
                *ctx.out << "\t" << e.detail << "\n";
              }
              if (id != 0) {
                ASSIGN_OR_RETURN(auto kept, store->RecordVersions(id));
                if (!kept.empty()) {
                  *ctx.out << "Earlier versions kept ('recount show " << id
                           << " --version N'):";
                  for (const auto& v : kept) *ctx.out << " " << v.version;
                  *ctx.out << "\n";
                }
              }
              return Status();
            };
          }};
}

}  // namespace recount::cli
