// Row-level security on PostgreSQL (docs/postgres.md, "Row-level security"): which tables it
// covers, and COPY into them.
//
// Migration 11 enables and forces row-level security on the record tables, with policies that
// hide a restricted record's rows (and the identity and testimony only it references) unless the
// session's recount.scope is 'all' or recount.user names a user it is shared with
// (SetPgReadScope in pg_sharing.h). PostgreSQL refuses COPY FROM into a table whose policies
// apply to the copying role (with FORCE: every role but superusers), so rows for those tables go
// through a temporary staging table and INSERT ... SELECT, in the caller's transaction.
//
// Thread-safety: as the Conn (one thread at a time).
#pragma once

#include <string_view>

#include "storage/postgres/pg_conn.h"

namespace recount::storage::postgres {

// True for the tables migration 11 puts under row-level security.
bool HasRowSecurity(std::string_view table);

enum class CopyFormat { kText, kBinary };

// COPY `data` (`format`) into `table` (`columns`, comma-separated): directly, or through a
// staging table for a table under row-level security. Errors as Conn::CopyIn's.
Status CopyRowsInto(Conn& conn, std::string_view table, std::string_view columns,
                    std::string_view data, CopyFormat format = CopyFormat::kText);

}  // namespace recount::storage::postgres
