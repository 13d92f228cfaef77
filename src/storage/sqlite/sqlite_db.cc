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

Statement::~Statement() {
  if (borrowed_ != nullptr) {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
    *borrowed_ = false;
  } else {
    sqlite3_finalize(stmt_);
  }
}

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

Db::~Db() {
  for (auto& [sql, entry] : cache_) sqlite3_finalize(entry->stmt);
  sqlite3_close_v2(db_);
}

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

Result<sqlite3_stmt*> Db::Compile(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt, nullptr);
  if (rc != SQLITE_OK) {
    return FromSqlite(db_, rc, "preparing '" + std::string(sql.substr(0, 60)) + "'", path_);
  }
  return stmt;
}

Result<Statement> Db::Prepare(std::string_view sql) {
  ASSIGN_OR_RETURN(sqlite3_stmt * stmt, Compile(sql));
  return Statement(db_, stmt);
}

Result<Statement> Db::PrepareCached(std::string_view sql) {
  ++uses_;
  std::string key(sql);
  auto it = cache_.find(key);
  if (it != cache_.end()) {
    CachedStatement& e = *it->second;
    if (e.borrowed) return Prepare(sql);  // nested use of the same query: a private copy
    e.borrowed = true;
    e.last_used = uses_;
    return Statement(db_, e.stmt, &e.borrowed);
  }
  if (cache_.size() >= kStatementCacheSize) {
    auto oldest = cache_.end();
    for (auto i = cache_.begin(); i != cache_.end(); ++i) {
      if (!i->second->borrowed &&
          (oldest == cache_.end() || i->second->last_used < oldest->second->last_used)) {
        oldest = i;
      }
    }
    if (oldest == cache_.end()) return Prepare(sql);  // every entry is out: do not cache
    sqlite3_finalize(oldest->second->stmt);
    cache_.erase(oldest);
  }
  auto entry = std::make_unique<CachedStatement>();
  ASSIGN_OR_RETURN(entry->stmt, Compile(sql));
  entry->borrowed = true;
  entry->last_used = uses_;
  CachedStatement& e = *entry;
  cache_.emplace(std::move(key), std::move(entry));
  return Statement(db_, e.stmt, &e.borrowed);
}

Status Db::Error(std::string_view what) const {
  return FromSqlite(db_, sqlite3_errcode(db_), what, path_);
}

}  // namespace recount::storage::sqlite
