#include "storage/postgres/pg_dump.h"

#include <charconv>
#include <cmath>
#include <string>

#include "storage/postgres/pg_rls.h"

namespace recount::storage::postgres {
namespace {

// COPY buffers are sent when they reach this size (and at the end of each table).
constexpr size_t kCopyFlushBytes = 8 << 20;

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

// ORDER BY with text keys compared byte-wise, as SQLite does.
std::string OrderBy(const DumpTableSpec& t) {
  std::string out;
  std::string_view rest = t.order_by;
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string_view key = rest.substr(0, comma);
    while (!key.empty() && key.front() == ' ') key.remove_prefix(1);
    if (!out.empty()) out += ", ";
    out += key;
    for (const DumpColumn& c : t.columns) {
      if (c.name == key && c.type == ColumnType::kText) out += " COLLATE \"C\"";
    }
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return out;
}

std::string RealText(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, ec == std::errc() ? end : buf);
}

class PgTableLoader : public TableLoader {
 public:
  explicit PgTableLoader(Conn& conn) : conn_(conn) {}
  ~PgTableLoader() override {
    if (!done_) conn_.Exec("ROLLBACK").IgnoreError();
  }

  Status BeginTable(const DumpTableSpec& table) override {
    table_ = &table;
    copy_.Clear();
    return Status();
  }

  Status Row(const DumpRow& row) override {
    if (table_ == nullptr || row.size() != table_->columns.size()) {
      return InvalidArgument("a row of table " + std::string(table_ ? table_->name : "?") +
                             " has " + std::to_string(row.size()) + " values, expected " +
                             std::to_string(table_ ? table_->columns.size() : 0));
    }
    for (size_t i = 0; i < row.size(); ++i) {
      const DumpValue& v = row[i];
      const DumpColumn& col = table_->columns[i];
      if (v.kind == DumpValue::Kind::kNull) {
        copy_.Null();
        continue;
      }
      bool fits = true;
      switch (col.type) {
        case ColumnType::kInt:
          if (v.kind == DumpValue::Kind::kInt) copy_.Int(v.i); else fits = false;
          break;
        case ColumnType::kBool:
          if (v.kind == DumpValue::Kind::kInt) copy_.Text(v.i ? "t" : "f"); else fits = false;
          break;
        case ColumnType::kReal:
          if (v.kind == DumpValue::Kind::kReal) {
            copy_.Text(RealText(v.r));
          } else if (v.kind == DumpValue::Kind::kInt) {
            copy_.Int(v.i);
          } else {
            fits = false;
          }
          break;
        case ColumnType::kText:
          if (v.kind == DumpValue::Kind::kText || v.kind == DumpValue::Kind::kBlob) {
            copy_.Text(v.s);
          } else if (v.kind == DumpValue::Kind::kInt) {
            copy_.Text(std::to_string(v.i));
          } else {
            fits = false;
          }
          break;
        case ColumnType::kBlob:
          if (v.kind == DumpValue::Kind::kText || v.kind == DumpValue::Kind::kBlob) {
            copy_.Bytes(v.s);
          } else {
            fits = false;
          }
          break;
      }
      if (!fits) {
        return InvalidArgument("table " + std::string(table_->name) + ", column " +
                               std::string(col.name) + ": a value of the wrong type (kind " +
                               std::to_string(static_cast<int>(v.kind)) +
                               "); the source store holds a value recount never writes there, "
                               "run 'recount audit verify' on it");
      }
    }
    copy_.EndRow();
    if (copy_.bytes() >= kCopyFlushBytes) return Flush();
    return Status();
  }

  Status EndTable() override {
    RETURN_IF_ERROR(Flush());
    table_ = nullptr;
    return Status();
  }

  Status Commit() override {
    // The loaded rows carry their own ids; new rows must continue after them.
    for (const DumpTableSpec& t : DumpTables()) {
      if (!t.identity_id) continue;
      const std::string name(t.name);
      Status s = conn_.Query("SELECT setval(pg_get_serial_sequence('" + name + "', 'id'), "
                             "COALESCE((SELECT max(id) FROM " + name + "), 0) + 1, false)")
                     .status();
      if (!s.ok()) return s.WithContext("moving the id sequence of " + name + " past the copy");
    }
    RETURN_IF_ERROR(conn_.Exec("COMMIT"));
    done_ = true;
    return Status();
  }

