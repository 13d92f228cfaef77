#include "app/evidence_bundle.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "app/audit_prove.h"
#include "app/evidence_files.h"
#include "app/record_seal.h"
#include "base/clock.h"
#include "crypto/checkpoint.h"
#include "crypto/data_key.h"
#include "crypto/envelope.h"
#include "crypto/encoding.h"
#include "crypto/merkle_hash.h"
#include "crypto/merkle_verify.h"
#include "crypto/signed_note.h"
#include "storage/audit_entry.h"
#include "storage/evidence_file.h"
#include "storage/record_digest.h"

namespace recount::app {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kManifestFormat = "recount-evidence-bundle/v1";
constexpr const char* kRecordFormat = "recount-bundle-record/v1";

std::string SeqName(int64_t seq) {
  std::string s = std::to_string(seq);
  return std::string(s.size() < 8 ? 8 - s.size() : 0, '0') + s;
}

// A file name safe to write inside the bundle: no separators, no leading dot.
std::string SafeName(const std::string& name) {
  std::string out;
  for (char c : name) {
    out += (c == '/' || c == '\\' || c == '\0' || static_cast<unsigned char>(c) < 0x20) ? '_' : c;
  }
  if (out.empty() || out[0] == '.') out = "_" + out;
  return out;
}

Status WriteFile(const fs::path& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return IoError("cannot write " + path.string() + " (disk full or no permission?)");
  return Status();
}

Result<std::string> ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path.string() + " is missing");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

json RecordFields(const storage::StoredRecord& sr) {
  const model::Record& r = sr.record;
  json acts = json::array();
  for (const model::Act& a : r.acts) {
    json inv = json::array();
    for (const model::Involvement& v : a.involvements) {
      inv.push_back({{"perpetrator_type", v.perpetrator_type}, {"degree", v.degree}});
    }
    acts.push_back({{"id", a.id},
                    {"act_type", a.act_type},
                    {"date", a.date.ToString()},
                    {"place_text", a.place_text},
                    {"place_id", a.place_id},
                    {"age", a.age ? json(*a.age) : json(nullptr)},
                    {"involvements", std::move(inv)}});
  }
  return {{"id", r.id},
          {"source", r.source},
          {"external_id", r.external_id},
          {"person_ref", r.person_ref},
          {"testimony_date", r.testimony_date.ToString()},
          {"language", r.language},
          {"connection", r.connection},
          {"reliability", r.reliability},
          {"consent", r.consent},
          {"narrative", r.narrative},
          {"sex", r.sex},
          {"birth", r.birth.ToString()},
          {"origin_text", r.origin_text},
          {"origin_place_id", r.origin_place_id},
          {"identity_id", sr.identity_id},
          {"identity_blob_sha256",
           sr.identity_blob.empty() ? std::string() : storage::DigestOfBytes(sr.identity_blob)},
          {"acts", std::move(acts)}};
}

Result<PartialDate> DateOf(const json& j, const char* key) {
  std::string text = j.at(key).get<std::string>();
  if (text.empty()) return PartialDate();
  return PartialDate::Parse(text);
}

// The StoredRecord (identity blob left empty) and blob hash a record file describes.
Result<std::pair<storage::StoredRecord, std::string>> RecordFromFields(const json& f) {
  try {
    storage::StoredRecord sr;
    model::Record& r = sr.record;
    r.id = f.at("id").get<int64_t>();
    r.source = f.at("source").get<std::string>();
    r.external_id = f.at("external_id").get<std::string>();
    r.person_ref = f.at("person_ref").get<std::string>();
    ASSIGN_OR_RETURN(r.testimony_date, DateOf(f, "testimony_date"));
    r.language = f.at("language").get<std::string>();
    r.connection = f.at("connection").get<std::string>();
    r.reliability = f.at("reliability").get<std::string>();
    r.consent = f.at("consent").get<std::string>();
    r.narrative = f.at("narrative").get<std::string>();
    r.sex = f.at("sex").get<std::string>();
    ASSIGN_OR_RETURN(r.birth, DateOf(f, "birth"));
    r.origin_text = f.at("origin_text").get<std::string>();
    r.origin_place_id = f.at("origin_place_id").get<std::string>();
    sr.identity_id = f.at("identity_id").get<std::string>();
    for (const json& a : f.at("acts")) {
      model::Act act;
      act.id = a.at("id").get<int64_t>();
      act.act_type = a.at("act_type").get<std::string>();
      ASSIGN_OR_RETURN(act.date, DateOf(a, "date"));
      act.place_text = a.at("place_text").get<std::string>();
      act.place_id = a.at("place_id").get<std::string>();
      if (!a.at("age").is_null()) act.age = a.at("age").get<int>();
      for (const json& v : a.at("involvements")) {
        act.involvements.push_back({v.at("perpetrator_type").get<std::string>(),
                                    v.at("degree").get<std::string>()});
      }
      r.acts.push_back(std::move(act));
    }
    return std::make_pair(std::move(sr), f.at("identity_blob_sha256").get<std::string>());
  } catch (const json::exception& e) {
    return InvalidArgument(std::string("a field is missing or of the wrong type: ") + e.what());
  }
}

