// Multi-row INSERT for bulk loading: rows are buffered and written R at a time with one
// statement `INSERT INTO t (c1..cn) VALUES (?..),(?..)...`, which costs SQLite far less per row
// than one statement per row (one VDBE program run, one cursor open, one statement halt).
//
// Text values are copied into an arena owned by the inserter and bound without a second copy
// (SQLITE_STATIC), so a buffered row costs one memcpy per value.
//
// Row ids: the table's INTEGER PRIMARY KEY is left out of the statement, so SQLite appends each
// row at the end of the table with id max+1 (its cheapest insert: no seek). Within one write
// transaction those ids are therefore known in advance: NextRowId() is the id the row being
// appended will get, so children can reference rows that are still buffered. Every write checks
// that SQLite assigned exactly the predicted ids and fails (the caller rolls back) if not.
//
// Not thread-safe; one inserter per table per transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "storage/sqlite/sqlite_db.h"

namespace recount::storage::sqlite {

class BulkInserter {
 public:
  // Prepares the statements; `columns` (without the row id) in the order values are appended.
  // Must be called inside the write transaction that all the inserts belong to.
  // kNone for a WITHOUT ROWID table (the caller supplies its key among the columns).
  enum class RowIds { kAppend, kNone };
  static Result<BulkInserter> Create(Db* db, std::string_view table,
                                     const std::vector<std::string_view>& columns,
                                     RowIds row_ids = RowIds::kAppend,
                                     int rows_per_statement = 64);

  // The row id the row now being appended will have.
  int64_t NextRowId() const { return last_rowid_.value_or(0) + static_cast<int64_t>(rows_) + 1; }

  // Appends the next value of the current row.
  void Int(int64_t v) { values_.push_back({Kind::kInt, v, 0}); }
  void Text(std::string_view v);
  void Blob(std::string_view v);
  void Null() { values_.push_back({Kind::kNull, 0, 0}); }
  void TextOrNull(std::string_view v) { v.empty() ? Null() : Text(v); }

  // Ends the current row; writes a full statement's worth of rows when one is buffered.
  Status EndRow();
  // Writes every buffered row.
  Status Flush();
  size_t buffered_rows() const { return rows_; }

 private:
  enum class Kind : uint8_t { kNull, kInt, kText, kBlob };
  struct Value {
    Kind kind;
    int64_t i;      // the integer, or the text's offset in arena_
    uint32_t size;  // text/blob length
  };
  BulkInserter(Db* db, std::string single_row_sql, Statement full, size_t columns, int rows,
               std::optional<int64_t> last_rowid)
      : db_(db),
        last_rowid_(last_rowid),
        single_row_sql_(std::move(single_row_sql)),
        full_(std::move(full)),
        columns_(columns),
        rows_per_statement_(rows) {}
  Status Write(Statement& st, size_t first_row, size_t rows);

  Db* db_;
  // The table's highest row id once everything buffered is written (none: WITHOUT ROWID).
  std::optional<int64_t> last_rowid_;
  std::string single_row_sql_;
  Statement full_;                  // R rows
  std::optional<Statement> single_;  // 1 row, prepared on first use for the remainder
  size_t columns_;
  int rows_per_statement_;
  std::vector<Value> values_;
  std::string arena_;
  size_t rows_ = 0;
};

}  // namespace recount::storage::sqlite
