#include "storage/sqlite/sqlite_store.h"

#include <filesystem>
#include <optional>
#include <set>

#include "base/clock.h"
#include "storage/sqlite/migrations.h"
#include "storage/sqlite/sqlite_safety.h"
#include "storage/sqlite/sqlite_db.h"
#include "storage/sqlite/sqlite_import_batch.h"

namespace recount::storage::sqlite {
namespace {

// PRAGMA application_id marks the file as a recount store ("RCNT").
constexpr int64_t kApplicationId = 0x52434E54;

PartialDate ReadDate(const Statement& st, int col) {
  if (st.IsNull(col)) return PartialDate();
  auto r = PartialDate::Parse(st.Text(col));
  return r.ok() ? *r : PartialDate();  // stored dates are canonical; a bad one reads as unknown
}

std::string WhereClause(const RecordFilter& f) {
  std::string w = "p.role = 'victim'";
  if (!f.source.empty()) w += " AND s.name = :source";
  if (!f.sex.empty()) w += " AND p.sex = :sex";
  if (!f.act_type.empty() || f.year_from != 0 || f.year_to != 0) {
    w += " AND EXISTS (SELECT 1 FROM acts fa JOIN events fe ON fe.id = fa.event_id "
         "WHERE fa.victim_id = p.id";
    if (!f.act_type.empty()) w += " AND fa.act_type = :act";
    if (f.year_from != 0) w += " AND fe.year_hi >= :year_from";
    if (f.year_to != 0) w += " AND fe.year_lo <= :year_to";
    w += ")";
  }
  return w;
}

void BindFilter(Statement& st, sqlite3_stmt* raw, const RecordFilter& f) {
  auto bind = [&](const char* name, auto value) {
    int idx = sqlite3_bind_parameter_index(raw, name);
    if (idx > 0) st.Bind(idx, value);
  };
  if (!f.source.empty()) bind(":source", std::string_view(f.source));
  if (!f.sex.empty()) bind(":sex", std::string_view(f.sex));
  if (!f.act_type.empty()) bind(":act", std::string_view(f.act_type));
  if (f.year_from != 0) bind(":year_from", static_cast<int64_t>(f.year_from));
  if (f.year_to != 0) bind(":year_to", static_cast<int64_t>(f.year_to));
}

class SqliteStore : public Store {
 public:
  SqliteStore(std::unique_ptr<Db> db, std::string path) : db_(std::move(db)), path_(std::move(path)) {}

  const std::string& location() const override { return path_; }

  int schema_version() override {
    auto st = db_->Prepare("SELECT value FROM meta WHERE key = 'schema_version'");
    if (!st.ok()) return 0;
    auto row = st->Step();
    if (!row.ok() || !*row) return 0;
    return std::atoi(st->Text(0).c_str());  // a damaged value reads as 0: migrations rerun and fail loudly
  }

  Status Migrate() {
    int current = schema_version();
    int latest = LatestSchemaVersion();
    if (current > latest) {
      return FailedPrecondition(path_ + " was written by a newer recount (schema version " +
                                std::to_string(current) + "; this program knows up to " +
                                std::to_string(latest) + "); upgrade recount to open it");
    }
    for (const Migration& m : Migrations()) {
      if (m.version <= current) continue;
      RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
      Status s = db_->Exec(m.sql);
      if (s.ok()) {
        s = db_->Exec("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', '" +
                      std::to_string(m.version) + "')");
      }
      if (!s.ok()) {
        db_->Exec("ROLLBACK").IgnoreError();
        return s.WithContext("migrating " + path_ + " to schema version " +
                             std::to_string(m.version) + " (" + std::string(m.description) +
                             "); the store was left unchanged");
      }
      RETURN_IF_ERROR(db_->Exec("COMMIT"));
    }
    return Status();
  }