// Why the readable narrative of a record file is not the logged one, or "" when it is: a sealed
// narrative must open with the file's narrative data key to exactly the readable text; a plain one
// must equal it.
std::string CheckReadableNarrative(const json& rec, const model::Record& logged) {
  if (!rec.contains("narrative")) {
    return IsSealedNarrative(logged.narrative) ? "the readable narrative is missing" : "";
  }
  if (!rec["narrative"].is_string()) return "the readable narrative is not text";
  const std::string readable = rec["narrative"].get<std::string>();
  if (!IsSealedNarrative(logged.narrative)) {
    return readable == logged.narrative ? "" : "the readable narrative differs from the stored one";
  }
  if (!rec.contains("narrative_data_key") || !rec["narrative_data_key"].is_string()) {
    return "the narrative data key is missing, so the readable narrative cannot be checked";
  }
  Result<crypto::Bytes> raw = crypto::Base64Decode(rec["narrative_data_key"].get<std::string>());
  if (!raw.ok() || raw->size() != crypto::kDataKeySize) return "the narrative data key is damaged";
  Result<crypto::SecretBytes> key = crypto::SecretBytes::CopyOf(crypto::ByteSpan(*raw));
  crypto::WipeBytes(raw->data(), raw->size());
  if (!key.ok()) return "the narrative data key cannot be held: " + key.status().message();
  Result<std::string> opened =
      OpenNarrativeWithDataKey(*key, logged.source, logged.external_id, logged.narrative);
  if (!opened.ok()) return "the sealed narrative does not open with the narrative data key";
  return *opened == readable ? "" : "the readable narrative differs from the sealed one";
}

json AttachmentJson(const storage::EvidenceFile& f, const std::string& file) {
  return {{"attachment", f.id},
          {"record", f.record},
          {"evidence_id", f.evidence_id},
          {"file_name", f.file_name},
          {"media_type", f.media_type},
          {"source_note", f.source_note},
          {"size", f.size},
          {"plaintext_sha256", f.plaintext_sha256},
          {"ciphertext_sha256", f.ciphertext_sha256},
          {"wrapped_key_sha256", storage::DigestOfBytes(f.wrapped_key)},
          {"actor", f.actor},
          {"attached_at", f.attached_at},
          {"file", file}};
}

}  // namespace

