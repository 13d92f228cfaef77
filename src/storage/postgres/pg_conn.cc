#include "storage/postgres/pg_conn.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>

namespace recount::storage::postgres {
namespace {

std::string Trim(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// What a SQLSTATE means for the caller, and what to tell the user.
Status FromSqlState(const std::string& state, std::string msg) {
  if (state == "23505") return AlreadyExists(msg);
  if (state == "40001" || state == "40P01") {
    return Conflict(msg + "; a concurrent change got in the way, try again");
  }
  if (state == "42501") {
    return PermissionDenied(msg + "; the database role lacks this right (docs/postgres.md, "
                                  "roles)");
  }
  if (state.rfind("28", 0) == 0) {
    return Unauthenticated(msg + "; check the user name and the password in ~/.pgpass or "
                                 "PGPASSFILE");
  }
  if (state.rfind("08", 0) == 0 || state.rfind("57P", 0) == 0) {
    return IoError(msg + "; the connection to the server was lost, try again");
  }
  if (state == "3D000") return NotFound(msg);
  if (state.rfind("53", 0) == 0) return ResourceExhausted(msg);
  return Internal(msg);
}

}  // namespace

bool IsPostgresUrl(std::string_view location) {
  return location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0;
}

Param Param::Double(double v) {
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return Param(std::string_view(buf, ec == std::errc() ? end - buf : 0));
}

Rows::Rows(PGresult* res) : res_(res) {}
Rows::~Rows() { PQclear(res_); }
int Rows::size() const { return PQntuples(res_); }
bool Rows::IsNull(int row, int col) const { return PQgetisnull(res_, row, col) != 0; }
std::string Rows::Text(int row, int col) const {
  return std::string(PQgetvalue(res_, row, col), PQgetlength(res_, row, col));
}
int64_t Rows::Int(int row, int col) const {
  if (IsNull(row, col)) return 0;
  return std::strtoll(PQgetvalue(res_, row, col), nullptr, 10);
}
double Rows::Double(int row, int col) const {
  if (IsNull(row, col)) return 0;
  const char* p = PQgetvalue(res_, row, col);
  double v = 0;
  std::from_chars(p, p + PQgetlength(res_, row, col), v);
  return v;
}
std::string Rows::Bytes(int row, int col) const {
  if (IsNull(row, col)) return std::string();
  size_t n = 0;
  unsigned char* raw =
      PQunescapeBytea(reinterpret_cast<const unsigned char*>(PQgetvalue(res_, row, col)), &n);
  if (raw == nullptr) return std::string();
  std::string out(reinterpret_cast<const char*>(raw), n);
  PQfreemem(raw);
  return out;
}
int64_t Rows::Affected() const {
  const char* n = PQcmdTuples(res_);
  return (n && *n) ? std::strtoll(n, nullptr, 10) : 0;
}

Result<std::unique_ptr<Conn>> Conn::Connect(const std::string& url) {
  char* parse_error = nullptr;
  PQconninfoOption* opts = PQconninfoParse(url.c_str(), &parse_error);
  if (opts == nullptr) {
    std::string why = parse_error ? Trim(parse_error) : "out of memory";
    PQfreemem(parse_error);
    return InvalidArgument("cannot read the store URL (" + why +
                           "); the form is postgresql://USER@HOST:PORT/DATABASE");
  }
  std::string host, port, db, password;
  for (PQconninfoOption* o = opts; o->keyword != nullptr; ++o) {
    std::string_view k = o->keyword;
    std::string v = o->val ? o->val : "";
    if (k == "host") host = v;
    if (k == "port") port = v;
    if (k == "dbname") db = v;
    if (k == "password") password = v;
  }
  PQconninfoFree(opts);
  if (!password.empty()) {
    return InvalidArgument("the store URL holds a password; never put one on the command line: "
                           "remove it and keep it in ~/.pgpass (or the file PGPASSFILE names)");
  }
  std::string where = "PostgreSQL server " + (host.empty() ? std::string("(default socket)")
                                                           : host) +
                      (port.empty() ? "" : ":" + port) + ", database " +
                      (db.empty() ? std::string("(the user's)") : db);
  PGconn* conn = PQconnectdb(url.c_str());
  if (conn == nullptr) return ResourceExhausted("out of memory connecting to " + where);
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string msg = Trim(PQerrorMessage(conn));
    PQfinish(conn);
    std::string text = "cannot connect to " + where + ": " + msg;
    if (msg.find("does not exist") != std::string::npos && msg.find("database") != std::string::npos) {
      return NotFound(text + "; create the database first (createdb), then 'recount init'");
    }
    if (msg.find("password") != std::string::npos || msg.find("authentication") != std::string::npos) {
      return Unauthenticated(text + "; check the user and the password in ~/.pgpass or PGPASSFILE");
    }
    return IoError(text + "; check that the server runs and the host, port and database are right");
  }
  auto out = std::unique_ptr<Conn>(new Conn(conn, std::move(where)));
  // Quiet notices; stable text formats whatever the server's defaults.
  RETURN_IF_ERROR(out->Exec(
      "SET client_min_messages = warning; SET bytea_output = 'hex'; SET TIME ZONE 'UTC'; "
      "SET extra_float_digits = 3"));
  return out;
}

Conn::~Conn() { PQfinish(conn_); }

Status Conn::FromResult(PGresult* res, std::string_view sql) {
  ExecStatusType st = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
  if (st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_COPY_IN) {
    last_sqlstate_.clear();
    return Status();
  }
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  last_sqlstate_ = state ? state : "";
  std::string server_msg = Trim(res ? PQresultErrorMessage(res) : PQerrorMessage(conn_));
  if (server_msg.empty()) server_msg = Trim(PQerrorMessage(conn_));
  std::string head(sql.substr(0, 60));
  for (char& c : head) {
    if (c == '\n') c = ' ';
  }
  std::string msg = "statement '" + head + "...' on " + where_ + ": " + server_msg;
  if (PQstatus(conn_) == CONNECTION_BAD) {
    return IoError(msg + "; the connection to the server was lost, try again");
  }
  return FromSqlState(last_sqlstate_, std::move(msg));
}

Status Conn::Exec(std::string_view sql) {
  PGresult* res = PQexec(conn_, std::string(sql).c_str());
  Status s = FromResult(res, sql);
  PQclear(res);
  return s;
}

Result<Rows> Conn::Query(std::string_view sql, const std::vector<Param>& params) {
  std::vector<const char*> values(params.size());
  std::vector<int> lengths(params.size());
  std::vector<int> formats(params.size());
  for (size_t i = 0; i < params.size(); ++i) {
    const Param& p = params[i];
    values[i] = p.kind == Param::Kind::kNull ? nullptr : p.value.data();
    lengths[i] = static_cast<int>(p.value.size());
    formats[i] = p.kind == Param::Kind::kBytes ? 1 : 0;
  }
  std::string text(sql);
  const int n = static_cast<int>(params.size());
  ASSIGN_OR_RETURN(std::string name, PreparedName(text, n));
  PGresult* res =
      name.empty()
          ? PQexecParams(conn_, text.c_str(), n, nullptr, values.data(), lengths.data(),
                         formats.data(), 0)
          : PQexecPrepared(conn_, name.c_str(), n, values.data(), lengths.data(), formats.data(),
                           0);
  Rows rows(res);
  Status status = FromResult(res, sql);
  // A table's columns changed since the statement was prepared ("cached plan must not change
  // result type"): the next use prepares it afresh.
  if (!status.ok() && !name.empty() && last_sqlstate_ == "0A000") prepared_.erase(text);
  RETURN_IF_ERROR(status);
  return rows;
}

Result<std::string> Conn::PreparedName(const std::string& sql, int params) {
  if (auto it = prepared_.find(sql); it != prepared_.end()) return it->second;
  if (prepared_.size() >= kMaxPrepared) return std::string();
  // Names are never reused on this connection, so a statement dropped from the map above cannot
  // collide with a new one.
  std::string name = "recount_" + std::to_string(++prepared_serial_);
  PGresult* res = PQprepare(conn_, name.c_str(), sql.c_str(), params, nullptr);
  Status status = FromResult(res, sql);
  PQclear(res);
  RETURN_IF_ERROR(status);
  prepared_.emplace(sql, name);
  return name;
}

Status Conn::CopyIn(std::string_view copy_sql, std::string_view data) {
  PGresult* res = PQexec(conn_, std::string(copy_sql).c_str());
  bool copy_in = res && PQresultStatus(res) == PGRES_COPY_IN;
  Status s = FromResult(res, copy_sql);
  PQclear(res);
  RETURN_IF_ERROR(s);
  if (!copy_in) return Internal("COPY did not start on " + where_);
  constexpr size_t kChunk = 1 << 20;
  for (size_t at = 0; at < data.size(); at += kChunk) {
    size_t n = std::min(kChunk, data.size() - at);
    if (PQputCopyData(conn_, data.data() + at, static_cast<int>(n)) != 1) break;
  }
  PQputCopyEnd(conn_, nullptr);
  Status result;
  while (PGresult* r = PQgetResult(conn_)) {
    Status one = FromResult(r, copy_sql);
    if (result.ok() && !one.ok()) result = one;
    PQclear(r);
  }
  return result;
}

void CopyRows::Text(std::string_view v) {
  Sep();
  for (char c : v) {
    switch (c) {
      case '\\': data_ += "\\\\"; break;
      case '\t': data_ += "\\t"; break;
      case '\n': data_ += "\\n"; break;
      case '\r': data_ += "\\r"; break;
      default: data_ += c;
    }
  }
}

void CopyRows::Bytes(std::string_view v) {
  static constexpr char kHex[] = "0123456789abcdef";
  Sep();
  data_ += "\\\\x";  // the bytea hex form, its backslash escaped for COPY
  for (unsigned char c : v) {
    data_ += kHex[c >> 4];
    data_ += kHex[c & 15];
  }
}

}  // namespace recount::storage::postgres
