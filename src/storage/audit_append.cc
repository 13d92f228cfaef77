#include "storage/audit_append.h"

#include "crypto/merkle_hash.h"
#include "storage/record_digest.h"

namespace recount::storage {

AuditAppender::Encoded AuditAppender::Append(AuditEntry entry) {
  entry.seq = next_seq();
  entry.time = time_;
  entry.actor = context_->actor;
  Encoded out;
  out.seq = entry.seq;
  out.bytes = EncodeAuditEntry(entry);
  out.leaf = crypto::MerkleLeafHash(crypto::AsBytes(out.bytes));
  frontier_.AppendLeafHash(out.leaf);
  ++appended_;
  return out;
}

Result<std::optional<std::pair<LogTreeHead, std::string>>> AuditAppender::Checkpoint() const {
  using Out = std::optional<std::pair<LogTreeHead, std::string>>;
  if (appended_ == 0 || !context_->signer) return Out();
  LogTreeHead head;
  head.size = frontier_.size();
  head.root = frontier_.Root();
  Result<std::string> note = context_->signer(head);
  if (!note.ok()) return note.status().WithContext("signing the audit log checkpoint");
  return Out(std::make_pair(head, std::move(*note)));
}

Result<crypto::MerkleFrontier> ParseStoredFrontier(std::string_view bytes) {
  Result<crypto::MerkleFrontier> f = crypto::MerkleFrontier::Parse(crypto::AsBytes(bytes));
  if (!f.ok()) {
    return DataLoss("the audit log's stored tree state is damaged (" + f.status().message() +
                    "); run 'recount audit verify' and restore a backup");
  }
  return f;
}

namespace {

// An entry that sets a record's state: op, the record, its version and digest, and
// "source S, record X" followed by `suffix`.
AuditEntry RecordStateEntry(std::string op, const StoredRecord& stored, int64_t version,
                            std::string_view source_name, std::string_view suffix) {
  AuditEntry e;
  e.op = std::move(op);
  e.record = stored.record.id;
  e.version = version;
  e.digest = RecordDigest(stored);
  e.detail = "source " + std::string(source_name) + ", record " + stored.record.external_id +
             std::string(suffix);
  return e;
}

}  // namespace

AuditEntry MakeCreateEntry(const StoredRecord& stored, std::string_view source_name) {
  return RecordStateEntry("create", stored, 1, source_name, "");
}

AuditEntry MakeMoreRowsEntry(const StoredRecord& stored, std::string_view source_name) {
  return RecordStateEntry("update", stored, stored.version, source_name,
                          ": more rows later in the same import");
}

AuditEntry MakeUpdateEntry(const StoredRecord& stored, std::string_view reason) {
  return RecordStateEntry("edit", stored, stored.version, stored.record.source,
                          reason.empty() ? ": edited" : ": edited: " + std::string(reason));
}

AuditEntry MakeLinkPairsEntry(int64_t run_id, const std::vector<LinkPair>& stored_pairs) {
  AuditEntry e;
  e.op = "link-pairs";
  e.record = run_id;
  e.digest = PairsDigest(stored_pairs);
  e.detail = "link run " + std::to_string(run_id) + ": " + std::to_string(stored_pairs.size()) +
             " scored pairs";
  return e;
}

AuditEntry MakeLinkEntry(int64_t run_id,
                         const std::vector<std::pair<model::RowId, std::string>>& assignment,
                         size_t records, size_t clusters, size_t pairs) {
  AuditEntry e;
  e.op = "link";
  e.record = run_id;
  e.digest = ClusterDigest(assignment);
  e.detail = "link run " + std::to_string(run_id) + ": " + std::to_string(records) +
             " records in " + std::to_string(clusters) + " clusters, " + std::to_string(pairs) +
             " scored pairs kept";
  return e;
}

AuditEntry MakeShredEntry(model::RowId id, int64_t new_version, std::string_view external_id,
                          ShredScope scope, std::string digest) {
  AuditEntry e;
  e.record = id;
  e.version = new_version;
  e.detail = "record " + std::string(external_id) + ": safety deletion";
  e.op = scope == ShredScope::kWholeRecord ? "delete" : "shred-identity";
  if (scope != ShredScope::kWholeRecord) e.digest = std::move(digest);
  return e;
}

AuditEntry MakeDeletedPairsEntry(int64_t run_id, const std::vector<LinkPair>& pairs,
                                 model::RowId deleted) {
  AuditEntry p;
  p.op = "link-pairs";
  p.record = run_id;
  p.digest = PairsDigest(pairs);
  p.detail = "link run " + std::to_string(run_id) + ": pairs of deleted record " +
             std::to_string(deleted) + " removed";
  return p;
}

AuditEntry MakeLeftClusterEntry(
    const std::vector<std::pair<model::RowId, std::string>>& assignment, model::RowId deleted) {
  AuditEntry link;
  link.op = "link";
  link.digest = ClusterDigest(assignment);
  link.detail = "record " + std::to_string(deleted) + " left its cluster: deleted";
  return link;
}

AuditEntry MakeKeysEntry(std::string_view key_ring, bool created) {
  AuditEntry e;
  e.op = "keys";
  e.digest = KeyRingDigest(key_ring);
  e.detail = created ? "key ring created" : "key ring changed (passphrase or key file)";
  return e;
}

AuditEntry MakeAttachEntry(const EvidenceFile& file, int64_t record_version) {
  AuditEntry e;
  e.op = "attach";
  e.record = file.record;
  e.version = record_version;
  e.digest = EvidenceFileDigest(file);
  e.detail = AttachEntryDetail(file);
  return e;
}

AuditEntry MakeShredAttachmentEntry(const EvidenceFile& file) {
  AuditEntry e;
  e.op = "shred-attachment";
  e.record = file.record;
  e.detail = "attachment " + std::to_string(file.id) + " destroyed with record " +
             std::to_string(file.record) + " (safety deletion)";
  return e;
}

AuditEntry MakeReviewEntry(const ReviewDecision& d) {
  AuditEntry e;
  e.op = "review";
  e.record = d.id;
  e.digest = ReviewDecisionDigest(d);
  e.detail = "review " + std::string(ReviewVerdictName(d.verdict)) + " pair " +
             std::to_string(d.a) + "," + std::to_string(d.b);
  return e;
}

AuditEntry MakeUserEntry(const UserAccount& u, std::string_view change) {
  AuditEntry e;
  e.op = "user";
  e.record = u.id;
  e.version = u.version;
  e.digest = UserAccountDigest(u);
  e.detail = std::string(change) + " " + u.name + " (" + u.role + (u.disabled ? ", disabled" : "") +
             ")";
  return e;
}

AuditEntry MakeShareEntry(const RecordSharing& s, std::string_view change) {
  AuditEntry e;
  e.op = "share";
  e.record = s.record;
  e.version = s.version;
  e.digest = RecordSharingDigest(s);
  e.detail = std::string(change);
  return e;
}

}  // namespace recount::storage
