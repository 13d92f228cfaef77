// The PostgreSQL side of web accounts and sessions (storage/user_account.h), migration 10; the
// same tables and contracts as sqlite/sqlite_accounts.h. Account changes take the log lock
// (PgLogWriter) before the row is written, so concurrent changes of one account serialise and the
// version check is exact.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/audit_append.h"
#include "storage/postgres/pg_conn.h"
#include "storage/user_account.h"

namespace recount::storage::postgres {

Result<UserAccount> CreatePgUser(Conn& conn, UserAccount user, const LogContext& log);
Result<UserAccount> UpdatePgUser(Conn& conn, UserAccount user, std::string_view change,
                                 const LogContext& log);
Result<std::optional<UserAccount>> FindPgUser(Conn& conn, std::string_view name);
Result<std::vector<UserAccount>> ListPgUsers(Conn& conn);
Result<bool> ClaimPgTotpStep(Conn& conn, int64_t user_id, int64_t step);
Status SetPgLoginFailures(Conn& conn, int64_t user_id, int64_t failed,
                          std::string_view locked_until);
Result<std::optional<std::string>> PgAuditEntryAt(Conn& conn, int64_t seq);
Status SavePgSession(Conn& conn, const WebSession& s);
Result<std::optional<WebSession>> FindPgSession(Conn& conn, std::string_view token_hash);
Status TouchPgSession(Conn& conn, std::string_view token_hash, std::string_view last_seen);
Status DeletePgSessions(Conn& conn, std::string_view token_hash, int64_t user_id);

}  // namespace recount::storage::postgres
