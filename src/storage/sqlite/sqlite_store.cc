#include "storage/sqlite/sqlite_store.h"

#include <filesystem>
#include <optional>
#include <set>

#include "base/clock.h"
#include "storage/record_digest.h"
#include "storage/sqlite/migrations.h"
#include "storage/sqlite/sqlite_accounts.h"
#include "storage/sqlite/sqlite_audit_log.h"
#include "storage/sqlite/sqlite_safety.h"
#include "storage/sqlite/sqlite_sharing.h"
#include "storage/sqlite/sqlite_db.h"
#include "storage/sqlite/sqlite_dump.h"
#include "storage/sqlite/sqlite_evidence.h"
#include "storage/sqlite/sqlite_import_batch.h"
#include "storage/sqlite/sqlite_record_scan.h"
#include "storage/sqlite/sqlite_record_update.h"
#include "storage/sqlite/sqlite_review.h"

namespace recount::storage::sqlite {
namespace {

// PRAGMA application_id marks the file as a recount store ("RCNT").
constexpr int64_t kApplicationId = 0x52434E54;

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
      if (s.ok() && m.backfill != nullptr) s = m.backfill(*db_);
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
    return NewSqliteImportBatch(db_.get(), source->id, source->name, db_->LastInsertId(), log_);
  }