  Result<model::Source> EnsureSource(std::string_view name) override {
    ASSIGN_OR_RETURN(auto find, db_->Prepare(
        "SELECT id, name, description, created_at FROM sources WHERE name = ?"));
    find.Bind(1, name);
    ASSIGN_OR_RETURN(bool row, find.Step());
    if (row) return model::Source{find.Int(0), find.Text(1), find.Text(2), find.Text(3)};
    ASSIGN_OR_RETURN(auto ins, db_->Prepare(
        "INSERT INTO sources (name, description, created_at) VALUES (?, '', ?)"));
    ins.Bind(1, name);
    std::string now = NowRfc3339();
    ins.Bind(2, now);
    RETURN_IF_ERROR(ins.Run());
    return model::Source{db_->LastInsertId(), std::string(name), "", now};
  }

  Result<std::vector<model::Source>> ListSources() override {
    ASSIGN_OR_RETURN(auto st, db_->Prepare(
        "SELECT id, name, description, created_at FROM sources ORDER BY name"));
    std::vector<model::Source> out;
    while (true) {
      ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      out.push_back({st.Int(0), st.Text(1), st.Text(2), st.Text(3)});
    }
    return out;
  }

  Result<std::unique_ptr<ImportBatch>> BeginImport(std::string_view source_name,
                                                   std::string_view description) override {
    if (source_name.empty()) return InvalidArgument("a source name is required (--source NAME)");
    RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
    auto rollback_on_error = [this](Status s) {
      db_->Exec("ROLLBACK").IgnoreError();
      return s;
    };
    Result<model::Source> source = EnsureSource(source_name);
    if (!source.ok()) return rollback_on_error(source.status());
    auto ins = db_->Prepare("INSERT INTO imports (source_id, description, started_at) VALUES (?,?,?)");
    if (!ins.ok()) return rollback_on_error(ins.status());
    ins->Bind(1, source->id);
    ins->Bind(2, description);
    ins->Bind(3, NowRfc3339());
    if (Status s = ins->Run(); !s.ok()) return rollback_on_error(s);
    return NewSqliteImportBatch(db_.get(), source->id, db_->LastInsertId());
  }

  Result<StoredRecord> GetRecord(model::RowId id) override {
    RecordFilter f;
    std::optional<StoredRecord> found;
    RETURN_IF_ERROR(Scan(f, id, [&](StoredRecord&& r) {
      found = std::move(r);
      return Status();
    }));
    if (!found) {
      return NotFound("no record with id " + std::to_string(id) +
                      "; 'recount list' shows the ids");
    }
    return std::move(*found);
  }

  Result<std::optional<model::RowId>> FindRecord(std::string_view source,
                                                 std::string_view external_id) override {
    ASSIGN_OR_RETURN(auto st, db_->Prepare(
        "SELECT p.id FROM persons p JOIN testimonies t ON t.id = p.testimony_id "
        "JOIN sources s ON s.id = t.source_id WHERE s.name = ? AND t.external_id = ? "
        "AND p.role = 'victim'"));
    st.Bind(1, source);
    st.Bind(2, external_id);
    ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return std::optional<model::RowId>();
    return std::optional<model::RowId>(st.Int(0));
  }

  Status ScanRecords(const RecordFilter& filter,
                     const std::function<Status(StoredRecord&&)>& fn) override {
    return Scan(filter, 0, fn);
  }

  Result<int64_t> CountRecords(const RecordFilter& filter) override {
    std::string sql =
        "SELECT COUNT(*) FROM persons p JOIN testimonies t ON t.id = p.testimony_id "
        "JOIN sources s ON s.id = t.source_id WHERE " + WhereClause(filter);
    ASSIGN_OR_RETURN(auto st, db_->Prepare(sql));
    BindFilter(st, st.raw(), filter);
    ASSIGN_OR_RETURN(bool row, st.Step());
    return row ? st.Int(0) : 0;
  }

