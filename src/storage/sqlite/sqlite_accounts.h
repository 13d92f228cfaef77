// The SQLite side of web accounts and sessions (storage/user_account.h), migration 10:
//
//   users (id, name UNIQUE, role, disabled, password_hash, totp_secret, version, created_at,
//          log_seq, failed_logins, locked_until, totp_last_step)
//   web_sessions (token_hash PRIMARY KEY, user_id, csrf_token, created_at, expires_at,
//                 last_seen, client)
//
// Account writes go in one transaction with their "user" log entry; the contract of each
// function is Store's (store.h, "Web accounts and sessions").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "storage/audit_append.h"
#include "storage/sqlite/sqlite_db.h"
#include "storage/user_account.h"

namespace recount::storage::sqlite {

Result<UserAccount> CreateUserRow(Db& db, UserAccount user, const LogContext& log);
Result<UserAccount> UpdateUserRow(Db& db, UserAccount user, std::string_view change,
                                  const LogContext& log);
Result<std::optional<UserAccount>> FindUserRow(Db& db, std::string_view name);
Result<std::vector<UserAccount>> ListUserRows(Db& db);
Result<bool> ClaimTotpStepRow(Db& db, int64_t user_id, int64_t step);
Status SetLoginFailuresRow(Db& db, int64_t user_id, int64_t failed, std::string_view locked_until);
Result<std::optional<std::string>> AuditEntryAtRow(Db& db, int64_t seq);
Status SaveSessionRow(Db& db, const WebSession& s);
Result<std::optional<WebSession>> FindSessionRow(Db& db, std::string_view token_hash);
Status TouchSessionRow(Db& db, std::string_view token_hash, std::string_view last_seen);
Status DeleteSessionRows(Db& db, std::string_view token_hash, int64_t user_id);

}  // namespace recount::storage::sqlite
