#include "storage/sqlite/sqlite_dump.h"

#include <string>

namespace recount::storage::sqlite {
namespace {

std::string ColumnList(const DumpTableSpec& t) {
  std::string out;
  for (const DumpColumn& c : t.columns) {
    if (!out.empty()) out += ", ";
    out += '"';
    out += c.name;
    out += '"';
  }
  return out;
}

// True when `table` holds any row that a dump would copy.
Result<bool> HasRows(Db& db, const DumpTableSpec& t) {
  std::string sql = "SELECT EXISTS (SELECT 1 FROM " + std::string(t.name);
  if (!t.where.empty()) sql += " WHERE " + std::string(t.where);
  sql += ")";
  ASSIGN_OR_RETURN(Statement st, db.Prepare(sql));
  ASSIGN_OR_RETURN(bool row, st.Step());
  return row && st.Int(0) != 0;
}

class SqliteTableLoader : public TableLoader {
 public:
  explicit SqliteTableLoader(Db& db) : db_(db) {}
  ~SqliteTableLoader() override {
    insert_.reset();
    if (!done_) db_.Exec("ROLLBACK").IgnoreError();
  }

  Status BeginTable(const DumpTableSpec& table) override {
    table_ = &table;
    std::string params;
    for (size_t i = 0; i < table.columns.size(); ++i) params += i ? ", ?" : "?";
    insert_.reset();
    ASSIGN_OR_RETURN(Statement st, db_.Prepare("INSERT INTO " + std::string(table.name) + " (" +
                                               ColumnList(table) + ") VALUES (" + params + ")"));
    insert_ = std::make_unique<Statement>(std::move(st));
    return Status();
  }

  Status Row(const DumpRow& row) override {
    if (table_ == nullptr || row.size() != table_->columns.size()) {
      return InvalidArgument("a row of table " + std::string(table_ ? table_->name : "?") +
                             " has " + std::to_string(row.size()) + " values, expected " +
                             std::to_string(table_ ? table_->columns.size() : 0));
    }
    for (size_t i = 0; i < row.size(); ++i) {
      const int index = static_cast<int>(i) + 1;
      const DumpValue& v = row[i];
      switch (v.kind) {
        case DumpValue::Kind::kNull: insert_->BindNull(index); break;
        case DumpValue::Kind::kInt: insert_->Bind(index, v.i); break;
        case DumpValue::Kind::kReal: sqlite3_bind_double(insert_->raw(), index, v.r); break;
        case DumpValue::Kind::kText: insert_->Bind(index, std::string_view(v.s)); break;
        case DumpValue::Kind::kBlob: insert_->BindBlob(index, v.s); break;
      }
    }
    Status s = insert_->Run();
    if (!s.ok()) return s.WithContext("loading a row into table " + std::string(table_->name));
    return Status();
  }

  Status EndTable() override {
    insert_.reset();
    table_ = nullptr;
    return Status();
  }

  Status Commit() override {
    insert_.reset();
    RETURN_IF_ERROR(db_.Exec("COMMIT"));
    done_ = true;
    return Status();
  }

 private:
  Db& db_;
  const DumpTableSpec* table_ = nullptr;
  std::unique_ptr<Statement> insert_;
  bool done_ = false;
};

}  // namespace

Status DumpSqliteTables(Db& db, DumpSink& sink) {
  // One read transaction: every table from the same snapshot (WAL readers see a fixed state).
  RETURN_IF_ERROR(db.Exec("BEGIN"));
  Status result = [&]() -> Status {
    for (const DumpTableSpec& t : DumpTables()) {
      std::string sql = "SELECT " + ColumnList(t) + " FROM " + std::string(t.name);
      if (!t.where.empty()) sql += " WHERE " + std::string(t.where);
      sql += " ORDER BY " + std::string(t.order_by);
      ASSIGN_OR_RETURN(Statement st, db.Prepare(sql));
      RETURN_IF_ERROR(sink.BeginTable(t));
      for (;;) {
        ASSIGN_OR_RETURN(bool has_row, st.Step());
        if (!has_row) break;
        DumpRow row;
        row.reserve(t.columns.size());
        for (int c = 0; c < static_cast<int>(t.columns.size()); ++c) {
          sqlite3_stmt* raw = st.raw();
          switch (sqlite3_column_type(raw, c)) {
            case SQLITE_NULL: row.push_back(DumpValue::Null()); break;
            case SQLITE_INTEGER: row.push_back(DumpValue::Int(sqlite3_column_int64(raw, c))); break;
            case SQLITE_FLOAT: row.push_back(DumpValue::Real(sqlite3_column_double(raw, c))); break;
            case SQLITE_BLOB: {
              const void* p = sqlite3_column_blob(raw, c);
              const int n = sqlite3_column_bytes(raw, c);
              row.push_back(DumpValue::Blob(
                  p ? std::string(static_cast<const char*>(p), static_cast<size_t>(n)) : ""));
              break;
            }
            default: row.push_back(DumpValue::Text(st.Text(c))); break;
          }
        }
        RETURN_IF_ERROR(sink.Row(std::move(row)));
      }
      RETURN_IF_ERROR(sink.EndTable());
    }
    return Status();
  }();
  db.Exec(result.ok() ? "COMMIT" : "ROLLBACK").IgnoreError();
  return result;
}

Result<std::unique_ptr<TableLoader>> BeginSqliteTableLoad(Db& db, const std::string& where) {
  RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  auto loader = std::make_unique<SqliteTableLoader>(db);  // rolls back if we return early
  for (const DumpTableSpec& t : DumpTables()) {
    ASSIGN_OR_RETURN(bool rows, HasRows(db, t));
    if (rows) {
      return FailedPrecondition(where + " is not empty (table " + std::string(t.name) +
                                " has rows); restore or migrate only into a new store");
    }
  }
  return std::unique_ptr<TableLoader>(std::move(loader));
}

}  // namespace recount::storage::sqlite
