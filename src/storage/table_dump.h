// A backend-neutral logical copy of a whole store, table by table and row by row: what `recount
// backup`, `recount restore` and `recount migrate --to` move (docs/operations.md, "Backups").
//
// Both backends hold the same tables with the same columns (docs/postgres.md, "Schema mapping"),
// so a copy is the list of tables below, each row a vector of typed values in the listed column
// order. Ids, log entries, checkpoints, sealed blobs and kept versions are copied as stored: a
// loaded store has the same record ids and the byte-identical tamper-evident log, so the record
// digests, the tree head and every signed checkpoint stay valid.
//
// Contract:
//  * Store::DumpTables reads one consistent snapshot (one read transaction: SQLite's snapshot
//    isolation; PostgreSQL REPEATABLE READ) and calls the sink for every table of DumpTables() in
//    that order, rows in primary-key order. Concurrent writers are not blocked and not seen.
//  * Store::BeginTableLoad is allowed only on a store without data (just created: no source,
//    record, log entry or key ring; kFailedPrecondition otherwise). Rows become visible at
//    Commit() only; destroying the loader before Commit rolls everything back. The loader then
//    makes the store's id generators continue after the loaded ids.
//  * The meta table's schema_version row is the target's own: it is neither dumped nor loaded.
//
// Thread-safety: as the Store (one thread at a time).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace recount::storage {

// One column's value. Text and blobs keep their bytes; reals keep their exact bits.
struct DumpValue {
  enum class Kind : uint8_t { kNull = 0, kInt = 1, kReal = 2, kText = 3, kBlob = 4 };
  Kind kind = Kind::kNull;
  int64_t i = 0;
  double r = 0;
  std::string s;  // text or blob bytes

  static DumpValue Null() { return {}; }
  static DumpValue Int(int64_t v) { DumpValue d; d.kind = Kind::kInt; d.i = v; return d; }
  static DumpValue Real(double v) { DumpValue d; d.kind = Kind::kReal; d.r = v; return d; }
  static DumpValue Text(std::string v) {
    DumpValue d; d.kind = Kind::kText; d.s = std::move(v); return d;
  }
  static DumpValue Blob(std::string v) {
    DumpValue d; d.kind = Kind::kBlob; d.s = std::move(v); return d;
  }
  bool operator==(const DumpValue&) const = default;
};
using DumpRow = std::vector<DumpValue>;

// The declared type of a column (the PostgreSQL type; SQLite stores the same affinity).
enum class ColumnType : uint8_t { kInt, kReal, kText, kBlob, kBool };

struct DumpColumn {
  std::string_view name;
  ColumnType type;
};

struct DumpTableSpec {
  std::string_view name;
  std::vector<DumpColumn> columns;
  std::string_view order_by;   // the primary key (text keys compared byte-wise)
  std::string_view where;      // "" or a filter (meta: not the schema version)
  bool identity_id = false;    // PostgreSQL: `id` is an identity column to move past the ids
};

// Every table of the store, in an order that satisfies PostgreSQL's foreign keys when loading.
// A schema migration that adds a table or column must add it here; storage tests compare this
// list with both backends' catalogs.
const std::vector<DumpTableSpec>& DumpTables();

// Receives a dump: BeginTable(t) for each table of DumpTables() in order, then its rows.
class DumpSink {
 public:
  virtual ~DumpSink() = default;
  virtual Status BeginTable(const DumpTableSpec& table) = 0;
  virtual Status Row(DumpRow&& row) = 0;
  virtual Status EndTable() = 0;
};

// Writes a loaded copy in one transaction (see the contract above).
class TableLoader {
 public:
  virtual ~TableLoader() = default;
  // `table` must be in DumpTables(), tables in that order; each row has one value per column.
  virtual Status BeginTable(const DumpTableSpec& table) = 0;
  virtual Status Row(const DumpRow& row) = 0;
  virtual Status EndTable() = 0;
  virtual Status Commit() = 0;
};

// The spec of the table called `name`, or nullptr.
const DumpTableSpec* FindDumpTable(std::string_view name);

// Tables of the store that a copy leaves out, with their column counts: web sessions (whoever
// uses a restored or moved store signs in again; a backup holds no live session).
struct UndumpedTable {
  std::string_view name;
  size_t columns;
};
const std::vector<UndumpedTable>& UndumpedTables();

// Removes a store this process has just created and must not leave behind (a failed init,
// restore or migrate): the SQLite file with its -wal/-shm/-journal companions, or every recount
// table of a PostgreSQL database (the database itself stays, empty, as it was given). Never call
// it on a store holding data someone else wrote.
Status RemoveNewStore(const std::string& location);

}  // namespace recount::storage
