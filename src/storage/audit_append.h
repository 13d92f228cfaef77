// The backend-neutral half of appending to the tamper-evident log (docs/security.md 7.5): who
// writes and who signs (LogContext), numbering, time, actor, RFC 9162 leaf hashes, the Merkle
// frontier and the signed checkpoint for the new tree head (AuditAppender), and the entries each
// kind of write appends (the Make*Entry builders), so SQLite and PostgreSQL log exactly the same
// bytes for the same change. Each backend only stores what these produce, inside its write
// transaction (sqlite/sqlite_audit_log.h, postgres/pg_audit_log.h).
//
// Thread-safety: LogContext and AuditAppender are values used by one thread; builders are pure.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "crypto/merkle_frontier.h"
#include "storage/store.h"

namespace recount::storage {

// Who writes and who signs: set on the store, passed to each transaction's writer.
struct LogContext {
  std::string actor = "unknown";
  CheckpointSigner signer;  // empty: entries stay unsigned
};

// Numbers, stamps and hashes the entries of one write transaction, starting from the stored
// frontier; the caller stores each Encoded entry, then Frontier() and Checkpoint().
class AuditAppender {
 public:
  AuditAppender(crypto::MerkleFrontier frontier, const LogContext& context, std::string time)
      : frontier_(std::move(frontier)), context_(&context), time_(std::move(time)) {}

  struct Encoded {
    int64_t seq = 0;
    std::string bytes;        // EncodeAuditEntry
    crypto::MerkleHash leaf;  // RFC 9162 leaf hash of `bytes`
  };
  // Fills in seq, time and actor; advances the frontier.
  Encoded Append(AuditEntry entry);

  int64_t next_seq() const { return static_cast<int64_t>(frontier_.size()) + 1; }
  int64_t appended() const { return appended_; }
  const std::string& time() const { return time_; }
  const crypto::MerkleFrontier& frontier() const { return frontier_; }
  // With a signer and at least one entry appended: the new head and its signed note.
  Result<std::optional<std::pair<LogTreeHead, std::string>>> Checkpoint() const;

 private:
  crypto::MerkleFrontier frontier_;
  const LogContext* context_;
  std::string time_;  // one time for the whole transaction
  int64_t appended_ = 0;
};

// Reads a stored frontier; kDataLoss naming what to do when damaged.
Result<crypto::MerkleFrontier> ParseStoredFrontier(std::string_view bytes);

// --- The entries each write appends (seq, time and actor are filled in by the appender).
// A record created by an import: its digest as stored.
AuditEntry MakeCreateEntry(const StoredRecord& stored, std::string_view source_name);
// A record of this import that got more rows later in the same import.
AuditEntry MakeMoreRowsEntry(const StoredRecord& stored, std::string_view source_name);
// A record edited (Store::UpdateRecord, op "edit"): its new version and digest, and the reason.
AuditEntry MakeUpdateEntry(const StoredRecord& stored, std::string_view reason);
// A linkage run: its kept pairs, then the cluster of every record.
AuditEntry MakeLinkPairsEntry(int64_t run_id, const std::vector<LinkPair>& stored_pairs);
AuditEntry MakeLinkEntry(int64_t run_id,
                         const std::vector<std::pair<model::RowId, std::string>>& assignment,
                         size_t records, size_t clusters, size_t pairs);
// A safety deletion of record `id` (digest: the record after the shred, "-" once deleted), then
// per run the pairs left after the deleted record's were removed, and the clusters it left.
AuditEntry MakeShredEntry(model::RowId id, int64_t new_version, std::string_view external_id,
                          ShredScope scope, std::string digest);
AuditEntry MakeDeletedPairsEntry(int64_t run_id, const std::vector<LinkPair>& pairs,
                                 model::RowId deleted);
AuditEntry MakeLeftClusterEntry(
    const std::vector<std::pair<model::RowId, std::string>>& assignment, model::RowId deleted);
// The key ring was created (no expected ring) or replaced.
AuditEntry MakeKeysEntry(std::string_view key_ring, bool created);
// An evidence file attached to a record at `record_version`.
AuditEntry MakeAttachEntry(const EvidenceFile& file, int64_t record_version);
// An attachment destroyed by a whole-record safety deletion (its key and ciphertext deleted).
AuditEntry MakeShredAttachmentEntry(const EvidenceFile& file);
// A review decision as stored.
AuditEntry MakeReviewEntry(const ReviewDecision& d);
// "user": an account created or changed (record = user id, version, digest UserAccountDigest).
AuditEntry MakeUserEntry(const UserAccount& u, std::string_view change);
// "share": a record's sharing set (record = record id, version = sharing version, digest
// RecordSharingDigest); `change` is the detail line (what changed, naming the users).
AuditEntry MakeShareEntry(const RecordSharing& s, std::string_view change);

}  // namespace recount::storage