  Result<std::vector<CountRow>> CountActs(const std::vector<Dimension>& by) override {
    std::string cols;
    for (Dimension d : by) {
      if (!cols.empty()) cols += ", ";
      switch (d) {
        case Dimension::kAct: cols += "a.act_type"; break;
        case Dimension::kYear: cols += "COALESCE(CAST(e.year_lo AS TEXT), '')"; break;
        case Dimension::kPlace: cols += "COALESCE(e.place_id, e.place_text, '')"; break;
        case Dimension::kSex: cols += "COALESCE(p.sex, '')"; break;
        case Dimension::kSource: cols += "s.name"; break;
      }
    }
    std::string sql = "SELECT " + (cols.empty() ? std::string("''") : cols) +
                      ", COUNT(*), COUNT(DISTINCT p.id) FROM acts a "
                      "JOIN events e ON e.id = a.event_id JOIN persons p ON p.id = a.victim_id "
                      "JOIN testimonies t ON t.id = p.testimony_id "
                      "JOIN sources s ON s.id = t.source_id";
    if (!cols.empty()) sql += " GROUP BY " + cols + " ORDER BY " + cols;
    ASSIGN_OR_RETURN(auto st, db_->Prepare(sql));
    std::vector<CountRow> out;
    size_t n = by.empty() ? 1 : by.size();
    while (true) {
      ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      CountRow r;
      for (size_t i = 0; i < by.size(); ++i) r.keys.push_back(st.Text(static_cast<int>(i)));
      r.acts = st.Int(static_cast<int>(n));
      r.victims = st.Int(static_cast<int>(n + 1));
      if (by.empty() && r.acts == 0) continue;
      out.push_back(std::move(r));
    }
    return out;
  }

  Result<int64_t> SaveLinkage(const LinkageRun& run) override {
    RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
    Status s = SaveLinkageInTransaction(run);
    if (!s.ok()) {
      db_->Exec("ROLLBACK").IgnoreError();
      return s;
    }
    RETURN_IF_ERROR(db_->Exec("COMMIT"));
    return last_run_id_;
  }

  Result<std::vector<LinkPair>> LatestLinkPairs() override {
    ASSIGN_OR_RETURN(auto st, db_->Prepare(
        "SELECT a, b, probability FROM link_pairs WHERE run_id = "
        "(SELECT MAX(id) FROM link_runs) ORDER BY a, b"));
    std::vector<LinkPair> out;
    while (true) {
      ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      out.push_back({st.Int(0), st.Int(1), sqlite3_column_double(st.raw(), 2)});
    }
    return out;
  }

  Result<std::optional<std::string>> LoadKeyRing() override { return LoadKeyRingRow(*db_); }
  Status SaveKeyRing(std::string_view key_ring,
                     const std::optional<std::string>& expected) override {
    return SaveKeyRingRow(*db_, key_ring, expected);
  }
  Result<ShredReport> ShredRecord(model::RowId id, ShredScope scope) override {
    return ShredRecordRows(*db_, id, scope);
  }

 private:
  Status SaveLinkageInTransaction(const LinkageRun& run) {
    std::set<std::string> distinct;
    for (const auto& [id, cluster] : run.clusters) distinct.insert(cluster);
    ASSIGN_OR_RETURN(auto ins_run, db_->Prepare(
        "INSERT INTO link_runs (description, started_at, records, clusters) VALUES (?,?,?,?)"));
    ins_run.Bind(1, run.description);
    ins_run.Bind(2, NowRfc3339());
    ins_run.Bind(3, static_cast<int64_t>(run.clusters.size()));
    ins_run.Bind(4, static_cast<int64_t>(distinct.size()));
    RETURN_IF_ERROR(ins_run.Run());
    last_run_id_ = db_->LastInsertId();
    ASSIGN_OR_RETURN(auto upd, db_->Prepare("UPDATE persons SET cluster_id = ? WHERE id = ?"));
    for (const auto& [id, cluster] : run.clusters) {
      upd.Bind(1, cluster);
      upd.Bind(2, id);
      RETURN_IF_ERROR(upd.Run());
      if (sqlite3_changes(db_->raw()) != 1) {
        return NotFound("linkage names record " + std::to_string(id) + ", which is not in the store");
      }
    }
    ASSIGN_OR_RETURN(auto ins_pair, db_->Prepare(
        "INSERT INTO link_pairs (run_id, a, b, probability) VALUES (?,?,?,?)"));
    for (const LinkPair& p : run.pairs) {
      ins_pair.Bind(1, last_run_id_);
      ins_pair.Bind(2, p.a);
      ins_pair.Bind(3, p.b);
      sqlite3_bind_double(ins_pair.raw(), 4, p.probability);
      RETURN_IF_ERROR(ins_pair.Run());
    }
    return Status();
  }

