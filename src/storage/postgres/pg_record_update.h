// Record edits on PostgreSQL (Store::UpdateRecord, RecordVersions; migration 9): the same
// semantics as storage/sqlite/sqlite_record_update.h. It takes the log lock, then locks the person
// row (FOR UPDATE) for the version check, in the order every writer takes them (no deadlock with
// a concurrent link or shred); of two concurrent edits of one version exactly one lands and the
// other gets kConflict.
#pragma once

#include <string>
#include <vector>

#include "storage/audit_append.h"
#include "storage/postgres/pg_conn.h"
#include "storage/store.h"

namespace recount::storage::postgres {

// Inside the caller's transaction.
Result<int64_t> UpdatePgRecord(Conn& conn, const RecordUpdate& update, const LogContext& log);
Result<std::vector<RecordVersion>> ReadPgRecordVersions(Conn& conn, model::RowId record);
// For a shred, inside its transaction: the identity ids the kept versions name; blanks their
// identity and narrative and marks them shredded, or with `drop` deletes them.
Result<std::vector<std::string>> ShredPgRecordVersions(Conn& conn, model::RowId record, bool drop);

}  // namespace recount::storage::postgres
