// The SQLite side of the tamper-evident log: appending entries inside a write transaction, and
// the tables it keeps (migration 6):
//
//   audit_log (seq INTEGER PRIMARY KEY, entry BLOB, leaf_hash BLOB)  one row per entry
//   audit_state (id = 1, frontier BLOB)   the Merkle frontier (crypto/merkle_frontier.h)
//   checkpoints (size PRIMARY KEY, note, created_at)   signed tree heads
//
// AuditLogWriter is made at the start of a write transaction: it reads the frontier, appends
// entries (bulk, with their RFC 9162 leaf hashes), and Finish() stores the new frontier and, with
// a signer, a checkpoint for the new tree head — all before the caller commits, so a change, its
// entry and its checkpoint land together or not at all. Not thread-safe.
#pragma once

#include <optional>
#include <string>

#include "crypto/merkle_frontier.h"
#include "storage/audit_append.h"
#include "storage/sqlite/bulk_insert.h"
#include "storage/sqlite/sqlite_db.h"
#include "storage/store.h"

namespace recount::storage::sqlite {

// LogContext (who writes, who signs) is shared with the PostgreSQL backend: storage/audit_append.h.
class AuditLogWriter {
 public:
  static Result<AuditLogWriter> Begin(Db& db, const LogContext& context);

  // Fills in seq, time and actor, and appends.
  Status Append(AuditEntry entry);
  int64_t appended() const { return appender_.appended(); }
  // The seq the next Append gives its entry.
  int64_t next_seq() const { return appender_.next_seq(); }
  // Writes every buffered entry, the frontier and (with a signer, if anything was appended) the
  // signed checkpoint.
  Status Finish();

 private:
  AuditLogWriter(Db& db, BulkInserter inserter, AuditAppender appender)
      : db_(&db), inserter_(std::move(inserter)), appender_(std::move(appender)) {}
  Db* db_;
  BulkInserter inserter_;
  AuditAppender appender_;  // numbering, leaf hashes, frontier, checkpoint (shared)
};

// Reads the stored tree head; size 0 and the empty root for a log without entries.
Result<LogTreeHead> ReadTreeHead(Db& db);

}  // namespace recount::storage::sqlite
