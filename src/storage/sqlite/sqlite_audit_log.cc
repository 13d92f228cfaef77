#include "storage/sqlite/sqlite_audit_log.h"

#include "base/clock.h"
#include "crypto/merkle_hash.h"

namespace recount::storage::sqlite {
namespace {

Result<crypto::MerkleFrontier> ReadFrontier(Db& db) {
  ASSIGN_OR_RETURN(auto st, db.Prepare("SELECT frontier FROM audit_state WHERE id = 1"));
  ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return crypto::MerkleFrontier();
  const std::string bytes = st.Text(0);
  Result<crypto::MerkleFrontier> f = crypto::MerkleFrontier::Parse(crypto::AsBytes(bytes));
  if (!f.ok()) {
    return DataLoss("the audit log's stored tree state is damaged (" + f.status().message() +
                    "); run 'recount audit verify' and restore a backup");
  }
  return f;
}

}  // namespace

Result<AuditLogWriter> AuditLogWriter::Begin(Db& db, const LogContext& context) {
  ASSIGN_OR_RETURN(crypto::MerkleFrontier frontier, ReadFrontier(db));
  ASSIGN_OR_RETURN(BulkInserter inserter,
                   BulkInserter::Create(&db, "audit_log", {"entry", "leaf_hash"}));
  if (inserter.NextRowId() != static_cast<int64_t>(frontier.size()) + 1) {
    return DataLoss("the audit log holds " + std::to_string(inserter.NextRowId() - 1) +
                    " entries but its tree state says " + std::to_string(frontier.size()) +
                    "; the log was changed outside recount: run 'recount audit verify'");
  }
  return AuditLogWriter(db, context, std::move(inserter), std::move(frontier), NowRfc3339());
}

Status AuditLogWriter::Append(AuditEntry entry) {
  entry.seq = inserter_.NextRowId();
  entry.time = time_;
  entry.actor = context_->actor;
  const std::string bytes = EncodeAuditEntry(entry);
  const crypto::MerkleHash leaf = crypto::MerkleLeafHash(crypto::AsBytes(bytes));
  frontier_.AppendLeafHash(leaf);
  inserter_.Blob(bytes);
  inserter_.Blob(std::string_view(reinterpret_cast<const char*>(leaf.data()), leaf.size()));
  ++appended_;
  return inserter_.EndRow();
}

Status AuditLogWriter::Finish() {
  RETURN_IF_ERROR(inserter_.Flush());
  if (appended_ == 0) return Status();
  const crypto::Bytes frontier = frontier_.Serialize();
  ASSIGN_OR_RETURN(auto st, db_->Prepare(
      "INSERT INTO audit_state (id, frontier) VALUES (1, ?) "
      "ON CONFLICT (id) DO UPDATE SET frontier = excluded.frontier"));
  st.BindBlob(1, std::string_view(reinterpret_cast<const char*>(frontier.data()), frontier.size()));
  RETURN_IF_ERROR(st.Run());
  if (!context_->signer) return Status();
  LogTreeHead head;
  head.size = frontier_.size();
  head.root = frontier_.Root();
  Result<std::string> note = context_->signer(head);
  if (!note.ok()) return note.status().WithContext("signing the audit log checkpoint");
  ASSIGN_OR_RETURN(auto cp, db_->Prepare(
      "INSERT INTO checkpoints (size, note, created_at) VALUES (?, ?, ?)"));
  cp.Bind(1, static_cast<int64_t>(head.size));
  cp.Bind(2, *note);
  cp.Bind(3, time_);
  return cp.Run();
}

Result<LogTreeHead> ReadTreeHead(Db& db) {
  ASSIGN_OR_RETURN(crypto::MerkleFrontier f, ReadFrontier(db));
  LogTreeHead head;
  head.size = f.size();
  head.root = f.Root();
  return head;
}

}  // namespace recount::storage::sqlite
