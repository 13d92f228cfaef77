// The PostgreSQL side of the tamper-evident log (docs/postgres.md, "Log serialisation"): the same
// tables as SQLite (audit_log, audit_state, checkpoints), the same entries (storage/audit_append.h).
//
// Many processes write at once, yet the log must stay one sequence without gaps or forks. So
// PgLogWriter::Begin locks the single audit_state row (SELECT ... FOR UPDATE) inside the caller's
// transaction: the next writer waits there until this transaction commits or rolls back, then
// reads the frontier it left. The lock is taken as late as possible (imports take it at Commit,
// after their rows are written), so writers overlap in everything but the append itself.
// Not thread-safe; one writer per transaction.
#pragma once

#include <optional>
#include <vector>

#include "storage/audit_append.h"
#include "storage/postgres/pg_conn.h"
#include "storage/postgres/pg_copy_binary.h"

namespace recount::storage::postgres {

class PgLogWriter {
 public:
  // Locks the log until the transaction ends and reads its frontier; kDataLoss when the entries
  // and the stored tree state disagree.
  static Result<PgLogWriter> Begin(Conn& conn, const LogContext& context);

  // Fills in seq, time and actor; returns the seq.
  int64_t Append(AuditEntry entry);
  // Writes the entries, the frontier and (with a signer, if anything was appended) a checkpoint.
  Status Finish();

 private:
  PgLogWriter(Conn& conn, AuditAppender appender) : conn_(&conn), appender_(std::move(appender)) {}
  Conn* conn_;
  AuditAppender appender_;
  BinaryCopyRows rows_;
};

// The stored tree head; size 0 and the empty root for a log without entries.
Result<LogTreeHead> ReadPgTreeHead(Conn& conn);

}  // namespace recount::storage::postgres
