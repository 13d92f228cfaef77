#include "storage/postgres/pg_store.h"

#include <cctype>
#include <cstdlib>
#include <set>

#include "base/clock.h"
#include "storage/audit_append.h"
#include "storage/record_digest.h"
#include "storage/postgres/pg_accounts.h"
#include "storage/postgres/pg_audit_log.h"
#include "storage/postgres/pg_conn.h"
#include "storage/postgres/pg_dump.h"
#include "storage/postgres/pg_import_batch.h"
#include "storage/postgres/pg_migrations.h"
#include "storage/postgres/pg_record_scan.h"
#include "storage/postgres/pg_record_update.h"
#include "storage/postgres/pg_sharing.h"

namespace recount::storage::postgres {
namespace {

// pg_advisory_xact_lock key serialising migrations ("RCNT").
constexpr int64_t kMigrationLock = 0x52434E54;

// A PostgreSQL array literal of text values: {"a","b\"c"}.
std::string TextArray(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

std::string IntArray(const std::vector<int64_t>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i) out += ',';
    out += std::to_string(values[i]);
  }
  return out + "}";
}

class PgStore : public Store {
 public:
  PgStore(std::unique_ptr<Conn> conn, std::string url)
      : conn_(std::move(conn)), url_(std::move(url)) {}

  const std::string& location() const override { return url_; }

  int schema_version() override {
    auto rows = conn_->Query("SELECT value FROM meta WHERE key = 'schema_version'");
    if (!rows.ok() || rows->size() == 0) return 0;
    return std::atoi(rows->Text(0, 0).c_str());
  }

