#include "storage/sqlite/bulk_insert.h"

namespace recount::storage::sqlite {

Result<BulkInserter> BulkInserter::Create(Db* db, std::string_view table,
                                          const std::vector<std::string_view>& columns,
                                          RowIds row_ids, int rows_per_statement) {
  std::string head = "INSERT INTO " + std::string(table) + " (";
  std::string row = "(";
  for (size_t i = 0; i < columns.size(); ++i) {
    head += (i ? "," : "") + std::string(columns[i]);
    row += i ? ",?" : "?";
  }
  head += ") VALUES ";
  row += ")";
  std::string full = head;
  for (int r = 0; r < rows_per_statement; ++r) full += (r ? "," : "") + row;
  ASSIGN_OR_RETURN(Statement st, db->Prepare(full));
  std::optional<int64_t> last_rowid;
  if (row_ids == RowIds::kAppend) {
    ASSIGN_OR_RETURN(Statement max, db->Prepare("SELECT COALESCE(MAX(rowid), 0) FROM " +
                                                std::string(table)));
    ASSIGN_OR_RETURN(bool has_row, max.Step());
    last_rowid = has_row ? max.Int(0) : 0;
  }
  return BulkInserter(db, head + row, std::move(st), columns.size(), rows_per_statement,
                      last_rowid);
}

void BulkInserter::Text(std::string_view v) {
  values_.push_back({Kind::kText, static_cast<int64_t>(arena_.size()),
                     static_cast<uint32_t>(v.size())});
  arena_.append(v);
}

void BulkInserter::Blob(std::string_view v) {
  values_.push_back({Kind::kBlob, static_cast<int64_t>(arena_.size()),
                     static_cast<uint32_t>(v.size())});
  arena_.append(v);
}

Status BulkInserter::EndRow() {
  ++rows_;
  if (values_.size() != rows_ * columns_) {
    return Internal("bulk insert: a row has " + std::to_string(values_.size() - (rows_ - 1) * columns_) +
                    " values for " + std::to_string(columns_) + " columns (a bug in recount)");
  }
  if (rows_ < static_cast<size_t>(rows_per_statement_)) return Status();
  return Flush();
}

Status BulkInserter::Flush() {
  size_t first = 0;
  Status s;
  while (s.ok() && rows_ - first >= static_cast<size_t>(rows_per_statement_)) {
    s = Write(full_, first, rows_per_statement_);
    first += rows_per_statement_;
  }
  if (s.ok() && first < rows_ && !single_) {
    Result<Statement> st = db_->Prepare(single_row_sql_);
    if (st.ok()) {
      single_.emplace(std::move(*st));
    } else {
      s = st.status();
    }
  }
  while (s.ok() && first < rows_) s = Write(*single_, first++, 1);
  values_.clear();
  arena_.clear();
  rows_ = 0;
  return s;
}

Status BulkInserter::Write(Statement& st, size_t first_row, size_t rows) {
  sqlite3_stmt* raw = st.raw();
  const Value* v = values_.data() + first_row * columns_;
  const int n = static_cast<int>(rows * columns_);
  for (int p = 0; p < n; ++p, ++v) {
    switch (v->kind) {
      case Kind::kNull:
        sqlite3_bind_null(raw, p + 1);
        break;
      case Kind::kInt:
        sqlite3_bind_int64(raw, p + 1, v->i);
        break;
      case Kind::kText:
        sqlite3_bind_text(raw, p + 1, arena_.data() + v->i, static_cast<int>(v->size),
                          SQLITE_STATIC);
        break;
      case Kind::kBlob:
        sqlite3_bind_blob(raw, p + 1, arena_.data() + v->i, static_cast<int>(v->size),
                          SQLITE_STATIC);
        break;
    }
  }
  // Run() resets and clears the bindings, so nothing points into the arena afterwards.
  RETURN_IF_ERROR(st.Run());
  if (!last_rowid_) return Status();
  *last_rowid_ += static_cast<int64_t>(rows);
  if (db_->LastInsertId() != *last_rowid_) {
    return Internal("bulk insert: SQLite gave row id " + std::to_string(db_->LastInsertId()) +
                    ", expected " + std::to_string(*last_rowid_) + " (a bug in recount)");
  }
  return Status();
}

}  // namespace recount::storage::sqlite