 private:
  Status Flush() {
    if (copy_.rows() == 0) return Status();
    Status s = CopyRowsInto(conn_, table_->name, ColumnList(*table_), copy_.data());
    copy_.Clear();
    if (!s.ok()) return s.WithContext("loading table " + std::string(table_->name));
    return Status();
  }

  Conn& conn_;
  const DumpTableSpec* table_ = nullptr;
  CopyRows copy_;
  bool done_ = false;
};

}  // namespace

Status DumpPgTables(Conn& conn, DumpSink& sink) {
  RETURN_IF_ERROR(conn.Exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"));
  Status result = [&]() -> Status {
    for (const DumpTableSpec& t : DumpTables()) {
      std::string sql = "DECLARE recount_dump NO SCROLL CURSOR FOR SELECT " + ColumnList(t) +
                        " FROM " + std::string(t.name);
      if (!t.where.empty()) sql += " WHERE " + std::string(t.where);
      sql += " ORDER BY " + OrderBy(t);
      RETURN_IF_ERROR(conn.Exec(sql));
      RETURN_IF_ERROR(sink.BeginTable(t));
      // Evidence rows hold ciphertexts of up to 512 MiB: fetch few at a time.
      const std::string fetch =
          t.name == "evidence_files" ? "FETCH 4 FROM recount_dump" : "FETCH 2000 FROM recount_dump";
      for (;;) {
        ASSIGN_OR_RETURN(Rows rows, conn.Query(fetch));
        if (rows.size() == 0) break;
        for (int r = 0; r < rows.size(); ++r) {
          DumpRow row;
          row.reserve(t.columns.size());
          for (int c = 0; c < static_cast<int>(t.columns.size()); ++c) {
            if (rows.IsNull(r, c)) {
              row.push_back(DumpValue::Null());
              continue;
            }
            switch (t.columns[c].type) {
              case ColumnType::kInt: row.push_back(DumpValue::Int(rows.Int(r, c))); break;
              case ColumnType::kBool:
                row.push_back(DumpValue::Int(rows.Text(r, c) == "t" ? 1 : 0));
                break;
              case ColumnType::kReal: row.push_back(DumpValue::Real(rows.Double(r, c))); break;
              case ColumnType::kText: row.push_back(DumpValue::Text(rows.Text(r, c))); break;
              case ColumnType::kBlob: row.push_back(DumpValue::Blob(rows.Bytes(r, c))); break;
            }
          }
          RETURN_IF_ERROR(sink.Row(std::move(row)));
        }
      }
      RETURN_IF_ERROR(conn.Exec("CLOSE recount_dump"));
      RETURN_IF_ERROR(sink.EndTable());
    }
    return Status();
  }();
  conn.Exec(result.ok() ? "COMMIT" : "ROLLBACK").IgnoreError();
  return result;
}

Result<std::unique_ptr<TableLoader>> BeginPgTableLoad(Conn& conn) {
  RETURN_IF_ERROR(conn.Exec("BEGIN"));
  auto loader = std::make_unique<PgTableLoader>(conn);  // rolls back if we return early
  for (const DumpTableSpec& t : DumpTables()) {
    std::string sql = "SELECT EXISTS (SELECT 1 FROM " + std::string(t.name);
    if (!t.where.empty()) sql += " WHERE " + std::string(t.where);
    sql += ")";
    ASSIGN_OR_RETURN(Rows rows, conn.Query(sql));
    if (rows.Text(0, 0) == "t") {
      return FailedPrecondition(conn.where() + " is not empty (table " + std::string(t.name) +
                                " has rows); restore or migrate only into a new store");
    }
  }
  return std::unique_ptr<TableLoader>(std::move(loader));
}

}  // namespace recount::storage::postgres