Result<BundleSummary> WriteEvidenceBundle(storage::Store& store, const BundleOptions& options) {
  BundleSummary summary;
  if (options.records.empty()) {
    return InvalidArgument("the selection holds no record; nothing to export");
  }
  if (options.master_key == nullptr) {
    return InvalidArgument("an evidence bundle needs the store master key (to decrypt files)");
  }
  const fs::path dir(options.out_dir);
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec)) {
    return AlreadyExists(options.out_dir + " exists and is not empty; give a new folder with --out");
  }
  ASSIGN_OR_RETURN(std::optional<std::string> vkey, store.GetSetting("log_vkey"));
  if (!vkey) {
    return FailedPrecondition(store.location() +
                              " has no log key recorded; its log cannot be proven");
  }
  const bool with_identities =
      options.identities != nullptr && !options.identities->locked();
  summary.identities_included = with_identities;

  // Identities are read first, and each read logged, so the checkpoint taken below covers the
  // reads: the bundle itself shows who exported which identities.
  std::map<model::RowId, storage::StoredRecord> records;
  std::map<model::RowId, json> identities;
  for (model::RowId id : options.records) {
    ASSIGN_OR_RETURN(storage::StoredRecord sr, store.GetRecord(id));
    if (with_identities) {
      ASSIGN_OR_RETURN(std::optional<model::Identity> ident, options.identities->Read(sr));
      if (ident) {
        identities[id] = {{"full_name", ident->full_name},
                          {"surname", ident->surname},
                          {"given_name", ident->given_name},
                          {"name_variants", ident->name_variants},
                          {"interviewer", ident->interviewer}};
        storage::AuditEntry e;
        e.op = "read-identity";
        e.record = id;
        e.version = sr.version;
        e.detail = "evidence bundle " + options.description;
        ASSIGN_OR_RETURN(int64_t seq, store.AppendAuditEntry(std::move(e)));
        (void)seq;
      }
    }
    records[id] = std::move(sr);
  }

  // Every entry about the selected records, proven against the latest checkpoint.
  ASSIGN_OR_RETURN(std::vector<storage::AuditEntry> all, ReadHistory(store, 0));
  std::map<model::RowId, std::vector<int64_t>> history;
  std::vector<int64_t> seqs;
  for (const storage::AuditEntry& e : all) {
    bool about = storage::IsRecordHistoryOp(e.op);
    if (about && records.count(e.record)) {
      history[e.record].push_back(e.seq);
      seqs.push_back(e.seq);
    }
  }
  ASSIGN_OR_RETURN(std::vector<storage::StoredCheckpoint> checkpoints, store.ListCheckpoints());
  if (checkpoints.empty()) return FailedPrecondition(store.location() + " has no signed checkpoint");
  const storage::StoredCheckpoint& latest = checkpoints.back();
  for (int64_t seq : seqs) {
    if (static_cast<uint64_t>(seq) > latest.size) {
      return FailedPrecondition("log entry " + std::to_string(seq) +
                                " is not covered by a signed checkpoint (latest covers " +
                                std::to_string(latest.size) +
                                "); run 'recount audit verify' to see why");
    }
  }
  ASSIGN_OR_RETURN(std::vector<InclusionProof> proofs,
                   ProveInclusion(store, seqs, latest.size));
  ASSIGN_OR_RETURN(std::unique_ptr<RecordSealer> sealer,
                   RecordSealer::FromMasterKey(*options.master_key));

  fs::create_directories(dir / "entries", ec);
  fs::create_directories(dir / "proofs", ec);
  fs::create_directories(dir / "records", ec);
  fs::create_directories(dir / "files", ec);
  if (ec) return IoError("cannot create " + options.out_dir + ": " + ec.message());

  json files = json::array();
  auto add_file = [&](const std::string& rel, std::string_view bytes) -> Status {
    RETURN_IF_ERROR(WriteFile(dir / rel, bytes));
    files.push_back({{"path", rel}, {"sha256", storage::DigestOfBytes(bytes)}});
    return Status();
  };
  RETURN_IF_ERROR(add_file("checkpoint.txt", latest.note));
  RETURN_IF_ERROR(add_file("log.vkey", *vkey + "\n"));
  json entries = json::array();
  for (const InclusionProof& p : proofs) {
    const std::string entry_rel = "entries/" + SeqName(p.seq) + ".txt";
    const std::string proof_rel = "proofs/" + SeqName(p.seq) + ".json";
    RETURN_IF_ERROR(add_file(entry_rel, p.entry));
    json path = json::array();
    for (const crypto::MerkleHash& h : p.path) path.push_back(crypto::HexEncode(h));
    json proof = {{"seq", p.seq},
                  {"leaf_index", p.seq - 1},
                  {"tree_size", p.tree_size},
                  {"leaf_hash", crypto::HexEncode(p.leaf_hash)},
                  {"path", std::move(path)}};
    RETURN_IF_ERROR(add_file(proof_rel, proof.dump(2) + "\n"));
    entries.push_back({{"seq", p.seq}, {"entry", entry_rel}, {"proof", proof_rel}});
    ++summary.entries;
  }
  json record_list = json::array();
  for (auto& [id, sr] : records) {
    json attachments = json::array();
    ASSIGN_OR_RETURN(std::vector<storage::EvidenceFile> ev, store.ListEvidenceFiles(id));
    for (const storage::EvidenceFile& f : ev) {
      const std::string rel = "files/" + std::to_string(f.id) + "-" + SafeName(f.file_name);
      std::ofstream out(dir / rel, std::ios::binary | std::ios::trunc);
      Result<storage::EvidenceFile> got = DecryptEvidenceTo(store, *options.master_key, f.id, out);
      out.close();
      if (!got.ok()) {
        return got.status().WithContext("exporting record " + std::to_string(id));
      }
      if (!out) return IoError("cannot write " + (dir / rel).string());
      files.push_back({{"path", rel}, {"sha256", f.plaintext_sha256}});
      attachments.push_back(AttachmentJson(f, rel));
      ++summary.attachments;
    }
    json rec = {{"format", kRecordFormat},
                {"record", id},
                {"version", sr.version},
                {"fields", RecordFields(sr)},
                {"history", history[id]},
                {"attachments", std::move(attachments)}};
    // fields.narrative is the stored (sealed) text the digest covers; the readable narrative goes
    // beside it with the record's narrative data key, which opens this narrative and nothing
    // else, so a checker can confirm offline that the readable text is the logged one.
    const model::Record& r = sr.record;
    ASSIGN_OR_RETURN(std::string narrative,
                     sealer->OpenNarrative(r.source, r.external_id, r.narrative));
    rec["narrative"] = std::move(narrative);
    if (IsSealedNarrative(r.narrative)) {
      ASSIGN_OR_RETURN(crypto::SecretBytes data_key,
                       sealer->NarrativeDataKey(r.source, r.external_id, r.narrative));
      rec["narrative_data_key"] = crypto::Base64Encode(data_key.span());
    }
    auto it = identities.find(id);
    rec["identity"] = it != identities.end() ? it->second : json("redacted");
    const std::string rel = "records/" + std::to_string(id) + ".json";
    RETURN_IF_ERROR(add_file(rel, rec.dump(2) + "\n"));
    record_list.push_back({{"record", id}, {"file", rel}});
    ++summary.records;
  }
  ASSIGN_OR_RETURN(crypto::NoteVerifier verifier, crypto::NoteVerifier::FromVkey(*vkey));
  Result<crypto::VerifiedCheckpoint> opened =
      crypto::OpenCheckpoint(latest.note, {verifier.name(), verifier, {}, 0});
  if (!opened.ok()) {
    return DataLoss("the latest checkpoint of " + store.location() +
                    " does not verify with its log key (" + opened.status().message() +
                    "); run 'recount audit verify'");
  }
  const crypto::Checkpoint& cp = opened->checkpoint;
  summary.tree_size = cp.tree_size;
  json manifest = {{"format", kManifestFormat},
                   {"created_at", NowRfc3339()},
                   {"description", options.description},
                   {"identities", with_identities ? "included" : "redacted"},
                   {"checkpoint", "checkpoint.txt"},
                   {"vkey", "log.vkey"},
                   {"tree_size", cp.tree_size},
                   {"root", crypto::HexEncode(cp.root_hash)},
                   {"records", std::move(record_list)},
                   {"entries", std::move(entries)},
                   {"files", std::move(files)},
                   {"how_to_verify",
                    "recount verify-bundle DIR --vkey KEY, or by hand: docs/security.md section 7.7"}};
  RETURN_IF_ERROR(WriteFile(dir / "manifest.json", manifest.dump(2) + "\n"));
  return summary;
}

