// Thin RAII wrappers over the sqlite3 C API, confined to storage/sqlite. Every failure becomes a
// Status naming the statement's purpose and SQLite's message.
//
// Not thread-safe: one Db per thread (the store is single-threaded by contract).
//
// Statement cache: PrepareCached() keeps a statement compiled for the life of the Db, so a query
// run on every web request is parsed and planned once per connection instead of each time
// (compiling was 40 % of `recount serve`'s CPU, docs/web.md "Performance"). A borrowed statement
// is reset and its bindings cleared when the Statement is destroyed, so it holds no read
// transaction between uses; a statement already borrowed (a nested use of the same SQL) is
// prepared afresh instead. The cache is bounded (kStatementCacheSize, least recently used out).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/result.h"

namespace recount::storage::sqlite {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  // A statement borrowed from Db's cache: `*borrowed` is true while it is out.
  Statement(sqlite3* db, sqlite3_stmt* stmt, bool* borrowed)
      : db_(db), stmt_(stmt), borrowed_(borrowed) {}
  Statement(Statement&& other) noexcept
      : db_(other.db_), stmt_(other.stmt_), borrowed_(other.borrowed_) {
    other.stmt_ = nullptr;
    other.borrowed_ = nullptr;
  }
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  // Binds by 1-based index. Empty optional strings bind NULL.
  void Bind(int index, int64_t value) { sqlite3_bind_int64(stmt_, index, value); }
  void Bind(int index, std::string_view text) {
    sqlite3_bind_text(stmt_, index, text.data(), static_cast<int>(text.size()), SQLITE_TRANSIENT);
  }
  void BindBlob(int index, std::string_view bytes) {
    sqlite3_bind_blob(stmt_, index, bytes.data(), static_cast<int>(bytes.size()), SQLITE_TRANSIENT);
  }
  void BindTextOrNull(int index, std::string_view text) {
    if (text.empty()) {
      sqlite3_bind_null(stmt_, index);
    } else {
      Bind(index, text);
    }
  }
  void BindNull(int index) { sqlite3_bind_null(stmt_, index); }

  // Steps once: true if a row is available, false when done.
  Result<bool> Step();
  // Steps to completion, then resets for reuse.
  Status Run();
  void Reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
  }

  int64_t Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  bool IsNull(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }
  std::string Text(int col) const;
  sqlite3_stmt* raw() { return stmt_; }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
  bool* borrowed_ = nullptr;  // non-null: owned by Db's cache, handed back instead of finalised
};

class Db {
 public:
  // Opens (and with `create`, creates) the database file.
  static Result<std::unique_ptr<Db>> Open(const std::string& path, bool create);
  ~Db();

  Status Exec(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql);
  // Like Prepare, from the statement cache (see the top of this file). The Statement must not
  // outlive the Db.
  Result<Statement> PrepareCached(std::string_view sql);
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  // Rows changed by the last INSERT, UPDATE or DELETE.
  int64_t Changes() const { return sqlite3_changes64(db_); }
  Status Error(std::string_view what) const;
  sqlite3* raw() { return db_; }

 private:
  static constexpr size_t kStatementCacheSize = 32;
  struct CachedStatement {
    sqlite3_stmt* stmt = nullptr;
    bool borrowed = false;
    uint64_t last_used = 0;
  };

  explicit Db(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  Result<sqlite3_stmt*> Compile(std::string_view sql);
  sqlite3* db_;
  std::string path_;
  // unique_ptr: a borrowed Statement points at its entry's flag, which must not move on rehash.
  std::unordered_map<std::string, std::unique_ptr<CachedStatement>> cache_;
  uint64_t uses_ = 0;
};

}  // namespace recount::storage::sqlite
