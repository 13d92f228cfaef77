// PostgreSQL side of the logical copy (storage/table_dump.h): reading every table from one
// REPEATABLE READ snapshot through a cursor, and loading a copy into a new store with COPY in one
// transaction, then moving the identity sequences past the loaded ids.
#pragma once

#include <memory>

#include "storage/postgres/pg_conn.h"
#include "storage/table_dump.h"

namespace recount::storage::postgres {

Status DumpPgTables(Conn& conn, DumpSink& sink);
// The store must hold no data (kFailedPrecondition otherwise).
Result<std::unique_ptr<TableLoader>> BeginPgTableLoad(Conn& conn);

}  // namespace recount::storage::postgres
