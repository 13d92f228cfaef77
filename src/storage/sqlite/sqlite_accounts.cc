#include "storage/sqlite/sqlite_accounts.h"

#include "base/clock.h"
#include "storage/sqlite/sqlite_audit_log.h"

namespace recount::storage::sqlite {
namespace {

constexpr const char* kUserColumns =
    "id, name, role, disabled, password_hash, totp_secret, version, created_at, log_seq, "
    "failed_logins, locked_until, totp_last_step";

UserAccount ReadUser(const Statement& st) {
  UserAccount u;
  u.id = st.Int(0);
  u.name = st.Text(1);
  u.role = st.Text(2);
  u.disabled = st.Int(3) != 0;
  u.password_hash = st.Text(4);
  u.totp_secret = st.Text(5);
  u.version = st.Int(6);
  u.created_at = st.Text(7);
  u.log_seq = st.Int(8);
  u.failed_logins = st.Int(9);
  u.locked_until = st.Text(10);
  u.totp_last_step = st.Int(11);
  return u;
}

// Runs `body` in a write transaction that also appends `u`'s "user" entry; sets u.log_seq.
Status WriteWithUserEntry(Db& db, UserAccount& u, std::string_view change, const LogContext& log,
                          const std::function<Status()>& body) {
  RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  Status s = [&]() -> Status {
    RETURN_IF_ERROR(body());
    ASSIGN_OR_RETURN(AuditLogWriter writer, AuditLogWriter::Begin(db, log));
    RETURN_IF_ERROR(writer.Append(MakeUserEntry(u, change)));
    RETURN_IF_ERROR(writer.Finish());
    ASSIGN_OR_RETURN(auto last, db.Prepare("SELECT max(seq) FROM audit_log"));
    ASSIGN_OR_RETURN(bool row, last.Step());
    if (!row) return Internal("the log entry of an account change is missing");
    u.log_seq = last.Int(0);
    ASSIGN_OR_RETURN(auto set, db.Prepare("UPDATE users SET log_seq = ? WHERE id = ?"));
    set.Bind(1, u.log_seq);
    set.Bind(2, u.id);
    return set.Run();
  }();
  if (!s.ok()) {
    db.Exec("ROLLBACK").IgnoreError();
    return s;
  }
  return db.Exec("COMMIT");
}

}  // namespace

Result<UserAccount> CreateUserRow(Db& db, UserAccount u, const LogContext& log) {
  u.version = 1;
  u.created_at = NowRfc3339();
  u.failed_logins = 0;
  u.locked_until.clear();
  u.totp_last_step = -1;
  RETURN_IF_ERROR(WriteWithUserEntry(db, u, "add", log, [&]() -> Status {
    ASSIGN_OR_RETURN(auto find, db.Prepare("SELECT 1 FROM users WHERE name = ?"));
    find.Bind(1, u.name);
    ASSIGN_OR_RETURN(bool taken, find.Step());
    if (taken) {
      return AlreadyExists("there is already a user named '" + u.name +
                           "'; choose another name, or change that account with 'recount user'");
    }
    ASSIGN_OR_RETURN(auto ins, db.Prepare(
        "INSERT INTO users (name, role, disabled, password_hash, totp_secret, version, "
        "created_at, log_seq) VALUES (?,?,?,?,?,?,?,0)"));
    ins.Bind(1, u.name);
    ins.Bind(2, u.role);
    ins.Bind(3, int64_t{u.disabled ? 1 : 0});
    ins.Bind(4, u.password_hash);
    ins.Bind(5, u.totp_secret);
    ins.Bind(6, u.version);
    ins.Bind(7, u.created_at);
    RETURN_IF_ERROR(ins.Run());
    u.id = db.LastInsertId();
    return Status();
  }));
  return u;
}

Result<UserAccount> UpdateUserRow(Db& db, UserAccount u, std::string_view change,
                                  const LogContext& log) {
  const int64_t expected = u.version;
  u.version = expected + 1;
  u.failed_logins = 0;
  u.locked_until.clear();
  RETURN_IF_ERROR(WriteWithUserEntry(db, u, change, log, [&]() -> Status {
    ASSIGN_OR_RETURN(auto upd, db.Prepare(
        "UPDATE users SET role = ?, disabled = ?, password_hash = ?, totp_secret = ?, "
        "version = ?, failed_logins = 0, locked_until = '' WHERE id = ? AND version = ?"));
    upd.Bind(1, u.role);
    upd.Bind(2, int64_t{u.disabled ? 1 : 0});
    upd.Bind(3, u.password_hash);
    upd.Bind(4, u.totp_secret);
    upd.Bind(5, u.version);
    upd.Bind(6, u.id);
    upd.Bind(7, expected);
    RETURN_IF_ERROR(upd.Run());
    if (db.Changes() == 1) return Status();
    ASSIGN_OR_RETURN(auto find, db.Prepare("SELECT name FROM users WHERE id = ?"));
    find.Bind(1, u.id);
    ASSIGN_OR_RETURN(bool exists, find.Step());
    if (!exists) return NotFound("no user with id " + std::to_string(u.id));
    return Conflict("user '" + u.name + "' was changed by someone else since it was read; " +
                    "read it again and repeat the change");
  }));
  // The stored row keeps the name it has; the caller's name is only used in messages.
  return u;
}

Result<std::optional<UserAccount>> FindUserRow(Db& db, std::string_view name) {
  ASSIGN_OR_RETURN(auto st, db.PrepareCached(std::string("SELECT ") + kUserColumns +
                                             " FROM users WHERE name = ?"));
  st.Bind(1, name);
  ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<UserAccount>();
  return std::optional<UserAccount>(ReadUser(st));
}

Result<std::vector<UserAccount>> ListUserRows(Db& db) {
  ASSIGN_OR_RETURN(auto st,
                   db.Prepare(std::string("SELECT ") + kUserColumns + " FROM users ORDER BY id"));
  std::vector<UserAccount> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(ReadUser(st));
  }
  return out;
}