  // Creates the meta table (kCreate) and applies the missing migrations, each in a transaction
  // holding the migration lock, so concurrent `recount init` / opens migrate exactly once.
  Status Migrate(OpenMode mode) {
    RETURN_IF_ERROR(InTransaction([&]() -> Status {
      RETURN_IF_ERROR(Lock());
      ASSIGN_OR_RETURN(Rows meta, conn_->Query("SELECT to_regclass('meta') IS NOT NULL"));
      const bool exists = meta.Text(0, 0) == "t";
      if (mode == OpenMode::kCreate && exists) {
        return AlreadyExists("a recount store already exists in " + conn_->where() +
                             "; use it, or give --store another (empty) database");
      }
      if (mode == OpenMode::kOpenExisting && !exists) {
        return NotFound("no recount store in " + conn_->where() + "; create one with "
                        "'recount init --store " + url_ + "' or point --store / RECOUNT_STORE "
                        "at an existing one");
      }
      if (exists) return Status();  // the application role may not create tables
      return conn_->Exec("CREATE TABLE meta (key text PRIMARY KEY, value text NOT NULL)");
    }));
    for (const PgMigration& m : PgMigrations()) {
      Status s = InTransaction([&]() -> Status {
        RETURN_IF_ERROR(Lock());
        int current = schema_version();
        if (current > LatestPgSchemaVersion()) {
          return FailedPrecondition(
              conn_->where() + " was written by a newer recount (schema version " +
              std::to_string(current) + "; this program knows up to " +
              std::to_string(LatestPgSchemaVersion()) + "); upgrade recount to open it");
        }
        if (m.version <= current) return Status();
        RETURN_IF_ERROR(conn_->Exec(m.sql));
        if (m.backfill != nullptr) RETURN_IF_ERROR(m.backfill(*conn_));
        ASSIGN_OR_RETURN(Rows put, conn_->Query(
            "INSERT INTO meta (key, value) VALUES ('schema_version', $1) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            {std::to_string(m.version)}));
        return Status();
      });
      if (s.code() == StatusCode::kFailedPrecondition) return s;
      if (!s.ok()) {
        return s.WithContext("migrating " + conn_->where() + " to schema version " +
                             std::to_string(m.version) + " (" + std::string(m.description) +
                             "); the store was left unchanged");
      }
    }
    const char* app_role = std::getenv("RECOUNT_PG_APP_ROLE");
    if (app_role != nullptr && *app_role != '\0') {
      RETURN_IF_ERROR(InTransaction([&]() -> Status {
        RETURN_IF_ERROR(Lock());
        return GrantToApplicationRole(app_role);
      }));
    }
    return Status();
  }

  // The application role's rights (docs/postgres.md, "Roles"): it owns nothing, may append to the
  // log but never change or delete an entry or checkpoint, and may delete only what a safety
  // deletion deletes. Idempotent: GRANT of a held right is a no-op.
  Status GrantToApplicationRole(std::string_view role) {
    for (char c : role) {
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) {
        return InvalidArgument("RECOUNT_PG_APP_ROLE '" + std::string(role) +
                               "' is not a plain role name (letters, digits, _)");
      }
    }
    static constexpr std::pair<const char*, const char*> kRights[] = {
        {"meta", "SELECT, INSERT, UPDATE"},
        {"sources", "SELECT, INSERT"},
        {"imports", "SELECT, INSERT"},
        {"testimonies", "SELECT, INSERT, UPDATE, DELETE"},
        {"identities", "SELECT, INSERT, DELETE"},
        {"persons", "SELECT, INSERT, UPDATE, DELETE"},
        {"events", "SELECT, INSERT, DELETE"},
        {"acts", "SELECT, INSERT, DELETE"},
        {"involvements", "SELECT, INSERT, UPDATE, DELETE"},
        {"link_runs", "SELECT, INSERT"},
        {"link_pairs", "SELECT, INSERT, DELETE"},
        {"keyring", "SELECT, INSERT, UPDATE"},
        {"audit_log", "SELECT, INSERT"},
        {"audit_state", "SELECT, INSERT, UPDATE"},
        {"checkpoints", "SELECT, INSERT"},
        {"review_decisions", "SELECT, INSERT"},
        {"evidence_files", "SELECT, INSERT, DELETE"},
        {"record_versions", "SELECT, INSERT, UPDATE, DELETE"},
        {"users", "SELECT, INSERT, UPDATE"},
        {"web_sessions", "SELECT, INSERT, UPDATE, DELETE"},
        {"record_sharing", "SELECT, INSERT, UPDATE"},
        {"record_shares", "SELECT, INSERT, DELETE"},
    };
    const std::string quoted = "\"" + std::string(role) + "\"";
    std::string sql;
    for (const auto& [table, rights] : kRights) {
      sql += "REVOKE ALL ON " + std::string(table) + " FROM " + quoted + "; GRANT " + rights +
             " ON " + table + " TO " + quoted + "; ";
    }
    sql += "GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO " + quoted;
    Status s = conn_->Exec(sql);
    if (!s.ok()) return s.WithContext("granting the application role " + std::string(role));
    return Status();
  }

  Result<model::Source> EnsureSource(std::string_view name) override {
    std::string now = NowRfc3339();
    ASSIGN_OR_RETURN(Rows ins, conn_->Query(
        "INSERT INTO sources (name, description, created_at) VALUES ($1, '', $2) "
        "ON CONFLICT (name) DO NOTHING", {name, now}));
    ASSIGN_OR_RETURN(Rows rows, conn_->Query(
        "SELECT id, name, description, created_at FROM sources WHERE name = $1", {name}));
    if (rows.size() == 0) return Internal("source '" + std::string(name) + "' vanished");
    return model::Source{rows.Int(0, 0), rows.Text(0, 1), rows.Text(0, 2), rows.Text(0, 3)};
  }

  Result<std::vector<model::Source>> ListSources() override {
    ASSIGN_OR_RETURN(Rows rows, conn_->Query(
        "SELECT id, name, description, created_at FROM sources ORDER BY name COLLATE \"C\""));
    std::vector<model::Source> out;
    for (int r = 0; r < rows.size(); ++r) {
      out.push_back({rows.Int(r, 0), rows.Text(r, 1), rows.Text(r, 2), rows.Text(r, 3)});
    }
    return out;
  }

  Result<std::unique_ptr<ImportBatch>> BeginImport(std::string_view source_name,
                                                   std::string_view description) override {
    if (source_name.empty()) return InvalidArgument("a source name is required (--source NAME)");
    RETURN_IF_ERROR(conn_->Exec("BEGIN"));
    auto rollback_on_error = [this](Status s) {
      conn_->Exec("ROLLBACK").IgnoreError();
      return s;
    };
    Result<model::Source> source = EnsureSource(source_name);
    if (!source.ok()) return rollback_on_error(source.status());
    Result<Rows> ins = conn_->Query(
        "INSERT INTO imports (source_id, description, started_at) VALUES ($1, $2, $3) "
        "RETURNING id", {source->id, description, NowRfc3339()});
    if (!ins.ok()) return rollback_on_error(ins.status());
    return NewPgImportBatch(conn_.get(), source->id, source->name, ins->Int(0, 0), log_);
  }

  Result<StoredRecord> GetRecord(model::RowId id) override {
    std::optional<StoredRecord> found;
    RETURN_IF_ERROR(ScanPgRecords(*conn_, RecordFilter{}, id, [&](StoredRecord&& r) {
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
    ASSIGN_OR_RETURN(Rows rows, conn_->Query(
        "SELECT p.id FROM persons p JOIN testimonies t ON t.id = p.testimony_id "
        "JOIN sources s ON s.id = t.source_id WHERE s.name = $1 AND t.external_id = $2 "
        "AND p.role = 'victim'", {source, external_id}));
    if (rows.size() == 0) return std::optional<model::RowId>();
    return std::optional<model::RowId>(rows.Int(0, 0));
  }

  Status ScanRecords(const RecordFilter& filter,
                     const std::function<Status(StoredRecord&&)>& fn) override {
    return ScanPgRecords(*conn_, filter, 0, fn);
  }

  Result<int64_t> CountRecords(const RecordFilter& filter) override {
    std::vector<Param> params;
    std::string sql =
        "SELECT COUNT(*) FROM persons p JOIN testimonies t ON t.id = p.testimony_id "
        "JOIN sources s ON s.id = t.source_id WHERE " + PgRecordWhere(filter, &params);
    ASSIGN_OR_RETURN(Rows rows, conn_->Query(sql, params));
    return rows.Int(0, 0);
  }

  Result<std::vector<CountRow>> CountActs(const std::vector<Dimension>& by) override {
    std::string cols, order;
    for (Dimension d : by) {
      std::string col;
      switch (d) {
        case Dimension::kAct: col = "a.act_type"; break;
        case Dimension::kYear: col = "COALESCE(CAST(e.year_lo AS text), '')"; break;
        case Dimension::kPlace: col = "COALESCE(e.place_id, e.place_text, '')"; break;
        case Dimension::kSex: col = "COALESCE(p.sex, '')"; break;
        case Dimension::kSource: col = "s.name"; break;
      }
      cols += (cols.empty() ? "" : ", ") + col;
      // Byte order, as SQLite sorts: the database's collation may differ.
      order += (order.empty() ? "" : ", ") + col + " COLLATE \"C\"";
    }
    std::string sql = "SELECT " + (cols.empty() ? std::string("''") : cols) +
                      ", COUNT(*), COUNT(DISTINCT p.id) FROM acts a "
                      "JOIN events e ON e.id = a.event_id JOIN persons p ON p.id = a.victim_id "
                      "JOIN testimonies t ON t.id = p.testimony_id "
                      "JOIN sources s ON s.id = t.source_id";
    if (!cols.empty()) sql += " GROUP BY " + cols + " ORDER BY " + order;
    ASSIGN_OR_RETURN(Rows rows, conn_->Query(sql));
    std::vector<CountRow> out;
    const int n = by.empty() ? 1 : static_cast<int>(by.size());
    for (int r = 0; r < rows.size(); ++r) {
      CountRow row;
      for (size_t i = 0; i < by.size(); ++i) row.keys.push_back(rows.Text(r, static_cast<int>(i)));
      row.acts = rows.Int(r, n);
      row.victims = rows.Int(r, n + 1);
      if (by.empty() && row.acts == 0) continue;
      out.push_back(std::move(row));
    }
    return out;
  }

  Result<int64_t> SaveLinkage(const LinkageRun& run) override {
    int64_t run_id = 0;
    RETURN_IF_ERROR(InTransaction([&]() -> Status {
      // The log lock first: the cluster assignment read below is then the one this entry covers.
      ASSIGN_OR_RETURN(PgLogWriter log, PgLogWriter::Begin(*conn_, log_));
      std::set<std::string> distinct;
      for (const auto& [id, cluster] : run.clusters) distinct.insert(cluster);
      ASSIGN_OR_RETURN(Rows ins, conn_->Query(
          "INSERT INTO link_runs (description, started_at, records, clusters) "
          "VALUES ($1, $2, $3, $4) RETURNING id",
          {run.description, NowRfc3339(), static_cast<int64_t>(run.clusters.size()),
           static_cast<int64_t>(distinct.size())}));
      run_id = ins.Int(0, 0);
      std::vector<int64_t> ids;
      std::vector<std::string> clusters;
      for (const auto& [id, cluster] : run.clusters) {
        ids.push_back(id);
        clusters.push_back(cluster);
      }
      if (!ids.empty()) {
        ASSIGN_OR_RETURN(Rows missing, conn_->Query(
            "SELECT v.id FROM unnest($1::bigint[]) AS v(id) "
            "WHERE NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = v.id) LIMIT 1",
            {IntArray(ids)}));
        if (missing.size() > 0) {
          return NotFound("linkage names record " + missing.Text(0, 0) +
                          ", which is not in the store");
        }
        ASSIGN_OR_RETURN(Rows upd, conn_->Query(
            "UPDATE persons p SET cluster_id = v.c FROM unnest($1::bigint[], $2::text[]) "
            "AS v(id, c) WHERE p.id = v.id", {IntArray(ids), TextArray(clusters)}));
      }
      CopyRows pairs;
      for (const LinkPair& p : run.pairs) {
        pairs.Int(run_id);
        pairs.Int(p.a);
        pairs.Int(p.b);
        pairs.Text(Param::Double(p.probability).value);
        pairs.EndRow();
      }
      if (pairs.rows() > 0) {
        RETURN_IF_ERROR(conn_->CopyIn("COPY link_pairs (run_id, a, b, probability) FROM STDIN",
                                      pairs.data()));
      }
      ASSIGN_OR_RETURN(auto stored_pairs, ReadPgLinkPairs(*conn_, run_id));
      log.Append(MakeLinkPairsEntry(run_id, stored_pairs));
      ASSIGN_OR_RETURN(auto assignment, ReadPgClusterAssignment(*conn_));
      log.Append(MakeLinkEntry(run_id, assignment, run.clusters.size(), distinct.size(),
                               run.pairs.size()));
      return log.Finish();
    }));
    return run_id;
  }

  Result<std::vector<LinkPair>> LatestLinkPairs() override {
    ASSIGN_OR_RETURN(Rows rows, conn_->Query("SELECT MAX(id) FROM link_runs"));
    if (rows.IsNull(0, 0)) return std::vector<LinkPair>();
    return ReadPgLinkPairs(*conn_, rows.Int(0, 0));
  }

  Result<std::optional<std::string>> LoadKeyRing() override {
    ASSIGN_OR_RETURN(Rows rows, conn_->Query("SELECT data FROM keyring WHERE id = 1"));
    if (rows.size() == 0) return std::optional<std::string>();
    return std::optional<std::string>(rows.Bytes(0, 0));
  }

  Status SaveKeyRing(std::string_view key_ring,
                     const std::optional<std::string>& expected) override {
    return InTransaction([&]() -> Status {
      ASSIGN_OR_RETURN(PgLogWriter log, PgLogWriter::Begin(*conn_, log_));
      ASSIGN_OR_RETURN(Rows cur, conn_->Query("SELECT data FROM keyring WHERE id = 1 FOR UPDATE"));
      std::optional<std::string> current;
      if (cur.size() > 0) current = cur.Bytes(0, 0);
      if (current != expected) {
        return FailedPrecondition("the store's keys were changed by another process meanwhile; "
                                  "nothing was changed, try again");
      }
      ASSIGN_OR_RETURN(Rows put, conn_->Query(
          "INSERT INTO keyring (id, data, updated_at) VALUES (1, $1, $2) "
          "ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at",
          {Param::Bytes(key_ring), NowRfc3339()}));
      log.Append(MakeKeysEntry(key_ring, !expected.has_value()));
      return log.Finish();
    });
  }

  Result<ShredReport> ShredRecord(model::RowId id, ShredScope scope) override {
    ShredReport report;
    RETURN_IF_ERROR(InTransaction([&]() -> Status {
      ASSIGN_OR_RETURN(PgLogWriter log, PgLogWriter::Begin(*conn_, log_));
      ASSIGN_OR_RETURN(Rows find, conn_->Query(
          "SELECT p.testimony_id, p.identity_id, p.version, p.cluster_id IS NOT NULL, "
          "t.external_id FROM persons p JOIN testimonies t ON t.id = p.testimony_id "
          "WHERE p.id = $1 AND p.role = 'victim' FOR UPDATE OF p", {id}));
      if (find.size() == 0) {
        return NotFound("no record with id " + std::to_string(id) +
                        "; 'recount list' shows the ids");
      }
      const int64_t testimony_id = find.Int(0, 0);
      const std::string identity_id = find.Text(0, 1);
      const int64_t version = find.Int(0, 2);
      const bool had_cluster = find.Text(0, 3) == "t";
      const std::string external_id = find.Text(0, 4);
      auto run = [this](std::string_view sql, std::vector<Param> params) -> Status {
        return conn_->Query(sql, params).status();
      };
      // The person's reference goes first: the identity row is then free to delete. Versions
      // kept by edits name their own identity rows: they go too.
      RETURN_IF_ERROR(run("UPDATE persons SET identity_id = NULL WHERE id = $1", {id}));
      ASSIGN_OR_RETURN(std::vector<std::string> old_identities,
                       ShredPgRecordVersions(*conn_, id, scope == ShredScope::kWholeRecord));
      old_identities.push_back(identity_id);
      for (const std::string& old : old_identities) {
        if (old.empty()) continue;
        ASSIGN_OR_RETURN(Rows gone, conn_->Query("DELETE FROM identities WHERE id = $1", {old}));
        report.identity_destroyed |= gone.Affected() > 0;
      }
      RETURN_IF_ERROR(run("UPDATE testimonies SET narrative = NULL WHERE id = $1",
                          {testimony_id}));
      std::vector<int64_t> runs_with_pairs;
      std::vector<EvidenceFile> attachments;
      if (scope == ShredScope::kWholeRecord) {
        ASSIGN_OR_RETURN(Rows runs, conn_->Query(
            "SELECT DISTINCT run_id FROM link_pairs WHERE a = $1 OR b = $1 ORDER BY run_id",
            {id}));
        for (int r = 0; r < runs.size(); ++r) runs_with_pairs.push_back(runs.Int(r, 0));
        // Attachments go with the whole record: their wrapped keys and ciphertexts are deleted.
        ASSIGN_OR_RETURN(attachments, ListEvidenceFiles(id));
        RETURN_IF_ERROR(run("DELETE FROM evidence_files WHERE record_id = $1", {id}));
        report.attachments_destroyed = static_cast<int64_t>(attachments.size());
        RETURN_IF_ERROR(run("DELETE FROM involvements WHERE act_id IN "
                            "(SELECT id FROM acts WHERE victim_id = $1)", {id}));
        // Acts before their events (the foreign key is checked at the end of the statement).
        RETURN_IF_ERROR(run("WITH gone AS (DELETE FROM acts WHERE victim_id = $1 "
                            "RETURNING event_id) DELETE FROM events WHERE id IN "
                            "(SELECT event_id FROM gone)", {id}));
        RETURN_IF_ERROR(run("DELETE FROM link_pairs WHERE a = $1 OR b = $1", {id}));
        RETURN_IF_ERROR(run("UPDATE involvements SET perpetrator_id = NULL "
                            "WHERE perpetrator_id = $1", {id}));
        RETURN_IF_ERROR(run("DELETE FROM persons WHERE id = $1", {id}));
        // The testimony goes when no other person of it remains.
        RETURN_IF_ERROR(run("DELETE FROM testimonies WHERE id = $1 AND NOT EXISTS "
                            "(SELECT 1 FROM persons WHERE testimony_id = $1)", {testimony_id}));
        report.record_deleted = true;
      }
      std::string digest;
      if (scope != ShredScope::kWholeRecord) {
        RETURN_IF_ERROR(run("UPDATE persons SET version = $1 WHERE id = $2", {version + 1, id}));
        RETURN_IF_ERROR(ScanPgRecords(*conn_, RecordFilter{}, id, [&](StoredRecord&& sr) {
          digest = RecordDigest(sr);
          return Status();
        }));
      }
      log.Append(MakeShredEntry(id, version + 1, external_id, scope, std::move(digest)));
      for (const EvidenceFile& f : attachments) log.Append(MakeShredAttachmentEntry(f));
      for (int64_t run_id : runs_with_pairs) {
        ASSIGN_OR_RETURN(auto pairs, ReadPgLinkPairs(*conn_, run_id));
        log.Append(MakeDeletedPairsEntry(run_id, pairs, id));
      }
      if (scope == ShredScope::kWholeRecord && had_cluster) {
        ASSIGN_OR_RETURN(auto assignment, ReadPgClusterAssignment(*conn_));
        log.Append(MakeLeftClusterEntry(assignment, id));
      }
      return log.Finish();
    }));
    // PostgreSQL has no secure_delete: the deleted tuples stay in the table files until vacuum
    // reuses their space, and in the WAL until it is recycled (docs/postgres.md).
    report.wal_truncated = false;
    return report;
  }

  Result<int64_t> UpdateRecord(const RecordUpdate& update) override {
    int64_t version = 0;
    RETURN_IF_ERROR(InTransaction([&]() -> Status {
      ASSIGN_OR_RETURN(version, UpdatePgRecord(*conn_, update, log_));
      return Status();
    }));
    return version;
  }
  Result<std::vector<RecordVersion>> RecordVersions(model::RowId record) override {
    return ReadPgRecordVersions(*conn_, record);
  }

  Result<RecordSharing> GetSharing(model::RowId record) override {
    return GetPgSharing(*conn_, record);
  }
  Result<RecordSharing> SetSharing(RecordSharing sharing, std::string_view change) override {
    return SetPgSharing(*conn_, std::move(sharing), change, log_);
  }
  Result<std::vector<RecordSharing>> ListSharing() override { return ListPgSharing(*conn_); }
  Status SetReadScope(std::optional<int64_t> user) override {
    return SetPgReadScope(*conn_, user);
  }

  Result<UserAccount> CreateUser(UserAccount user) override {
    return CreatePgUser(*conn_, std::move(user), log_);
  }
  Result<UserAccount> UpdateUser(UserAccount user, std::string_view change) override {
    return UpdatePgUser(*conn_, std::move(user), change, log_);
  }
  Result<std::optional<UserAccount>> FindUser(std::string_view name) override {
    return FindPgUser(*conn_, name);
  }
  Result<std::vector<UserAccount>> ListUsers() override { return ListPgUsers(*conn_); }
  Result<bool> ClaimTotpStep(int64_t user_id, int64_t step) override {
    return ClaimPgTotpStep(*conn_, user_id, step);
  }
  Status SetLoginFailures(int64_t user_id, int64_t failed,
                          std::string_view locked_until) override {
    return SetPgLoginFailures(*conn_, user_id, failed, locked_until);
  }
  Result<std::optional<std::string>> AuditEntryAt(int64_t seq) override {
    return PgAuditEntryAt(*conn_, seq);
  }
  Status SaveSession(const WebSession& session) override {
    return SavePgSession(*conn_, session);
  }
  Result<std::optional<WebSession>> FindSession(std::string_view token_hash) override {
    return FindPgSession(*conn_, token_hash);
  }
  Status TouchSession(std::string_view token_hash, std::string_view last_seen) override {
    return TouchPgSession(*conn_, token_hash, last_seen);
  }
  Status DeleteSessions(std::string_view token_hash, int64_t user_id) override {
    return DeletePgSessions(*conn_, token_hash, user_id);
  }

  void SetActor(std::string actor) override { log_.actor = std::move(actor); }
  void SetCheckpointSigner(CheckpointSigner signer) override { log_.signer = std::move(signer); }

  Result<int64_t> AppendAuditEntry(AuditEntry entry) override {
    int64_t seq = 0;
    RETURN_IF_ERROR(InTransaction([&]() -> Status {
      ASSIGN_OR_RETURN(PgLogWriter log, PgLogWriter::Begin(*conn_, log_));
      seq = log.Append(std::move(entry));
      return log.Finish();
    }));
    return seq;
  }

  Status ScanAuditLog(
      const std::function<Status(int64_t seq, std::string_view entry)>& fn) override {
    int64_t after = -1;
    while (true) {
      ASSIGN_OR_RETURN(Rows rows, conn_->Query(
          "SELECT seq, entry FROM audit_log WHERE seq > $1 ORDER BY seq LIMIT 5000", {after}));
      for (int r = 0; r < rows.size(); ++r) {
        after = rows.Int(r, 0);
        RETURN_IF_ERROR(fn(after, rows.Bytes(r, 1)));
      }
      if (rows.size() < 5000) break;
    }
    return Status();
  }

  Result<LogTreeHead> AuditTreeHead() override { return ReadPgTreeHead(*conn_); }

  Result<std::vector<StoredCheckpoint>> ListCheckpoints() override {
    ASSIGN_OR_RETURN(Rows rows, conn_->Query(
        "SELECT size, note, created_at FROM checkpoints ORDER BY size"));
    std::vector<StoredCheckpoint> out;
    for (int r = 0; r < rows.size(); ++r) {
      out.push_back({static_cast<uint64_t>(rows.Int(r, 0)), rows.Text(r, 1), rows.Text(r, 2)});
    }
    return out;
  }

  Result<std::vector<std::pair<model::RowId, std::string>>> ClusterAssignment() override {
    return ReadPgClusterAssignment(*conn_);
  }

  Result<std::optional<std::string>> GetSetting(std::string_view key) override {
    ASSIGN_OR_RETURN(Rows rows, conn_->Query("SELECT value FROM meta WHERE key = $1",
                                             {"setting." + std::string(key)}));
    if (rows.size() == 0) return std::optional<std::string>();
    return std::optional<std::string>(rows.Text(0, 0));
  }
  Status PutSetting(std::string_view key, std::string_view value) override {
    return conn_->Query("INSERT INTO meta (key, value) VALUES ($1, $2) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        {"setting." + std::string(key), value})
        .status();
  }

  Result<std::vector<int64_t>> LinkRunIds() override {
    ASSIGN_OR_RETURN(Rows rows, conn_->Query("SELECT id FROM link_runs ORDER BY id"));
    std::vector<int64_t> out;
    for (int r = 0; r < rows.size(); ++r) out.push_back(rows.Int(r, 0));
    return out;
  }
  Result<std::vector<LinkPair>> LinkPairsOfRun(int64_t run_id) override {
    return ReadPgLinkPairs(*conn_, run_id);
  }

  Result<ReviewDecision> SaveReviewDecision(ReviewDecision d) override {
    if (d.a == d.b) {
      return InvalidArgument("a review decision needs two different records (got " +
                             std::to_string(d.a) + " twice)");
    }
    if (d.a > d.b) std::swap(d.a, d.b);
    d.actor = log_.actor;
    d.decided_at = NowRfc3339();
    RETURN_IF_ERROR(InTransaction([&]() -> Status {
      ASSIGN_OR_RETURN(Rows find, conn_->Query(
          "SELECT COUNT(*) FROM persons WHERE id IN ($1, $2) AND role = 'victim'", {d.a, d.b}));
      if (find.Int(0, 0) != 2) {
        return NotFound("no record pair " + std::to_string(d.a) + "," + std::to_string(d.b) +
                        " in the store; 'recount review --list' shows the pairs to review");
      }
      ASSIGN_OR_RETURN(Rows ins, conn_->Query(
          "INSERT INTO review_decisions (a, b, verdict, probability, note, actor, decided_at) "
          "VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
          {d.a, d.b, ReviewVerdictName(d.verdict), Param::Double(d.probability), d.note, d.actor,
           d.decided_at}));
      d.id = ins.Int(0, 0);
      ASSIGN_OR_RETURN(PgLogWriter log, PgLogWriter::Begin(*conn_, log_));
      log.Append(MakeReviewEntry(d));
      return log.Finish();
    }));
    return d;
  }

  Result<std::vector<ReviewDecision>> ListReviewDecisions() override {
    ASSIGN_OR_RETURN(Rows rows, conn_->Query(
        "SELECT id, a, b, verdict, probability, note, actor, decided_at FROM review_decisions "
        "ORDER BY id"));
    std::vector<ReviewDecision> out;
    for (int r = 0; r < rows.size(); ++r) {
      ReviewDecision d;
      d.id = rows.Int(r, 0);
      d.a = rows.Int(r, 1);
      d.b = rows.Int(r, 2);
      Result<ReviewVerdict> v = ParseReviewVerdict(rows.Text(r, 3));
      if (!v.ok()) {
        return DataLoss("review decision " + std::to_string(d.id) +
                        " is damaged: " + v.status().message());
      }
      d.verdict = *v;
      d.probability = rows.Double(r, 4);
      d.note = rows.Text(r, 5);
      d.actor = rows.Text(r, 6);
      d.decided_at = rows.Text(r, 7);
      out.push_back(std::move(d));
    }
    return out;
  }

  Result<EvidenceFile> SaveEvidenceFile(EvidenceFile f, std::string_view ciphertext) override {
    if (f.evidence_id.empty() || f.wrapped_key.empty()) {
      return InvalidArgument("an evidence file needs its evidence id and wrapped key");
    }
    f.ciphertext_sha256 = DigestOfBytes(ciphertext);
    f.actor = log_.actor;
    f.attached_at = NowRfc3339();
    RETURN_IF_ERROR(InTransaction([&]() -> Status {
      ASSIGN_OR_RETURN(Rows find, conn_->Query(
          "SELECT version FROM persons WHERE id = $1 AND role = 'victim' FOR SHARE", {f.record}));
      if (find.size() == 0) {
        return NotFound("no record " + std::to_string(f.record) +
                        " in the store; 'recount list' shows the records");
      }
      const int64_t version = find.Int(0, 0);
      ASSIGN_OR_RETURN(Rows ins, conn_->Query(
          "INSERT INTO evidence_files (record_id, evidence_id, file_name, media_type, "
          "source_note, size, plaintext_sha256, ciphertext_sha256, wrapped_key, actor, "
          "attached_at, ciphertext) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING id",
          {f.record, f.evidence_id, f.file_name, f.media_type, f.source_note,
           static_cast<int64_t>(f.size), f.plaintext_sha256, f.ciphertext_sha256,
           Param::Bytes(f.wrapped_key), f.actor, f.attached_at, Param::Bytes(ciphertext)}));
      f.id = ins.Int(0, 0);
      ASSIGN_OR_RETURN(PgLogWriter log, PgLogWriter::Begin(*conn_, log_));
      log.Append(MakeAttachEntry(f, version));
      return log.Finish();
    }));
    return f;
  }

  Result<std::vector<EvidenceFile>> ListEvidenceFiles(model::RowId record) override {
    std::string sql = std::string("SELECT ") + kEvidenceColumns + " FROM evidence_files" +
                      (record != 0 ? " WHERE record_id = $1" : "") + " ORDER BY id";
    std::vector<Param> params;
    if (record != 0) params.emplace_back(record);
    ASSIGN_OR_RETURN(Rows rows, conn_->Query(sql, params));
    std::vector<EvidenceFile> out;
    for (int r = 0; r < rows.size(); ++r) out.push_back(EvidenceFromRow(rows, r));
    return out;
  }

  Result<EvidenceFile> GetEvidenceFile(int64_t id) override {
    ASSIGN_OR_RETURN(Rows rows, conn_->Query(std::string("SELECT ") + kEvidenceColumns +
                                             " FROM evidence_files WHERE id = $1", {id}));
    if (rows.size() == 0) {
      return NotFound("no attachment " + std::to_string(id) +
                      " in the store; 'recount show RECORD' lists a record's attachments");
    }
    return EvidenceFromRow(rows, 0);
  }

  Result<std::string> ReadEvidenceCiphertext(int64_t id) override {
    ASSIGN_OR_RETURN(Rows rows, conn_->Query(
        "SELECT ciphertext FROM evidence_files WHERE id = $1", {id}));
    if (rows.size() == 0) return NotFound("no attachment " + std::to_string(id) + " in the store");
    return rows.Bytes(0, 0);
  }

 private:
  static constexpr const char* kEvidenceColumns =
      "id, record_id, evidence_id, file_name, media_type, source_note, size, plaintext_sha256, "
      "ciphertext_sha256, wrapped_key, actor, attached_at";

  static EvidenceFile EvidenceFromRow(const Rows& rows, int r) {
    EvidenceFile f;
    f.id = rows.Int(r, 0);
    f.record = rows.Int(r, 1);
    f.evidence_id = rows.Text(r, 2);
    f.file_name = rows.Text(r, 3);
    f.media_type = rows.Text(r, 4);
    f.source_note = rows.Text(r, 5);
    f.size = static_cast<uint64_t>(rows.Int(r, 6));
    f.plaintext_sha256 = rows.Text(r, 7);
    f.ciphertext_sha256 = rows.Text(r, 8);
    f.wrapped_key = rows.Bytes(r, 9);
    f.actor = rows.Text(r, 10);
    f.attached_at = rows.Text(r, 11);
    return f;
  }

  Status Dump(DumpSink& sink) override { return DumpPgTables(*conn_, sink); }
  Result<std::unique_ptr<TableLoader>> BeginLoad() override { return BeginPgTableLoad(*conn_); }

  Status Lock() {
    return conn_->Query("SELECT pg_advisory_xact_lock($1)", {kMigrationLock}).status();
  }

  // Runs `body` between BEGIN and COMMIT, rolling back on any error.
  template <typename Fn>
  Status InTransaction(Fn&& body) {
    RETURN_IF_ERROR(conn_->Exec("BEGIN"));
    Status s = body();
    if (!s.ok()) {
      conn_->Exec("ROLLBACK").IgnoreError();
      return s;
    }
    return conn_->Exec("COMMIT");
  }

  std::unique_ptr<Conn> conn_;
  std::string url_;
  LogContext log_;
};

}  // namespace

int LatestPgSchemaVersion() { return PgMigrations().back().version; }

Result<std::unique_ptr<Store>> OpenPgStore(const std::string& url, OpenMode mode) {
  ASSIGN_OR_RETURN(std::unique_ptr<Conn> conn, Conn::Connect(url));
  // A store opened here reads the whole store (the command line, run by the key holder); the web
  // server narrows each connection to the request's user (SetReadScope; docs/access.md).
  RETURN_IF_ERROR(SetPgReadScope(*conn, std::nullopt));
  auto store = std::make_unique<PgStore>(std::move(conn), url);
  RETURN_IF_ERROR(store->Migrate(mode));
  return std::unique_ptr<Store>(std::move(store));
}

Status DropPgStore(const std::string& url) {
  ASSIGN_OR_RETURN(std::unique_ptr<Conn> conn, Conn::Connect(url));
  std::string tables;
  for (const DumpTableSpec& t : DumpTables()) {
    if (!tables.empty()) tables += ", ";
    tables += t.name;
  }
  for (const UndumpedTable& t : UndumpedTables()) tables += ", " + std::string(t.name);
  Status s = conn->Exec("BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kMigrationLock) +
                        "); DROP TABLE IF EXISTS " + tables +
                        " CASCADE; DROP FUNCTION IF EXISTS evidence_files_immutable(); DROP FUNCTION IF "
                        "EXISTS recount_sees(bigint); COMMIT");
  if (!s.ok()) {
    conn->Exec("ROLLBACK").IgnoreError();
    return s.WithContext("removing the half-made store in " + conn->where() +
                         "; drop and re-create the database by hand");
  }
  return Status();
}

}  // namespace recount::storage::postgres