Result<BundleReport> VerifyBundle(const std::string& dir_text,
                                  const std::optional<std::string>& vkey_given) {
  BundleReport report;
  const fs::path dir(dir_text);
  auto problem = [&](std::string what) { report.problems.push_back(std::move(what)); };
  Result<std::string> manifest_text = ReadFile(dir / "manifest.json");
  if (!manifest_text.ok()) {
    return NotFound(dir_text + " is not an evidence bundle: manifest.json is missing");
  }
  json manifest = json::parse(*manifest_text, nullptr, /*allow_exceptions=*/false);
  if (manifest.is_discarded() || !manifest.is_object() ||
      manifest.value("format", "") != kManifestFormat) {
    return InvalidArgument(dir_text + "/manifest.json is not a recount evidence bundle manifest "
                           "(format " + std::string(kManifestFormat) + ")");
  }
  try {
    // 1. Every file listed in the manifest is there with its hash.
    for (const json& f : manifest.at("files")) {
      const std::string rel = f.at("path").get<std::string>();
      Result<std::string> bytes = ReadFile(dir / rel);
      if (!bytes.ok()) {
        problem(rel + ": missing (listed in manifest.json)");
      } else if (storage::DigestOfBytes(*bytes) != f.at("sha256").get<std::string>()) {
        problem(rel + ": its SHA-256 differs from manifest.json");
      }
    }
    // 2. The key and the checkpoint.
    std::string vkey_text;
    if (vkey_given) {
      vkey_text = *vkey_given;
      report.key_source = "key given";
    } else {
      Result<std::string> v = ReadFile(dir / "log.vkey");
      if (!v.ok()) {
        problem("log.vkey: missing, and no --vkey given");
        return report;
      }
      vkey_text = *v;
      report.key_source = "key in the bundle (compare it with the key the organisation "
                          "published, or pass that one with --vkey)";
    }
    while (!vkey_text.empty() && (vkey_text.back() == '\n' || vkey_text.back() == '\r' ||
                                  vkey_text.back() == ' ')) {
      vkey_text.pop_back();
    }
    Result<crypto::NoteVerifier> key = crypto::NoteVerifier::FromVkey(vkey_text);
    if (!key.ok()) {
      problem("the log key is not a valid vkey: " + key.status().message());
      return report;
    }
    std::optional<crypto::Checkpoint> checkpoint;
    Result<std::string> note = ReadFile(dir / "checkpoint.txt");
    if (!note.ok()) {
      problem("checkpoint.txt: missing");
    } else {
      crypto::CheckpointPolicy policy{key->name(), *key, {}, 0};
      Result<crypto::VerifiedCheckpoint> cp = crypto::OpenCheckpoint(*note, policy);
      if (!cp.ok()) {
        problem("checkpoint.txt: does not verify with the log key: " + cp.status().message());
      } else {
        checkpoint = cp->checkpoint;
        report.tree_size = checkpoint->tree_size;
      }
    }
    // 3. Entries and their inclusion proofs.
    std::map<int64_t, storage::AuditEntry> proven;  // seq -> entry, proof checked
    for (const json& e : manifest.at("entries")) {
      const int64_t seq = e.at("seq").get<int64_t>();
      const std::string entry_rel = e.at("entry").get<std::string>();
      const std::string proof_rel = e.at("proof").get<std::string>();
      const std::string where = "entry " + std::to_string(seq) + " (" + entry_rel + ")";
      ++report.entries;
      Result<std::string> bytes = ReadFile(dir / entry_rel);
      if (!bytes.ok()) {
        problem(where + ": missing");
        continue;
      }
      Result<storage::AuditEntry> parsed = storage::ParseAuditEntry(*bytes);
      if (!parsed.ok()) {
        problem(where + ": not a log entry: " + parsed.status().message());
        continue;
      }
      if (parsed->seq != seq) {
        problem(where + ": says it is entry " + std::to_string(parsed->seq));
        continue;
      }
      Result<std::string> proof_text = ReadFile(dir / proof_rel);
      if (!proof_text.ok()) {
        problem("proof of entry " + std::to_string(seq) + " (" + proof_rel + "): missing");
        continue;
      }
      json proof = json::parse(*proof_text, nullptr, false);
      std::vector<crypto::MerkleHash> path;
      bool proof_ok = proof.is_object() && proof.contains("path") && proof["path"].is_array() &&
                      proof.contains("tree_size") && proof["tree_size"].is_number_unsigned();
      if (proof_ok) {
        for (const json& h : proof["path"]) {
          Result<crypto::Bytes> raw =
              h.is_string() ? crypto::HexDecode(h.get<std::string>()) : InvalidArgument("");
          if (!raw.ok() || raw->size() != crypto::kMerkleHashSize) {
            proof_ok = false;
            break;
          }
          crypto::MerkleHash mh;
          std::copy(raw->begin(), raw->end(), mh.begin());
          path.push_back(mh);
        }
      }
      if (!proof_ok) {
        problem("proof of entry " + std::to_string(seq) + " (" + proof_rel + "): damaged");
        continue;
      }
      if (!checkpoint) continue;  // already reported
      const uint64_t size = proof["tree_size"].get<uint64_t>();
      if (size != checkpoint->tree_size) {
        problem("proof of entry " + std::to_string(seq) + " (" + proof_rel + "): made for a log of " +
                std::to_string(size) + " entries, the checkpoint signs " +
                std::to_string(checkpoint->tree_size));
        continue;
      }
      Status ok = crypto::VerifyMerkleInclusion(crypto::MerkleLeafHash(crypto::AsBytes(*bytes)),
                                                static_cast<uint64_t>(seq - 1), size, path,
                                                checkpoint->root_hash);
      if (!ok.ok()) {
        problem(where + ": not in the signed log: its inclusion proof (" + proof_rel +
                ") does not lead to the checkpoint's root (" + ok.message() + ")");
        continue;
      }
      proven[seq] = std::move(*parsed);
    }
    // 4. Records and attachments against the proven entries.
    for (const json& r : manifest.at("records")) {
      const int64_t id = r.at("record").get<int64_t>();
      const std::string rel = r.at("file").get<std::string>();
      ++report.records;
      Result<std::string> text = ReadFile(dir / rel);
      if (!text.ok()) {
        problem("record " + std::to_string(id) + " (" + rel + "): missing");
        continue;
      }
      json rec = json::parse(*text, nullptr, false);
      if (!rec.is_object() || rec.value("format", "") != kRecordFormat) {
        problem(rel + ": not a bundle record file");
        continue;
      }
      // The latest proven record entry is what the record file must match.
      const storage::AuditEntry* last = nullptr;
      std::map<int64_t, const storage::AuditEntry*> attach_entries;
      for (const auto& [seq, e] : proven) {
        if (e.record != id) continue;
        if (storage::IsRecordStateOp(e.op)) last = &e;
        if (e.op == "attach") {
          if (auto aid = storage::AttachmentIdOfDetail(e.detail)) attach_entries[*aid] = &e;
        }
      }
      Result<std::pair<storage::StoredRecord, std::string>> sr =
          RecordFromFields(rec.at("fields"));
      if (!sr.ok()) {
        problem(rel + ": " + sr.status().message());
      } else if (last == nullptr) {
        problem(rel + ": no proven create or update entry of record " + std::to_string(id) +
                " in the bundle");
      } else {
        sr->first.version = rec.at("version").get<int64_t>();
        if (sr->first.record.id != id) {
          problem(rel + ": holds record " + std::to_string(sr->first.record.id) + ", not " +
                  std::to_string(id));
        } else if (storage::RecordDigestWithBlobHash(sr->first, sr->second) != last->digest) {
          problem(rel + ": differs from the record as logged in entry " +
                  std::to_string(last->seq) + " (" + last->op + ")");
        } else if (sr->first.version != last->version) {
          problem(rel + ": says version " + std::to_string(sr->first.version) + " but entry " +
                  std::to_string(last->seq) + " logs version " + std::to_string(last->version));
        } else if (std::string why = CheckReadableNarrative(rec, sr->first.record); !why.empty()) {
          problem(rel + ": " + why + " (the narrative logged in entry " +
                  std::to_string(last->seq) + ")");
        }
      }
      for (const json& a : rec.at("attachments")) {
        ++report.attachments;
        storage::EvidenceFile f;
        f.id = a.at("attachment").get<int64_t>();
        f.record = a.at("record").get<int64_t>();
        f.evidence_id = a.at("evidence_id").get<std::string>();
        f.file_name = a.at("file_name").get<std::string>();
        f.media_type = a.at("media_type").get<std::string>();
        f.source_note = a.at("source_note").get<std::string>();
        f.size = a.at("size").get<uint64_t>();
        f.plaintext_sha256 = a.at("plaintext_sha256").get<std::string>();
        f.ciphertext_sha256 = a.at("ciphertext_sha256").get<std::string>();
        f.actor = a.at("actor").get<std::string>();
        f.attached_at = a.at("attached_at").get<std::string>();
        const std::string file_rel = a.at("file").get<std::string>();
        const std::string name = "attachment " + std::to_string(f.id) + " (" + file_rel + ")";
        auto it = attach_entries.find(f.id);
        if (it == attach_entries.end()) {
          problem(name + ": no proven attach entry for it in the bundle");
        } else if (storage::EvidenceFileDigestWithKeyHash(
                       f, a.at("wrapped_key_sha256").get<std::string>()) != it->second->digest) {
          problem(name + ": its metadata in " + rel + " differs from attach entry " +
                  std::to_string(it->second->seq));
        }
        Result<std::string> bytes = ReadFile(dir / file_rel);
        if (!bytes.ok()) {
          problem(name + ": missing");
        } else if (storage::DigestOfBytes(*bytes) != f.plaintext_sha256 ||
                   bytes->size() != f.size) {
          problem(name + ": its SHA-256 differs from the one logged at intake" +
                  (it != attach_entries.end()
                       ? " (entry " + std::to_string(it->second->seq) + ")"
                       : std::string()));
        }
      }
    }
  } catch (const json::exception& e) {
    problem(std::string("manifest.json or a record file is malformed: ") + e.what());
  }
  return report;
}

}  // namespace recount::app