Result<bool> ClaimTotpStepRow(Db& db, int64_t user_id, int64_t step) {
  ASSIGN_OR_RETURN(auto upd, db.Prepare(
      "UPDATE users SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?"));
  upd.Bind(1, step);
  upd.Bind(2, user_id);
  upd.Bind(3, step);
  RETURN_IF_ERROR(upd.Run());
  return db.Changes() == 1;
}

Status SetLoginFailuresRow(Db& db, int64_t user_id, int64_t failed, std::string_view locked_until) {
  ASSIGN_OR_RETURN(auto upd, db.Prepare(
      "UPDATE users SET failed_logins = ?, locked_until = ? WHERE id = ?"));
  upd.Bind(1, failed);
  upd.Bind(2, locked_until);
  upd.Bind(3, user_id);
  return upd.Run();
}

Result<std::optional<std::string>> AuditEntryAtRow(Db& db, int64_t seq) {
  ASSIGN_OR_RETURN(auto st, db.PrepareCached("SELECT entry FROM audit_log WHERE seq = ?"));
  st.Bind(1, seq);
  ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(st.Text(0));
}

Status SaveSessionRow(Db& db, const WebSession& s) {
  ASSIGN_OR_RETURN(auto ins, db.Prepare(
      "INSERT INTO web_sessions (token_hash, user_id, csrf_token, created_at, expires_at, "
      "last_seen, client) VALUES (?,?,?,?,?,?,?)"));
  ins.Bind(1, s.token_hash);
  ins.Bind(2, s.user_id);
  ins.Bind(3, s.csrf_token);
  ins.Bind(4, s.created_at);
  ins.Bind(5, s.expires_at);
  ins.Bind(6, s.last_seen);
  ins.Bind(7, s.client);
  return ins.Run();
}

Result<std::optional<WebSession>> FindSessionRow(Db& db, std::string_view token_hash) {
  ASSIGN_OR_RETURN(auto st, db.PrepareCached(
      "SELECT s.token_hash, s.user_id, s.csrf_token, s.created_at, s.expires_at, s.last_seen, "
      "s.client, u.name FROM web_sessions s JOIN users u ON u.id = s.user_id "
      "WHERE s.token_hash = ?"));
  st.Bind(1, token_hash);
  ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<WebSession>();
  WebSession s;
  s.token_hash = st.Text(0);
  s.user_id = st.Int(1);
  s.csrf_token = st.Text(2);
  s.created_at = st.Text(3);
  s.expires_at = st.Text(4);
  s.last_seen = st.Text(5);
  s.client = st.Text(6);
  s.user_name = st.Text(7);
  return std::optional<WebSession>(std::move(s));
}

Status TouchSessionRow(Db& db, std::string_view token_hash, std::string_view last_seen) {
  ASSIGN_OR_RETURN(auto upd,
                   db.PrepareCached("UPDATE web_sessions SET last_seen = ? WHERE token_hash = ?"));
  upd.Bind(1, last_seen);
  upd.Bind(2, token_hash);
  return upd.Run();
}

Status DeleteSessionRows(Db& db, std::string_view token_hash, int64_t user_id) {
  if (!token_hash.empty()) {
    ASSIGN_OR_RETURN(auto del, db.Prepare("DELETE FROM web_sessions WHERE token_hash = ?"));
    del.Bind(1, token_hash);
    return del.Run();
  }
  ASSIGN_OR_RETURN(auto del, db.Prepare("DELETE FROM web_sessions WHERE user_id = ?"));
  del.Bind(1, user_id);
  return del.Run();
}

}  // namespace recount::storage::sqlite
