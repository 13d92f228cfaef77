#include "storage/sqlite/sqlite_audit_log.h"

#include "base/clock.h"
#include "crypto/merkle_hash.h"

namespace recount::storage::sqlite {
namespace {

Result<crypto::MerkleFrontier> ReadFrontier(Db& db) {
  ASSIGN_OR_RETURN(auto st, db.Prepare("SELECT frontier FROM audit_state WHERE id = 1"));
  ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return crypto::MerkleFrontier();
  return ParseStoredFrontier(st.Text(0));
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
  return AuditLogWriter(db, std::move(inserter),
                        AuditAppender(std::move(frontier), context, NowRfc3339()));
}

Status AuditLogWriter::Append(AuditEntry entry) {
  AuditAppender::Encoded e = appender_.Append(std::move(entry));
  inserter_.Blob(e.bytes);
  inserter_.Blob(std::string_view(reinterpret_cast<const char*>(e.leaf.data()), e.leaf.size()));
  return inserter_.EndRow();
}

Status AuditLogWriter::Finish() {
  RETURN_IF_ERROR(inserter_.Flush());
  if (appender_.appended() == 0) return Status();
  const crypto::Bytes frontier = appender_.frontier().Serialize();
  ASSIGN_OR_RETURN(auto st, db_->Prepare(
      "INSERT INTO audit_state (id, frontier) VALUES (1, ?) "
      "ON CONFLICT (id) DO UPDATE SET frontier = excluded.frontier"));
  st.BindBlob(1, std::string_view(reinterpret_cast<const char*>(frontier.data()), frontier.size()));
  RETURN_IF_ERROR(st.Run());
  ASSIGN_OR_RETURN(auto checkpoint, appender_.Checkpoint());
  if (!checkpoint) return Status();
  ASSIGN_OR_RETURN(auto cp, db_->Prepare(
      "INSERT INTO checkpoints (size, note, created_at) VALUES (?, ?, ?)"));
  cp.Bind(1, static_cast<int64_t>(checkpoint->first.size));
  cp.Bind(2, checkpoint->second);
  cp.Bind(3, appender_.time());
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
