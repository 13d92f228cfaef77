// Thin RAII wrappers over libpq, confined to storage/postgres (docs/postgres.md). Every failure
// becomes a Status naming the server and database, the statement's purpose and the server's
// message, and saying what to do; a password never appears in a message.
//
// Values travel as text (parameters and results); bytea parameters are sent in binary and bytea
// results arrive as PostgreSQL's hex text, decoded by Result::Bytes().
//
// Query prepares each distinct statement text once per connection (a named server-side prepared
// statement, up to kMaxPrepared of them) and afterwards only executes it: the server parses and
// analyses it once, and may keep a generic plan (docs/postgres.md, "Prepared statements").
//
// Not thread-safe: one Conn per thread (the store is single-threaded by contract).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"

typedef struct pg_conn PGconn;
typedef struct pg_result PGresult;

namespace recount::storage::postgres {

// One statement parameter.
struct Param {
  enum class Kind : uint8_t { kText, kBytes, kNull };
  Param(int64_t v) : kind(Kind::kText), value(std::to_string(v)) {}
  Param(int v) : Param(static_cast<int64_t>(v)) {}
  Param(std::string_view v) : kind(Kind::kText), value(v) {}
  Param(const std::string& v) : kind(Kind::kText), value(v) {}
  Param(const char* v) : kind(Kind::kText), value(v) {}
  static Param Null() { return Param(Kind::kNull, ""); }
  static Param Bytes(std::string_view v) { return Param(Kind::kBytes, std::string(v)); }
  static Param TextOrNull(std::string_view v) { return v.empty() ? Null() : Param(v); }
  static Param Double(double v);

  Kind kind;
  std::string value;

 private:
  Param(Kind k, std::string v) : kind(k), value(std::move(v)) {}
};

// A statement's result rows.
class Rows {
 public:
  explicit Rows(PGresult* res);
  Rows(Rows&& other) noexcept : res_(other.res_) { other.res_ = nullptr; }
  Rows& operator=(Rows&&) = delete;
  ~Rows();

  int size() const;
  bool IsNull(int row, int col) const;
  std::string Text(int row, int col) const;  // "" for NULL
  int64_t Int(int row, int col) const;       // 0 for NULL
  double Double(int row, int col) const;
  std::string Bytes(int row, int col) const;  // a bytea column
  // Rows changed by an INSERT / UPDATE / DELETE.
  int64_t Affected() const;

 private:
  PGresult* res_;
};

class Conn {
 public:
  // Connects to `url` (postgresql://...); passwords come from the environment or ~/.pgpass.
  static Result<std::unique_ptr<Conn>> Connect(const std::string& url);
  ~Conn();

  // Runs one or more statements without parameters.
  Status Exec(std::string_view sql);
  // Runs one statement with parameters $1, $2, ..., prepared on its first use.
  Result<Rows> Query(std::string_view sql, const std::vector<Param>& params = {});
  // How many statements this connection has prepared (tests, benchmarks).
  size_t prepared_count() const { return prepared_.size(); }
  static constexpr size_t kMaxPrepared = 256;
  // COPY `copy_sql` (COPY ... FROM STDIN, text format) with `data`.
  Status CopyIn(std::string_view copy_sql, std::string_view data);

  // "server HOST, database DB" for messages (no user or password).
  const std::string& where() const { return where_; }
  // The SQLSTATE of the last failed statement ("" if none).
  const std::string& last_sqlstate() const { return last_sqlstate_; }

 private:
  Conn(PGconn* conn, std::string where) : conn_(conn), where_(std::move(where)) {}
  Status FromResult(PGresult* res, std::string_view sql);
  // The prepared statement's name for `sql`, preparing it first if needed; "" when the cache is
  // full (the statement then runs unprepared). A failure to prepare is the statement's error.
  Result<std::string> PreparedName(const std::string& sql, int params);
  PGconn* conn_;
  std::string where_;
  std::string last_sqlstate_;
  std::unordered_map<std::string, std::string> prepared_;  // statement text -> name
  uint64_t prepared_serial_ = 0;
};

// Appends one row of COPY text format: values tab-separated, \N for NULL, escaped.
class CopyRows {
 public:
  void Int(int64_t v) { Sep(); data_ += std::to_string(v); }
  void Text(std::string_view v);
  void TextOrNull(std::string_view v) { v.empty() ? Null() : Text(v); }
  void Bytes(std::string_view v);
  void Null() { Sep(); data_ += "\\N"; }
  void EndRow() { data_ += '\n'; first_ = true; ++rows_; }
  size_t rows() const { return rows_; }
  size_t bytes() const { return data_.size(); }
  const std::string& data() const { return data_; }
  void Clear() { data_.clear(); rows_ = 0; first_ = true; }

 private:
  void Sep() {
    if (!first_) data_ += '\t';
    first_ = false;
  }
  std::string data_;
  size_t rows_ = 0;
  bool first_ = true;
};

// True for postgresql:// and postgres:// locations.
bool IsPostgresUrl(std::string_view location);

}  // namespace recount::storage::postgres