  int64_t last_run_id_ = 0;

  // Streams records (persons merged with their acts and involvements, all ordered by person id).
  Status Scan(const RecordFilter& filter, model::RowId only_id,
              const std::function<Status(StoredRecord&&)>& fn) {
    std::string where = WhereClause(filter);
    if (only_id != 0) where += " AND p.id = :only_id";
    std::string from =
        " FROM persons p JOIN testimonies t ON t.id = p.testimony_id "
        "JOIN sources s ON s.id = t.source_id ";
    std::string paging;
    if (filter.limit >= 0) paging += " LIMIT " + std::to_string(filter.limit);
    if (filter.offset > 0) {
      if (filter.limit < 0) paging += " LIMIT -1";
      paging += " OFFSET " + std::to_string(filter.offset);
    }
    ASSIGN_OR_RETURN(auto persons, db_->Prepare(
        "SELECT p.id, s.name, t.external_id, p.person_ref, t.testimony_date, t.language, "
        "t.connection, t.reliability, t.consent, t.narrative, p.sex, p.birth, p.origin_text, "
        "p.origin_place, p.identity_id, i.data, p.cluster_id" + from +
        "LEFT JOIN identities i ON i.id = p.identity_id WHERE " + where + " ORDER BY p.id" +
        paging));
    // Acts and involvements are read for the same persons, in the same order, and merged.
    std::string person_ids = "SELECT p.id" + from + "WHERE " + where + " ORDER BY p.id" + paging;
    ASSIGN_OR_RETURN(auto acts, db_->Prepare(
        "SELECT a.victim_id, a.id, a.act_type, e.date, e.place_text, e.place_id, a.age "
        "FROM acts a JOIN events e ON e.id = a.event_id WHERE a.victim_id IN (" + person_ids +
        ") ORDER BY a.victim_id, a.id"));
    ASSIGN_OR_RETURN(auto invs, db_->Prepare(
        "SELECT a.victim_id, i.act_id, i.perpetrator_type, i.degree FROM involvements i "
        "JOIN acts a ON a.id = i.act_id WHERE a.victim_id IN (" + person_ids +
        ") ORDER BY a.victim_id, i.act_id, i.id"));
    for (Statement* st : {&persons, &acts, &invs}) {
      BindFilter(*st, st->raw(), filter);
      if (only_id != 0) {
        int idx = sqlite3_bind_parameter_index(st->raw(), ":only_id");
        if (idx > 0) st->Bind(idx, only_id);
      }
    }
    ASSIGN_OR_RETURN(bool act_row, acts.Step());
    ASSIGN_OR_RETURN(bool inv_row, invs.Step());
    while (true) {
      ASSIGN_OR_RETURN(bool row, persons.Step());
      if (!row) break;
      StoredRecord sr;
      model::Record& r = sr.record;
      r.id = persons.Int(0);
      r.source = persons.Text(1);
      r.external_id = persons.Text(2);
      r.person_ref = persons.Text(3);
      r.testimony_date = ReadDate(persons, 4);
      r.language = persons.Text(5);
      r.connection = persons.Text(6);
      r.reliability = persons.Text(7);
      r.consent = persons.Text(8);
      r.narrative = persons.Text(9);
      r.sex = persons.Text(10);
      r.birth = ReadDate(persons, 11);
      r.origin_text = persons.Text(12);
      r.origin_place_id = persons.Text(13);
      sr.identity_id = persons.Text(14);
      sr.identity_blob = persons.Text(15);
      r.cluster_id = persons.Text(16);
      while (act_row && acts.Int(0) < r.id) {
        ASSIGN_OR_RETURN(act_row, acts.Step());
      }
      while (act_row && acts.Int(0) == r.id) {
        model::Act a;
        a.id = acts.Int(1);
        a.act_type = acts.Text(2);
        a.date = ReadDate(acts, 3);
        a.place_text = acts.Text(4);
        a.place_id = acts.Text(5);
        if (!acts.IsNull(6)) a.age = static_cast<int>(acts.Int(6));
        while (inv_row && (invs.Int(0) < r.id || (invs.Int(0) == r.id && invs.Int(1) < a.id))) {
          ASSIGN_OR_RETURN(inv_row, invs.Step());
        }
        while (inv_row && invs.Int(0) == r.id && invs.Int(1) == a.id) {
          a.involvements.push_back({invs.Text(2), invs.Text(3)});
          ASSIGN_OR_RETURN(inv_row, invs.Step());
        }
        r.acts.push_back(std::move(a));
        ASSIGN_OR_RETURN(act_row, acts.Step());
      }
      RETURN_IF_ERROR(fn(std::move(sr)));
    }
    return Status();
  }

