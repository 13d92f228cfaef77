#include "storage/sqlite/sqlite_db.h"

namespace recount::storage::sqlite {
namespace {

Status FromSqlite(sqlite3* db, int rc, std::string_view what, const std::string& path) {
  std::string msg = std::string(what) + " in " + path + ": " + sqlite3_errmsg(db);
  switch (rc & 0xFF) {
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return DataLoss(msg + "; the file is damaged or not a recount store (restore a backup)");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return FailedPrecondition(msg + "; another recount process holds the store, try again");
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      return IoError(msg + "; check the path and permissions");
    case SQLITE_FULL:
    case SQLITE_IOERR:
      return IoError(msg + "; check free disk space");
    case SQLITE_CONSTRAINT:
      return AlreadyExists(msg);
    default:
      return Internal(msg);
  }
}

}  // namespace

Result<bool> Statement::Step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  const char* sql = sqlite3_sql(stmt_);
  return FromSqlite(db_, rc, std::string("statement '") + (sql ? std::string(sql).substr(0, 60) : "") + "...'",
                    sqlite3_db_filename(db_, "main") ? sqlite3_db_filename(db_, "main") : "store");
}

Status Statement::Run() {
  while (true) {
    Result<bool> r = Step();
    if (!r.ok()) {
      Reset();
      return r.status();
    }
    if (!*r) break;
  }
  Reset();
  return Status();
}

std::string Statement::Text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (p == nullptr) return std::string();
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

Result<std::unique_ptr<Db>> Db::Open(const std::string& path, bool create) {
  sqlite3* raw = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  if (rc != SQLITE_OK) {
    Status s = FromSqlite(raw, rc, "cannot open store", path);
    sqlite3_close(raw);
    return s;
  }
  sqlite3_extended_result_codes(raw, 1);
  return std::unique_ptr<Db>(new Db(raw, path));
}

Db::~Db() { sqlite3_close_v2(db_); }

Status Db::Exec(std::string_view sql) {
  std::string copy(sql);
  char* err = nullptr;
  int rc = sqlite3_exec(db_, copy.c_str(), nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    std::string msg = err ? err : "unknown error";
    sqlite3_free(err);
    return FromSqlite(db_, rc, "executing '" + copy.substr(0, 60) + "'", path_);
  }
  return Status();
}

Result<Statement> Db::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return FromSqlite(db_, rc, "preparing '" + std::string(sql.substr(0, 60)) + "'", path_);
  }
  return Statement(db_, stmt);
}

Status Db::Error(std::string_view what) const {
  return FromSqlite(db_, sqlite3_errcode(db_), what, path_);
}

}  // namespace recount::storage::sqlite
