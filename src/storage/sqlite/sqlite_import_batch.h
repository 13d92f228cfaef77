// The SQLite ImportBatch: one import in one write transaction (BEGIN IMMEDIATE by the caller).
//
// Speed (bench/bench_import.cc): a testimony row is inserted at once, because its unique index on
// (source, external id) is what tells a repeated record without a lookup; every other row
// (identity, person, events, acts, involvements) is written with multi-row INSERTs that append
// at the end of each table, their ids known in advance (bulk_insert.h). Everything is flushed before any lookup and at Commit().
#pragma once

#include <memory>

#include "storage/sqlite/sqlite_audit_log.h"
#include "storage/sqlite/sqlite_db.h"
#include "storage/store.h"

namespace recount::storage::sqlite {

// Starts the batch inside the caller's open transaction; the batch commits it, or rolls it back
// when destroyed uncommitted.
// Each new record is logged ("create", with its digest) as soon as its last row is written;
// records that get more rows later in the same import are logged again ("update") at Commit.
// `log` must outlive the batch.
Result<std::unique_ptr<ImportBatch>> NewSqliteImportBatch(Db* db, int64_t source_id,
                                                          std::string source_name,
                                                          int64_t import_id,
                                                          const LogContext& log);

}  // namespace recount::storage::sqlite