  std::unique_ptr<Db> db_;
  std::string path_;
};

}  // namespace

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, OpenMode mode) {
  std::error_code ec;
  bool exists = std::filesystem::exists(path, ec);
  if (mode == OpenMode::kCreate && exists) {
    return AlreadyExists("a store already exists at " + path +
                         "; use it, or choose another path with --store");
  }
  if (mode == OpenMode::kOpenExisting && !exists) {
    return NotFound("no store at " + path + "; create one with 'recount init --store " + path +
                    "' or point --store / RECOUNT_STORE at an existing one");
  }
  ASSIGN_OR_RETURN(auto db, Db::Open(path, mode == OpenMode::kCreate));
  // The application id tells a recount store from any other SQLite file.
  int64_t id = 0;
  {
    ASSIGN_OR_RETURN(auto app_id, db->Prepare("PRAGMA application_id"));
    ASSIGN_OR_RETURN(bool has_row, app_id.Step());
    id = has_row ? app_id.Int(0) : 0;
  }  // finalised here: an open statement would hold a read transaction
  if (mode == OpenMode::kOpenExisting && id != kApplicationId) {
    return FailedPrecondition(path + " is not a recount store (it is some other SQLite or "
                              "non-database file); check the --store path");
  }
  if (mode == OpenMode::kCreate) {
    // Set before anything is written (WAL fixes it): larger pages make shallower B-trees and
    // fewer page splits on bulk inserts.
    RETURN_IF_ERROR(db->Exec("PRAGMA page_size = 16384"));
  }
  RETURN_IF_ERROR(db->Exec("PRAGMA journal_mode = WAL"));
  RETURN_IF_ERROR(db->Exec("PRAGMA synchronous = NORMAL"));
  // Foreign keys are declared but not enforced per statement: the store code is the only writer
  // and enforcing them costs a quarter of import time. Tests run PRAGMA foreign_key_check after
  // every kind of write (store_test.cc).
  RETURN_IF_ERROR(db->Exec("PRAGMA foreign_keys = OFF"));
  RETURN_IF_ERROR(db->Exec("PRAGMA busy_timeout = 5000"));
  RETURN_IF_ERROR(db->Exec("PRAGMA cache_size = -65536"));  // 64 MiB page cache, bounded
  RETURN_IF_ERROR(db->Exec("PRAGMA secure_delete = ON"));   // deleted data is overwritten
  if (mode == OpenMode::kCreate) {
    RETURN_IF_ERROR(db->Exec("PRAGMA application_id = " + std::to_string(kApplicationId)));
  }
  RETURN_IF_ERROR(db->Exec(
      "CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)"));
  auto store = std::make_unique<SqliteStore>(std::move(db), path);
  RETURN_IF_ERROR(store->Migrate());
  return std::unique_ptr<Store>(std::move(store));
}

}  // namespace recount::storage::sqlite
