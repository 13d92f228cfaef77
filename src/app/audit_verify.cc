#include "app/audit_verify.h"

#include <array>
#include <map>

#include "crypto/checkpoint.h"
#include "crypto/encoding.h"
#include "crypto/merkle_tree.h"
#include "storage/audit_entry.h"
#include "storage/record_digest.h"

namespace recount::app {
namespace {

// What the log says a record last looked like.
struct LastEntry {
  int64_t seq = 0;
  int64_t version = 0;
  std::string op;
  std::string digest;
};

class Checker {
 public:
  Checker(AuditReport* report, size_t max_problems) : report_(report), max_(max_problems) {}
  void Problem(std::string what) {
    if (report_->problems.size() < max_) {
      report_->problems.push_back(std::move(what));
    } else if (report_->problems.size() == max_) {
      report_->problems.push_back("(further problems not listed)");
    }
  }

 private:
  AuditReport* report_;
  size_t max_;
};

std::string Hex(const crypto::MerkleHash& h) { return crypto::HexEncode(h); }

std::string Describe(const LastEntry& e) {
  return "entry " + std::to_string(e.seq) + ", " + e.op;
}

// Checks one signed checkpoint against the recomputed tree. Returns its size when it verified.
std::optional<uint64_t> CheckCheckpoint(const std::string& note, const std::string& where,
                                        const crypto::NoteVerifier& key,
                                        const crypto::MemoryLeafHashes& leaves, Checker& check) {
  crypto::CheckpointPolicy policy{key.name(), key, {}, 0};
  Result<crypto::VerifiedCheckpoint> cp = crypto::OpenCheckpoint(note, policy);
  if (!cp.ok()) {
    check.Problem(where + " does not verify with the log key: " + cp.status().message());
    return std::nullopt;
  }
  const uint64_t size = cp->checkpoint.tree_size;
  if (size > leaves.LeafCount()) {
    check.Problem(where + " signs a log of " + std::to_string(size) + " entries but the store has " +
                  std::to_string(leaves.LeafCount()) + ": entries were removed");
    return std::nullopt;
  }
  Result<crypto::MerkleHash> root = crypto::MerkleRoot(leaves, size);
  if (!root.ok() || *root != cp->checkpoint.root_hash) {
    check.Problem(where + " (size " + std::to_string(size) +
                  ") does not match the log's first entries: entries up to " +
                  std::to_string(size) + " were changed, removed or reordered");
    return std::nullopt;
  }
  return size;
}

}  // namespace

Result<AuditReport> VerifyAudit(storage::Store& store, const AuditVerifyOptions& options) {
  AuditReport report;
  Checker check(&report, options.max_problems);

  // 1. The log itself.
  crypto::MemoryLeafHashes leaves;
  std::map<int64_t, LastEntry> records;  // record id -> its last entry
  std::map<int64_t, LastEntry> pair_runs;  // link run id -> its last link-pairs entry
  std::map<int64_t, LastEntry> reviews;    // review decision id -> its entry
  std::map<int64_t, LastEntry> users;      // account id -> its latest "user" entry
  std::map<int64_t, LastEntry> shares;     // record id -> its latest "share" entry
  std::map<int64_t, LastEntry> attaches;   // attachment id -> its attach or shred entry
  // (record, version) -> the entry that made that version; versions an edit replaced (and so
  // must be kept) -> the edit; records whose identity was shredded -> the shred.
  std::map<std::pair<int64_t, int64_t>, LastEntry> versions, edited_from;
  std::map<int64_t, LastEntry> shredded_records;
  std::optional<LastEntry> last_link, last_keys;
  int64_t expected_seq = 1;
  RETURN_IF_ERROR(store.ScanAuditLog([&](int64_t seq, std::string_view bytes) {
    leaves.Append(crypto::AsBytes(bytes));
    if (seq != expected_seq) {
      check.Problem("log entry " + std::to_string(expected_seq) + " is missing (next is " +
                    std::to_string(seq) + "): entries were deleted");
      expected_seq = seq;
    }
    ++expected_seq;
    Result<storage::AuditEntry> e = storage::ParseAuditEntry(bytes);
    if (!e.ok()) {
      check.Problem("log entry " + std::to_string(seq) + " is damaged: " + e.status().message());
      return Status();
    }
    if (e->seq != seq) {
      check.Problem("log entry stored at " + std::to_string(seq) + " says it is entry " +
                    std::to_string(e->seq) + ": entries were moved or reordered");
    }
    LastEntry last{seq, e->version, e->op, e->digest};
    if (storage::IsRecordStateOp(e->op)) {
      records[e->record] = last;
      versions[{e->record, e->version}] = last;
      if (e->op == "edit") edited_from[{e->record, e->version - 1}] = last;
      if (e->op == "shred-identity") shredded_records[e->record] = last;
    } else if (e->op == "shred-attachment") {
      std::optional<int64_t> id = storage::AttachmentIdOfDetail(e->detail);
      if (!id || !attaches.count(*id)) {
        check.Problem("log entry " + std::to_string(seq) + " destroys an attachment that was "
                      "never attached");
      } else {
        attaches[*id] = last;
      }
    } else if (e->op == "link") {
      last_link = last;
    } else if (e->op == "link-pairs") {
      pair_runs[e->record] = last;
    } else if (e->op == "keys") {
      last_keys = last;
    } else if (e->op == "user") {
      users[e->record] = last;
    } else if (e->op == "share") {
      shares[e->record] = last;
    } else if (e->op == "review") {
      if (reviews.count(e->record)) {
        check.Problem("log entry " + std::to_string(seq) + " logs review decision " +
                      std::to_string(e->record) + " a second time");
      }
      reviews[e->record] = last;
    } else if (e->op == "attach") {
      std::optional<int64_t> id = storage::AttachmentIdOfDetail(e->detail);
      if (!id) {
        check.Problem("log entry " + std::to_string(seq) + " is an attach entry naming no "
                      "attachment");
      } else {
        if (attaches.count(*id)) {
          check.Problem("log entry " + std::to_string(seq) + " logs attachment " +
                        std::to_string(*id) + " a second time");
        }
        attaches[*id] = last;
      }
    }
    return Status();
  }));
  report.entries = leaves.LeafCount();
  ASSIGN_OR_RETURN(crypto::MerkleHash root, crypto::MerkleRoot(leaves, leaves.LeafCount()));
  report.root_hex = Hex(root);
  ASSIGN_OR_RETURN(storage::LogTreeHead head, store.AuditTreeHead());
  if (head.size != report.entries || head.root != root) {
    check.Problem("the store's tree head (" + std::to_string(head.size) +
                  " entries) does not match the " + std::to_string(report.entries) +
                  " entries in the log: the log was changed outside recount");
  }

  // 2. Checkpoints.
  std::optional<crypto::NoteVerifier> key = options.log_key;
  report.log_key_source = "trusted key given";
  if (!key) {
    ASSIGN_OR_RETURN(std::optional<std::string> vkey, store.GetSetting("log_vkey"));
    if (vkey) {
      Result<crypto::NoteVerifier> v = crypto::NoteVerifier::FromVkey(*vkey);
      if (!v.ok()) {
        check.Problem("the log key recorded in the store is damaged: " + v.status().message());
      } else {
        key = *v;
      }
    }
    report.log_key_source = "key recorded in the store (give the key you keep to rule out a "
                            "replaced key)";
  }
  ASSIGN_OR_RETURN(std::vector<storage::StoredCheckpoint> checkpoints, store.ListCheckpoints());
  if (!key) {
    if (!checkpoints.empty() || report.entries > 0) {
      check.Problem("no log key to check signatures with: give the log's vkey, or unlock the "
                    "store");
    }
  } else {
    for (const storage::StoredCheckpoint& cp : checkpoints) {
      std::optional<uint64_t> size =
          CheckCheckpoint(cp.note, "checkpoint " + std::to_string(cp.size), *key, leaves, check);
      if (!size) continue;
      if (*size != cp.size) check.Problem("checkpoint row " + std::to_string(cp.size) +
                                          " holds a checkpoint for size " + std::to_string(*size));
      ++report.checkpoints;
      report.signed_size = std::max(report.signed_size, *size);
    }
    for (size_t i = 0; i < options.external_checkpoints.size(); ++i) {
      std::optional<uint64_t> size =
          CheckCheckpoint(options.external_checkpoints[i],
                          "outside checkpoint " + std::to_string(i + 1), *key, leaves, check);
      if (!size) continue;
      ++report.external_checkpoints;
      report.signed_size = std::max(report.signed_size, *size);
    }
  }
  if (report.signed_size < report.entries) {
    check.Problem("log entries " + std::to_string(report.signed_size + 1) + " to " +
                  std::to_string(report.entries) +
                  " are not covered by any signed checkpoint: written outside recount, or by a "
                  "write made without the store key");
  }

  // 3. Records against their last entries.
  std::map<int64_t, bool> seen;
  RETURN_IF_ERROR(store.ScanRecords({}, [&](storage::StoredRecord&& sr) {
    ++report.records;
    const int64_t id = sr.record.id;
    auto it = records.find(id);
    std::string name = "record " + std::to_string(id) + " (" + sr.record.source + " " +
                       sr.record.external_id + ")";
    if (it == records.end()) {
      check.Problem(name + " has no log entry: it was added outside recount");
      return Status();
    }
    seen[id] = true;
    const LastEntry& last = it->second;
    if (last.op == "delete") {
      check.Problem(name + " was deleted (" + Describe(last) + ") but is back in the tables");
    } else if (storage::RecordDigest(sr) != last.digest) {
      check.Problem(name + " differs from its last logged version (" + Describe(last) +
                    "): changed outside recount");
    } else if (sr.version != last.version) {
      check.Problem(name + " has version " + std::to_string(sr.version) + " but its log says " +
                    std::to_string(last.version));
    }
    return Status();
  }));
  for (const auto& [id, last] : records) {
    if (last.op != "delete" && !seen.count(id)) {
      check.Problem("record " + std::to_string(id) + " is in the log (" + Describe(last) +
                    ") but not in the tables: deleted outside recount");
    }
  }

  // 3b. Versions kept by edits: each hashes to the digest its log entry recorded (unless a later
  // shred blanked it), and every version an edit replaced is there.
  ASSIGN_OR_RETURN(std::vector<storage::RecordVersion> kept, store.RecordVersions(0));
  std::map<std::pair<int64_t, int64_t>, bool> kept_seen;
  for (const storage::RecordVersion& v : kept) {
    ++report.kept_versions;
    kept_seen[{v.record, v.version}] = true;
    std::string name = "kept version " + std::to_string(v.version) + " of record " +
                       std::to_string(v.record);
    auto made = versions.find({v.record, v.version});
    if (made == versions.end() || !edited_from.count({v.record, v.version})) {
      check.Problem(name + " was not replaced by any logged edit: added outside recount");
      continue;
    }
    if (v.shredded) {
      auto shred = shredded_records.find(v.record);
      if (shred == shredded_records.end() || shred->second.seq < made->second.seq) {
        check.Problem(name + " is marked shredded but no later shred of the record was logged: "
                      "changed outside recount");
      }
      continue;
    }
    if (storage::Sha256Text(v.canonical) != made->second.digest) {
      check.Problem(name + " differs from what its log entry recorded (" +
                    Describe(made->second) + "): changed outside recount");
    }
  }
  for (const auto& [key, edit] : edited_from) {
    auto last = records.find(key.first);
    if (!kept_seen.count(key) && last != records.end() && last->second.op != "delete") {
      check.Problem("version " + std::to_string(key.second) + " of record " +
                    std::to_string(key.first) + ", replaced by " + Describe(edit) +
                    ", is no longer kept: deleted outside recount");
    }
  }

  // 4. Linkage and keys.
  ASSIGN_OR_RETURN(auto assignment, store.ClusterAssignment());
  if (last_link) {
    if (storage::ClusterDigest(assignment) != last_link->digest) {
      check.Problem("the records' clusters differ from the last linkage (" +
                    Describe(*last_link) + "): changed outside recount");
    }
  } else if (!assignment.empty()) {
    check.Problem(std::to_string(assignment.size()) +
                  " records have a cluster but no linkage was logged: set outside recount");
  }
  ASSIGN_OR_RETURN(std::vector<int64_t> runs, store.LinkRunIds());
  for (int64_t run : runs) {
    auto it = pair_runs.find(run);
    ASSIGN_OR_RETURN(std::vector<storage::LinkPair> pairs, store.LinkPairsOfRun(run));
    if (it == pair_runs.end()) {
      check.Problem("link run " + std::to_string(run) + " has no log entry: added outside recount");
    } else if (storage::PairsDigest(pairs) != it->second.digest) {
      check.Problem("the scored pairs of link run " + std::to_string(run) +
                    " differ from their log entry (" + Describe(it->second) +
                    "): changed outside recount");
    }
  }
  for (const auto& [run, last] : pair_runs) {
    if (std::find(runs.begin(), runs.end(), run) == runs.end()) {
      check.Problem("link run " + std::to_string(run) + " is in the log (" + Describe(last) +
                    ") but not in the tables: deleted outside recount");
    }
  }
  // 5. Review decisions: append-only, each with its own entry.
  ASSIGN_OR_RETURN(std::vector<storage::ReviewDecision> decisions, store.ListReviewDecisions());
  std::map<int64_t, bool> decision_seen;
  for (const storage::ReviewDecision& d : decisions) {
    decision_seen[d.id] = true;
    auto it = reviews.find(d.id);
    std::string name = "review decision " + std::to_string(d.id) + " (" +
                       std::string(storage::ReviewVerdictName(d.verdict)) + " " +
                       std::to_string(d.a) + "," + std::to_string(d.b) + ")";
    if (it == reviews.end()) {
      check.Problem(name + " has no log entry: added outside recount");
    } else if (storage::ReviewDecisionDigest(d) != it->second.digest) {
      check.Problem(name + " differs from its log entry (" + Describe(it->second) +
                    "): changed outside recount");
    }
  }
  for (const auto& [id, last] : reviews) {
    if (!decision_seen.count(id)) {
      check.Problem("review decision " + std::to_string(id) + " is in the log (" +
                    Describe(last) + ") but not in the tables: deleted outside recount");
    }
  }
  report.review_decisions = decisions.size();
  // 5b. Web accounts: each row against its latest "user" entry (role, password, TOTP secret).
  ASSIGN_OR_RETURN(std::vector<storage::UserAccount> accounts, store.ListUsers());
  std::map<int64_t, bool> user_seen;
  for (const storage::UserAccount& u : accounts) {
    user_seen[u.id] = true;
    auto it = users.find(u.id);
    const std::string name = "user account '" + u.name + "' (" + u.role + ")";
    if (it == users.end()) {
      check.Problem(name + " has no log entry: added outside recount");
    } else if (it->second.version != u.version ||
               storage::UserAccountDigest(u) != it->second.digest) {
      check.Problem(name + " differs from its log entry (" + Describe(it->second) +
                    "): its role, password or second factor was changed outside recount");
    }
  }
  for (const auto& [id, last] : users) {
    if (!user_seen.count(id)) {
      check.Problem("user account " + std::to_string(id) + " is in the log (" + Describe(last) +
                    ") but not in the tables: deleted outside recount");
    }
  }
  report.users = accounts.size();
  // 5c. Record sharing (docs/access.md): each record's rows against its latest "share" entry, so
  // a share granted, or a restriction lifted, in the database is reported.
  ASSIGN_OR_RETURN(std::vector<storage::RecordSharing> sharing, store.ListSharing());
  std::map<int64_t, bool> sharing_seen;
  for (const storage::RecordSharing& s : sharing) {
    sharing_seen[s.record] = true;
    ++report.shared_records;
    auto it = shares.find(s.record);
    const std::string name = "the sharing of record " + std::to_string(s.record);
    if (it == shares.end()) {
      check.Problem(name + " has no log entry: restricted or shared outside recount");
    } else if (it->second.version != s.version ||
               storage::RecordSharingDigest(s) != it->second.digest) {
      check.Problem(name + " differs from its log entry (" + Describe(it->second) +
                    "): a user was added or removed, or the restriction changed, outside "
                    "recount");
    }
  }
  for (const auto& [id, last] : shares) {
    if (!sharing_seen.count(id)) {
      check.Problem("the sharing of record " + std::to_string(id) + " is in the log (" +
                    Describe(last) + ") but not in the tables: deleted outside recount");
    }
  }
  // 6. Evidence files: each row against its attach entry, each ciphertext against its logged hash.
  ASSIGN_OR_RETURN(std::vector<storage::EvidenceFile> files, store.ListEvidenceFiles(0));
  std::map<int64_t, bool> file_seen;
  for (const storage::EvidenceFile& f : files) {
    file_seen[f.id] = true;
    ++report.evidence_files;
    auto it = attaches.find(f.id);
    std::string name = "attachment " + std::to_string(f.id) + " (" + f.file_name + ", record " +
                       std::to_string(f.record) + ")";
    if (it == attaches.end()) {
      check.Problem(name + " has no attach entry: added outside recount");
      continue;
    }
    if (it->second.op == "shred-attachment") {
      check.Problem(name + " was destroyed (" + Describe(it->second) +
                    ") but is back in the tables: restored outside recount");
      continue;
    }
    if (storage::EvidenceFileDigest(f) != it->second.digest) {
      check.Problem(name + " differs from its attach entry (" + Describe(it->second) +
                    "): changed outside recount");
      continue;
    }
    Result<std::string> cipher = store.ReadEvidenceCiphertext(f.id);
    if (!cipher.ok()) {
      check.Problem(name + ": its ciphertext cannot be read: " + cipher.status().message());
    } else if (storage::DigestOfBytes(*cipher) != f.ciphertext_sha256) {
      check.Problem("the encrypted file of " + name + " differs from the hash logged at intake (" +
                    Describe(it->second) + "): altered or truncated outside recount");
    }
  }
  for (const auto& [id, last] : attaches) {
    if (!file_seen.count(id) && last.op != "shred-attachment") {
      check.Problem("attachment " + std::to_string(id) + " is in the log (" + Describe(last) +
                    ") but not in the tables: deleted outside recount");
    }
  }
  ASSIGN_OR_RETURN(std::optional<std::string> ring, store.LoadKeyRing());
  if (ring && last_keys) {
    if (storage::KeyRingDigest(*ring) != last_keys->digest) {
      check.Problem("the key ring differs from its last logged version (" +
                    Describe(*last_keys) + "): replaced outside recount");
    }
  } else if (ring && !last_keys) {
    check.Problem("the store has a key ring but its creation was never logged");
  } else if (!ring && last_keys) {
    check.Problem("the log records a key ring (" + Describe(*last_keys) +
                  ") but the store has none: removed outside recount");
  }
  return report;
}

}  // namespace recount::app
