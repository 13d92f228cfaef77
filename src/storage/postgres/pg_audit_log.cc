#include "storage/postgres/pg_audit_log.h"

#include "base/clock.h"

namespace recount::storage::postgres {
namespace {

std::string_view AsText(const crypto::Bytes& b) {
  return std::string_view(reinterpret_cast<const char*>(b.data()), b.size());
}

Result<crypto::MerkleFrontier> ReadFrontier(Conn& conn, bool lock) {
  ASSIGN_OR_RETURN(Rows rows, conn.Query(std::string("SELECT frontier FROM audit_state WHERE id = 1") +
                                         (lock ? " FOR UPDATE" : "")));
  if (rows.size() == 0) return crypto::MerkleFrontier();
  return ParseStoredFrontier(rows.Bytes(0, 0));
}

}  // namespace

Result<PgLogWriter> PgLogWriter::Begin(Conn& conn, const LogContext& context) {
  // The row exists from the first write on; creating it here (and waiting on a concurrent
  // creator) keeps a fresh store and a tampered one (row deleted) on the same path.
  ASSIGN_OR_RETURN(Rows ins, conn.Query(
      "INSERT INTO audit_state (id, frontier) VALUES (1, $1) ON CONFLICT (id) DO NOTHING",
      {Param::Bytes(AsText(crypto::MerkleFrontier().Serialize()))}));
  ASSIGN_OR_RETURN(crypto::MerkleFrontier frontier, ReadFrontier(conn, /*lock=*/true));
  // The highest seq (an index lookup, as SQLite's last rowid): counting the entries would scan
  // the whole log on every write. Gaps are for `recount audit verify` to find.
  ASSIGN_OR_RETURN(Rows last, conn.Query("SELECT COALESCE(MAX(seq), 0) FROM audit_log"));
  const int64_t max_seq = last.Int(0, 0);
  if (max_seq != static_cast<int64_t>(frontier.size())) {
    return DataLoss("the audit log's last entry is " + std::to_string(max_seq) +
                    " but its tree state says " + std::to_string(frontier.size()) +
                    "; the log was changed outside recount: run 'recount audit verify'");
  }
  return PgLogWriter(conn, AuditAppender(std::move(frontier), context, NowRfc3339()));
}

int64_t PgLogWriter::Append(AuditEntry entry) {
  AuditAppender::Encoded e = appender_.Append(std::move(entry));
  rows_.Int(e.seq);
  rows_.Bytes(e.bytes);
  rows_.Bytes(std::string_view(reinterpret_cast<const char*>(e.leaf.data()), e.leaf.size()));
  rows_.EndRow();
  return e.seq;
}

Status PgLogWriter::Finish() {
  if (appender_.appended() == 0) return Status();
  RETURN_IF_ERROR(conn_->CopyIn("COPY audit_log (seq, entry, leaf_hash) FROM STDIN (FORMAT binary)",
                                rows_.Finish()));
  rows_.Clear();
  ASSIGN_OR_RETURN(Rows upd, conn_->Query(
      "UPDATE audit_state SET frontier = $1 WHERE id = 1",
      {Param::Bytes(AsText(appender_.frontier().Serialize()))}));
  ASSIGN_OR_RETURN(auto checkpoint, appender_.Checkpoint());
  if (!checkpoint) return Status();
  ASSIGN_OR_RETURN(Rows cp, conn_->Query(
      "INSERT INTO checkpoints (size, note, created_at) VALUES ($1, $2, $3)",
      {static_cast<int64_t>(checkpoint->first.size), checkpoint->second, appender_.time()}));
  return Status();
}

Result<LogTreeHead> ReadPgTreeHead(Conn& conn) {
  ASSIGN_OR_RETURN(crypto::MerkleFrontier f, ReadFrontier(conn, /*lock=*/false));
  LogTreeHead head;
  head.size = f.size();
  head.root = f.Root();
  return head;
}

}  // namespace recount::storage::postgres