  Result<StoredRecord> GetRecord(model::RowId id) override {
    RecordFilter f;
    std::optional<StoredRecord> found;
    RETURN_IF_ERROR(ScanStoredRecords(*db_, f, id, [&](StoredRecord&& r) {
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
    return ScanStoredRecords(*db_, filter, 0, fn);
  }

  Result<int64_t> CountRecords(const RecordFilter& filter) override {
    std::string sql =
        "SELECT COUNT(*) FROM persons p JOIN testimonies t ON t.id = p.testimony_id "
        "JOIN sources s ON s.id = t.source_id WHERE " +
        RecordWhereClause(filter, ActMatch::kSet);
    ASSIGN_OR_RETURN(auto st, db_->Prepare(sql));
    BindRecordFilter(st, filter);
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
    return SaveKeyRingRow(*db_, key_ring, expected, log_);
  }
  Result<ShredReport> ShredRecord(model::RowId id, ShredScope scope) override {
    return ShredRecordRows(*db_, id, scope, log_);
  }

  void SetActor(std::string actor) override { log_.actor = std::move(actor); }
  void SetCheckpointSigner(CheckpointSigner signer) override { log_.signer = std::move(signer); }

  Result<int64_t> AppendAuditEntry(AuditEntry entry) override {
    RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
    Result<int64_t> seq = [&]() -> Result<int64_t> {
      ASSIGN_OR_RETURN(AuditLogWriter writer, AuditLogWriter::Begin(*db_, log_));
      RETURN_IF_ERROR(writer.Append(std::move(entry)));
      RETURN_IF_ERROR(writer.Finish());
      return db_->LastInsertId();
    }();
    if (!seq.ok()) {
      db_->Exec("ROLLBACK").IgnoreError();
      return seq.status();
    }
    RETURN_IF_ERROR(db_->Exec("COMMIT"));
    return seq;
  }

  Status ScanAuditLog(
      const std::function<Status(int64_t seq, std::string_view entry)>& fn) override {
    ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT seq, entry FROM audit_log ORDER BY seq"));
    while (true) {
      ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      const auto* p = static_cast<const char*>(sqlite3_column_blob(st.raw(), 1));
      std::string_view entry(p ? p : "", static_cast<size_t>(sqlite3_column_bytes(st.raw(), 1)));
      RETURN_IF_ERROR(fn(st.Int(0), entry));
    }
    return Status();
  }

  Result<LogTreeHead> AuditTreeHead() override { return ReadTreeHead(*db_); }

  Result<std::vector<StoredCheckpoint>> ListCheckpoints() override {
    ASSIGN_OR_RETURN(auto st, db_->Prepare(
        "SELECT size, note, created_at FROM checkpoints ORDER BY size"));
    std::vector<StoredCheckpoint> out;
    while (true) {
      ASSIGN_OR_RETURN(bool row, st.Step());
      if (!row) break;
      out.push_back({static_cast<uint64_t>(st.Int(0)), st.Text(1), st.Text(2)});
    }
    return out;
  }

  Result<std::vector<std::pair<model::RowId, std::string>>> ClusterAssignment() override {
    return ReadClusterAssignment(*db_);
  }
  Result<std::optional<std::string>> GetSetting(std::string_view key) override {
    ASSIGN_OR_RETURN(auto st, db_->Prepare("SELECT value FROM meta WHERE key = ?"));
    st.Bind(1, "setting." + std::string(key));
    ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return std::optional<std::string>();
    return std::optional<std::string>(st.Text(0));
  }
  Status PutSetting(std::string_view key, std::string_view value) override {
    ASSIGN_OR_RETURN(auto st, db_->Prepare(
        "INSERT INTO meta (key, value) VALUES (?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value"));
    st.Bind(1, "setting." + std::string(key));
    st.Bind(2, value);
    return st.Run();
  }
  Result<std::vector<int64_t>> LinkRunIds() override { return ReadLinkRunIds(*db_); }
  Result<std::vector<LinkPair>> LinkPairsOfRun(int64_t run_id) override {
    return ReadLinkPairs(*db_, run_id);
  }
  Result<ReviewDecision> SaveReviewDecision(ReviewDecision decision) override {
    return SaveReviewDecisionRow(*db_, std::move(decision), log_);
  }
  Result<std::vector<ReviewDecision>> ListReviewDecisions() override {
    return ReadReviewDecisions(*db_);
  }
  Result<EvidenceFile> SaveEvidenceFile(EvidenceFile file, std::string_view ciphertext) override {
    return SaveEvidenceRow(*db_, std::move(file), ciphertext, log_);
  }
  Result<std::vector<EvidenceFile>> ListEvidenceFiles(model::RowId record) override {
    return ReadEvidenceRows(*db_, record);
  }
  Result<EvidenceFile> GetEvidenceFile(int64_t id) override { return ReadEvidenceRow(*db_, id); }
  Result<std::string> ReadEvidenceCiphertext(int64_t id) override {
    return sqlite::ReadEvidenceCiphertext(*db_, id);
  }
  Result<int64_t> UpdateRecord(const RecordUpdate& update) override {
    return UpdateRecordRows(*db_, update, log_);
  }
  Result<std::vector<RecordVersion>> RecordVersions(model::RowId record) override {
    return ReadRecordVersions(*db_, record);
  }
  Status Dump(DumpSink& sink) override { return DumpSqliteTables(*db_, sink); }
  Result<std::unique_ptr<TableLoader>> BeginLoad() override {
    return BeginSqliteTableLoad(*db_, path_);
  }

  Result<RecordSharing> GetSharing(model::RowId record) override {
    return GetSharingRow(*db_, record);
  }
  Result<RecordSharing> SetSharing(RecordSharing sharing, std::string_view change) override {
    return SetSharingRow(*db_, std::move(sharing), change, log_);
  }
  Result<std::vector<RecordSharing>> ListSharing() override { return ListSharingRows(*db_); }
  // SQLite has no row-level security: the app's access checks are the whole rule here.
  Status SetReadScope(std::optional<int64_t>) override { return Status(); }

  Result<UserAccount> CreateUser(UserAccount user) override {
    return CreateUserRow(*db_, std::move(user), log_);
  }
  Result<UserAccount> UpdateUser(UserAccount user, std::string_view change) override {
    return UpdateUserRow(*db_, std::move(user), change, log_);
  }
  Result<std::optional<UserAccount>> FindUser(std::string_view name) override {
    return FindUserRow(*db_, name);
  }
  Result<std::vector<UserAccount>> ListUsers() override { return ListUserRows(*db_); }
  Result<bool> ClaimTotpStep(int64_t user_id, int64_t step) override {
    return ClaimTotpStepRow(*db_, user_id, step);
  }
  Status SetLoginFailures(int64_t user_id, int64_t failed,
                          std::string_view locked_until) override {
    return SetLoginFailuresRow(*db_, user_id, failed, locked_until);
  }
  Result<std::optional<std::string>> AuditEntryAt(int64_t seq) override {
    return AuditEntryAtRow(*db_, seq);
  }
  Status SaveSession(const WebSession& session) override { return SaveSessionRow(*db_, session); }
  Result<std::optional<WebSession>> FindSession(std::string_view token_hash) override {
    return FindSessionRow(*db_, token_hash);
  }
  Status TouchSession(std::string_view token_hash, std::string_view last_seen) override {
    return TouchSessionRow(*db_, token_hash, last_seen);
  }
  Status DeleteSessions(std::string_view token_hash, int64_t user_id) override {
    return DeleteSessionRows(*db_, token_hash, user_id);
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
    ASSIGN_OR_RETURN(AuditLogWriter log, AuditLogWriter::Begin(*db_, log_));
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
    ASSIGN_OR_RETURN(auto stored_pairs, ReadLinkPairs(*db_, last_run_id_));
    RETURN_IF_ERROR(log.Append(MakeLinkPairsEntry(last_run_id_, stored_pairs)));
    ASSIGN_OR_RETURN(auto assignment, ReadClusterAssignment(*db_));
    RETURN_IF_ERROR(log.Append(MakeLinkEntry(last_run_id_, assignment, run.clusters.size(),
                                             distinct.size(), run.pairs.size())));
    return log.Finish();
  }

  int64_t last_run_id_ = 0;

  std::unique_ptr<Db> db_;
  std::string path_;
  LogContext log_;
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
