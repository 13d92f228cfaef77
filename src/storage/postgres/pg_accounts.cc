#include "storage/postgres/pg_accounts.h"

#include "base/clock.h"
#include "storage/postgres/pg_audit_log.h"

namespace recount::storage::postgres {
namespace {

constexpr const char* kUserColumns =
    "id, name, role, disabled, password_hash, totp_secret, version, created_at, log_seq, "
    "failed_logins, locked_until, totp_last_step";

UserAccount ReadUser(const Rows& rows, int r) {
  UserAccount u;
  u.id = rows.Int(r, 0);
  u.name = rows.Text(r, 1);
  u.role = rows.Text(r, 2);
  u.disabled = rows.Text(r, 3) == "t";
  u.password_hash = rows.Text(r, 4);
  u.totp_secret = rows.Text(r, 5);
  u.version = rows.Int(r, 6);
  u.created_at = rows.Text(r, 7);
  u.log_seq = rows.Int(r, 8);
  u.failed_logins = rows.Int(r, 9);
  u.locked_until = rows.Text(r, 10);
  u.totp_last_step = rows.Int(r, 11);
  return u;
}

// Runs `body` in a transaction holding the log lock, then appends `u`'s "user" entry and stores
// its seq in the row.
Status WriteWithUserEntry(Conn& conn, UserAccount& u, std::string_view change,
                          const LogContext& log, const std::function<Status()>& body) {
  RETURN_IF_ERROR(conn.Exec("BEGIN"));
  Status s = [&]() -> Status {
    ASSIGN_OR_RETURN(PgLogWriter writer, PgLogWriter::Begin(conn, log));
    RETURN_IF_ERROR(body());
    u.log_seq = writer.Append(MakeUserEntry(u, change));
    RETURN_IF_ERROR(writer.Finish());
    ASSIGN_OR_RETURN(Rows set, conn.Query("UPDATE users SET log_seq = $1 WHERE id = $2",
                                          {u.log_seq, u.id}));
    return Status();
  }();
  if (!s.ok()) {
    conn.Exec("ROLLBACK").IgnoreError();
    return s;
  }
  return conn.Exec("COMMIT");
}

}  // namespace

Result<UserAccount> CreatePgUser(Conn& conn, UserAccount u, const LogContext& log) {
  u.version = 1;
  u.created_at = NowRfc3339();
  u.failed_logins = 0;
  u.locked_until.clear();
  u.totp_last_step = -1;
  RETURN_IF_ERROR(WriteWithUserEntry(conn, u, "add", log, [&]() -> Status {
    ASSIGN_OR_RETURN(Rows ins, conn.Query(
        "INSERT INTO users (name, role, disabled, password_hash, totp_secret, version, "
        "created_at, log_seq) VALUES ($1, $2, $3, $4, $5, $6, $7, 0) "
        "ON CONFLICT (name) DO NOTHING RETURNING id",
        {u.name, u.role, u.disabled ? "true" : "false", u.password_hash, u.totp_secret,
         u.version, u.created_at}));
    if (ins.size() == 0) {
      return AlreadyExists("there is already a user named '" + u.name +
                           "'; choose another name, or change that account with 'recount user'");
    }
    u.id = ins.Int(0, 0);
    return Status();
  }));
  return u;
}

Result<UserAccount> UpdatePgUser(Conn& conn, UserAccount u, std::string_view change,
                                 const LogContext& log) {
  const int64_t expected = u.version;
  u.version = expected + 1;
  u.failed_logins = 0;
  u.locked_until.clear();
  RETURN_IF_ERROR(WriteWithUserEntry(conn, u, change, log, [&]() -> Status {
    ASSIGN_OR_RETURN(Rows upd, conn.Query(
        "UPDATE users SET role = $1, disabled = $2, password_hash = $3, totp_secret = $4, "
        "version = $5, failed_logins = 0, locked_until = '' WHERE id = $6 AND version = $7",
        {u.role, u.disabled ? "true" : "false", u.password_hash, u.totp_secret, u.version, u.id,
         expected}));
    if (upd.Affected() == 1) return Status();
    ASSIGN_OR_RETURN(Rows find, conn.Query("SELECT 1 FROM users WHERE id = $1", {u.id}));
    if (find.size() == 0) return NotFound("no user with id " + std::to_string(u.id));
    return Conflict("user '" + u.name + "' was changed by someone else since it was read; " +
                    "read it again and repeat the change");
  }));
  return u;
}

Result<std::optional<UserAccount>> FindPgUser(Conn& conn, std::string_view name) {
  ASSIGN_OR_RETURN(Rows rows, conn.Query(std::string("SELECT ") + kUserColumns +
                                         " FROM users WHERE name = $1", {name}));
  if (rows.size() == 0) return std::optional<UserAccount>();
  return std::optional<UserAccount>(ReadUser(rows, 0));
}

Result<std::vector<UserAccount>> ListPgUsers(Conn& conn) {
  ASSIGN_OR_RETURN(Rows rows,
                   conn.Query(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY id"));
  std::vector<UserAccount> out;
  for (int r = 0; r < rows.size(); ++r) out.push_back(ReadUser(rows, r));
  return out;
}

Result<bool> ClaimPgTotpStep(Conn& conn, int64_t user_id, int64_t step) {
  ASSIGN_OR_RETURN(Rows upd, conn.Query(
      "UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1",
      {step, user_id}));
  return upd.Affected() == 1;
}

Status SetPgLoginFailures(Conn& conn, int64_t user_id, int64_t failed,
                          std::string_view locked_until) {
  ASSIGN_OR_RETURN(Rows upd, conn.Query(
      "UPDATE users SET failed_logins = $1, locked_until = $2 WHERE id = $3",
      {failed, locked_until, user_id}));
  return Status();
}

Result<std::optional<std::string>> PgAuditEntryAt(Conn& conn, int64_t seq) {
  ASSIGN_OR_RETURN(Rows rows, conn.Query("SELECT entry FROM audit_log WHERE seq = $1", {seq}));
  if (rows.size() == 0) return std::optional<std::string>();
  return std::optional<std::string>(rows.Bytes(0, 0));
}

Status SavePgSession(Conn& conn, const WebSession& s) {
  ASSIGN_OR_RETURN(Rows ins, conn.Query(
      "INSERT INTO web_sessions (token_hash, user_id, csrf_token, created_at, expires_at, "
      "last_seen, client) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      {s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, s.last_seen,
       s.client}));
  return Status();
}

Result<std::optional<WebSession>> FindPgSession(Conn& conn, std::string_view token_hash) {
  ASSIGN_OR_RETURN(Rows rows, conn.Query(
      "SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, s.last_seen, "
      "s.client, u.name FROM web_sessions s JOIN users u ON u.id = s.user_id "
      "WHERE s.token_hash = $1", {token_hash}));
  if (rows.size() == 0) return std::optional<WebSession>();
  WebSession s;
  s.token_hash = rows.Text(0, 0);
  s.user_id = rows.Int(0, 1);
  s.csrf_token = rows.Text(0, 2);
  s.created_at = rows.Text(0, 3);
  s.expires_at = rows.Text(0, 4);
  s.last_seen = rows.Text(0, 5);
  s.client = rows.Text(0, 6);
  s.user_name = rows.Text(0, 7);
  return std::optional<WebSession>(std::move(s));
}

Status TouchPgSession(Conn& conn, std::string_view token_hash, std::string_view last_seen) {
  ASSIGN_OR_RETURN(Rows upd, conn.Query(
      "UPDATE web_sessions SET last_seen = $1 WHERE token_hash = $2", {last_seen, token_hash}));
  return Status();
}

Status DeletePgSessions(Conn& conn, std::string_view token_hash, int64_t user_id) {
  if (!token_hash.empty()) {
    ASSIGN_OR_RETURN(Rows del,
                     conn.Query("DELETE FROM web_sessions WHERE token_hash = $1", {token_hash}));
    return Status();
  }
  ASSIGN_OR_RETURN(Rows del, conn.Query("DELETE FROM web_sessions WHERE user_id = $1", {user_id}));
  return Status();
}

}  // namespace recount::storage::postgres
