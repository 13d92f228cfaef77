// Record edits on SQLite (Store::UpdateRecord, RecordVersions; migration 9).
//
//   record_versions (record_id, version, canonical, replaced_at, replaced_by, shredded)
//
// An edit keeps the current version's canonical bytes (record_digest.h) in record_versions, then
// rewrites the record's testimony and person rows, replaces its events, acts and involvements,
// bumps persons.version and appends the "update" log entry, all in one BEGIN IMMEDIATE
// transaction: a conflicting or failed edit changes nothing. Old identity rows stay (a kept
// version names its identity id); ShredRecordRows destroys them with the record.
#pragma once

#include <string>
#include <vector>

#include "storage/audit_append.h"
#include "storage/sqlite/sqlite_db.h"
#include "storage/store.h"

namespace recount::storage::sqlite {

Result<int64_t> UpdateRecordRows(Db& db, const RecordUpdate& update, const LogContext& log);
Result<std::vector<RecordVersion>> ReadRecordVersions(Db& db, model::RowId record);

// For a shred of `record` (sqlite_safety.cc), inside its transaction: returns the identity ids its
// kept versions name (to delete with the current one), and blanks their identity and narrative
// and marks them shredded; with `drop` the kept versions are deleted instead.
Result<std::vector<std::string>> ShredRecordVersions(Db& db, model::RowId record, bool drop);

}  // namespace recount::storage::sqlite
