// SQLite side of the logical copy (storage/table_dump.h): reading every table in one read
// transaction and loading a copy into a new store in one write transaction.
#pragma once

#include <memory>

#include "storage/sqlite/sqlite_db.h"
#include "storage/table_dump.h"

namespace recount::storage::sqlite {

Status DumpSqliteTables(Db& db, DumpSink& sink);
// The store behind `db` must hold no data (kFailedPrecondition naming `where` otherwise).
Result<std::unique_ptr<TableLoader>> BeginSqliteTableLoad(Db& db, const std::string& where);

}  // namespace recount::storage::sqlite
