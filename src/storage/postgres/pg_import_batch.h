// An import into PostgreSQL (docs/postgres.md, "Bulk import"): one transaction; row ids reserved
// from the tables' sequences in blocks; rows buffered and written with COPY; the records the
// source already holds are read once at the start, so Add answers "already in this source" without
// a round trip. Log entries are built as rows are added and appended at Commit, under the log lock
// (pg_audit_log.h), so concurrent imports overlap in everything but that append.
//
// Two imports into the same source at the same time that add the same external id: the second to
// write it waits for the first and then fails (kConflict), rolled back as a whole.
#pragma once

#include <memory>
#include <string>

#include "storage/audit_append.h"
#include "storage/postgres/pg_conn.h"
#include "storage/store.h"

namespace recount::storage::postgres {

// Starts the batch inside the transaction the caller opened (BEGIN; source and import rows
// written); the batch commits it or rolls it back.
Result<std::unique_ptr<ImportBatch>> NewPgImportBatch(Conn* conn, int64_t source_id,
                                                      std::string source_name, int64_t import_id,
                                                      const LogContext& log);

}  // namespace recount::storage::postgres
