// The PostgreSQL side of per-record sharing (storage/record_sharing.h), migration 11: the tables
// of sqlite/sqlite_sharing.h, and the per-connection read scope that the row-level security
// policies read (docs/postgres.md, "Row-level security"). Contracts are Store's (store.h,
// "Per-record sharing").
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "storage/audit_append.h"
#include "storage/postgres/pg_conn.h"
#include "storage/record_sharing.h"

namespace recount::storage::postgres {

Result<RecordSharing> GetPgSharing(Conn& conn, model::RowId record);
Result<RecordSharing> SetPgSharing(Conn& conn, RecordSharing sharing, std::string_view change,
                                   const LogContext& log);
Result<std::vector<RecordSharing>> ListPgSharing(Conn& conn);
// Sets recount.user (the account id, "" for none) and recount.scope ("user" or "all") for the
// rest of the session.
Status SetPgReadScope(Conn& conn, std::optional<int64_t> user);

}  // namespace recount::storage::postgres
