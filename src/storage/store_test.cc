// The Store contract, run against every backend (store_test_backends.h: SQLite and PostgreSQL),
// plus the checks that only make sense for one of them.
#include "storage/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "storage/store_test_backends.h"

namespace recount::storage {
namespace {

using storetest::BackendName;
using storetest::Backends;
using storetest::BackendTest;

model::Record MakeRecord(std::string id, std::string act, int year) {
  model::Record r;
  r.external_id = std::move(id);
  r.sex = "female";
  r.birth = PartialDate::Year(1990);
  model::Act a;
  a.act_type = std::move(act);
  a.date = PartialDate::Year(year);
  a.place_text = "Yanji";
  a.involvements.push_back({"broker", "direct"});
  r.acts.push_back(a);
  return r;
}

// A new store at `location` holding one record (born 1990, a rape in 2010: aged 19-20), for the
// migration tests, which then take the schema back and reopen it.
void CreateWithOneRecord(const std::string& location) {
  auto store = std::move(OpenStore(location, OpenMode::kCreate).value());
  auto batch = std::move(store->BeginImport("ngo-a", "test").value());
  ASSERT_TRUE(batch->Add(MakeRecord("1", "rape", 2010), "id-1", "blob").ok());
  ASSERT_TRUE(batch->Commit().ok());
}

// How many records have an act at which the victim was aged within [from, to] (-1: open).
int64_t CountAged(Store& store, int from, int to) {
  RecordFilter f;
  f.age_from = from;
  f.age_to = to;
  return store.CountRecords(f).value();
}

template <typename B>
class StoreTest : public BackendTest<B> {};
TYPED_TEST_SUITE(StoreTest, Backends, BackendName);

TYPED_TEST(StoreTest, CreateRefusesExistingAndOpenRefusesMissing) {
  const std::string& loc = this->location_;
  auto missing = OpenStore(loc, OpenMode::kOpenExisting);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("recount init"), std::string::npos);
  ASSERT_TRUE(OpenStore(loc, OpenMode::kCreate).ok());
  auto again = OpenStore(loc, OpenMode::kCreate);
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  auto reopened = OpenStore(loc, OpenMode::kOpenExisting);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ((*reopened)->schema_version(), LatestSchemaVersion());
}

TYPED_TEST(StoreTest, RefusesNewerSchemas) {
  const std::string& loc = this->location_;
  { ASSERT_TRUE(OpenStore(loc, OpenMode::kCreate).ok()); }
  ASSERT_TRUE(
      this->backend_.Exec(loc, "UPDATE meta SET value = '999' WHERE key = 'schema_version'").ok());
  auto newer = OpenStore(loc, OpenMode::kOpenExisting);
  ASSERT_FALSE(newer.ok());
  EXPECT_EQ(newer.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(newer.status().message().find("newer recount"), std::string::npos);
}

TYPED_TEST(StoreTest, ImportIsAllOrNothing) {
  auto store = std::move(OpenStore(this->location_, OpenMode::kCreate).value());
  {
    auto batch = std::move(store->BeginImport("ngo-a", "test").value());
    ASSERT_TRUE(batch->Add(MakeRecord("1", "trafficking", 2010), "id-1", "blob1").ok());
    // Not committed: destroyed batch rolls back.
  }
  EXPECT_EQ(*store->CountRecords({}), 0);
  {
    auto batch = std::move(store->BeginImport("ngo-a", "test").value());
    ASSERT_TRUE(batch->Add(MakeRecord("1", "trafficking", 2010), "id-1", "blob1").ok());
    // A second row of the same record adds an act to the same victim.
    ASSERT_TRUE(batch->Add(MakeRecord("1", "forced_marriage", 2011), "", "").ok());
    ASSERT_TRUE(batch->Add(MakeRecord("2", "rape", 2012), "id-2", "blob2").ok());
    EXPECT_TRUE(*batch->Contains("2"));
    EXPECT_FALSE(*batch->Contains("3"));
    ASSERT_TRUE(batch->Commit().ok());
  }
  EXPECT_EQ(*store->CountRecords({}), 2);
  // Re-importing the same record id into the same source is refused.
  {
    auto batch = std::move(store->BeginImport("ngo-a", "again").value());
    EXPECT_TRUE(*batch->Contains("1"));
    auto dup = batch->Add(MakeRecord("1", "rape", 2012), "id-3", "blob3");
    EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists);
  }
  EXPECT_EQ(*store->CountRecords({}), 2);
}

TYPED_TEST(StoreTest, ScanReturnsRecordsWithActsAndFilters) {
  auto store = std::move(OpenStore(this->location_, OpenMode::kCreate).value());
  auto batch = std::move(store->BeginImport("ngo-a", "test").value());
  ASSERT_TRUE(batch->Add(MakeRecord("1", "trafficking", 2010), "id-1", "blob1").ok());
  ASSERT_TRUE(batch->Add(MakeRecord("1", "forced_marriage", 2011), "", "").ok());
  ASSERT_TRUE(batch->Add(MakeRecord("2", "rape", 2015), "id-2", std::string("b\0lob2", 6)).ok());
  ASSERT_TRUE(batch->Commit().ok());

  std::vector<StoredRecord> all;
  ASSERT_TRUE(store->ScanRecords({}, [&](StoredRecord&& r) {
                     all.push_back(std::move(r));
                     return Status();
                   }).ok());
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].record.external_id, "1");
  ASSERT_EQ(all[0].record.acts.size(), 2u);
  EXPECT_EQ(all[0].record.acts[1].act_type, "forced_marriage");
  EXPECT_EQ(all[0].record.acts[0].involvements.size(), 1u);
  EXPECT_EQ(all[0].identity_blob, "blob1");
  EXPECT_EQ(all[1].identity_blob, std::string("b\0lob2", 6));  // binary-safe
  EXPECT_EQ(all[1].record.acts.size(), 1u);

  RecordFilter f;
  f.act_type = "rape";
  EXPECT_EQ(*store->CountRecords(f), 1);
  f = {};
  f.year_from = 2011;
  f.year_to = 2011;
  EXPECT_EQ(*store->CountRecords(f), 1);
  f = {};
  f.limit = 1;
  f.offset = 1;
  std::vector<std::string> paged;
  ASSERT_TRUE(store->ScanRecords(f, [&](StoredRecord&& r) {
                     paged.push_back(r.record.external_id);
                     return Status();
                   }).ok());
  EXPECT_EQ(paged, std::vector<std::string>{"2"});
  // Keyset paging: the records after an id, with the act filter applied to the acts query too.
  f = {};
  f.after_id = all[0].record.id;
  paged.clear();
  std::vector<size_t> acts;
  ASSERT_TRUE(store->ScanRecords(f, [&](StoredRecord&& r) {
                     paged.push_back(r.record.external_id);
                     acts.push_back(r.record.acts.size());
                     return Status();
                   }).ok());
  EXPECT_EQ(paged, std::vector<std::string>{"2"});
  EXPECT_EQ(acts, std::vector<size_t>{1});
  EXPECT_EQ(*store->CountRecords(f), 1);
  f.after_id = all[1].record.id;
  EXPECT_EQ(*store->CountRecords(f), 0);

  auto counts = store->CountActs({Dimension::kAct});
  ASSERT_TRUE(counts.ok());
  ASSERT_EQ(counts->size(), 3u);
  EXPECT_EQ((*counts)[0].keys[0], "forced_marriage");  // byte order in every backend
  auto by_year = store->CountActs({Dimension::kYear, Dimension::kSource});
  ASSERT_TRUE(by_year.ok());
  ASSERT_EQ(by_year->size(), 3u);
  EXPECT_EQ((*by_year)[2].keys, (std::vector<std::string>{"2015", "ngo-a"}));
  auto one = store->GetRecord(all[1].record.id);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->record.external_id, "2");
  EXPECT_EQ(store->GetRecord(999).status().code(), StatusCode::kNotFound);
  store.reset();
  // Every reference the import wrote points at an existing row (neither backend checks foreign
  // keys row by row during an import).
  std::vector<std::string> dangling = {
      "SELECT count(*) FROM testimonies t WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE "
      "s.id = t.source_id) OR NOT EXISTS (SELECT 1 FROM imports i WHERE i.id = t.import_id)",
      "SELECT count(*) FROM persons p WHERE NOT EXISTS (SELECT 1 FROM testimonies t WHERE "
      "t.id = p.testimony_id) OR (p.identity_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "
      "identities i WHERE i.id = p.identity_id))",
      "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM testimonies t WHERE "
      "t.id = e.testimony_id)",
      "SELECT count(*) FROM acts a WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = "
      "a.event_id) OR NOT EXISTS (SELECT 1 FROM persons p WHERE p.id = a.victim_id)",
      "SELECT count(*) FROM involvements v WHERE NOT EXISTS (SELECT 1 FROM acts a WHERE a.id = "
      "v.act_id)"};
  if constexpr (TypeParam::kIsSqlite) {
    dangling.push_back("SELECT count(*) FROM pragma_foreign_key_check");
  }
  for (const std::string& sql : dangling) {
    EXPECT_EQ(*this->backend_.QueryInt(this->location_, sql), 0) << sql;
  }
  store = std::move(OpenStore(this->location_, OpenMode::kOpenExisting).value());
  auto found = store->FindRecord("ngo-a", "2");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ(**found, all[1].record.id);
  auto sources = store->ListSources();
  ASSERT_TRUE(sources.ok());
  ASSERT_EQ(sources->size(), 1u);
  EXPECT_EQ((*sources)[0].name, "ngo-a");
}

TYPED_TEST(StoreTest, LinkageRunsSetClustersAndKeepPairs) {
  auto store = std::move(OpenStore(this->location_, OpenMode::kCreate).value());
  auto batch = std::move(store->BeginImport("ngo-a", "test").value());
  model::RowId a = *batch->Add(MakeRecord("1", "rape", 2010), "id-1", "x");
  model::RowId b = *batch->Add(MakeRecord("2", "rape", 2010), "id-2", "y");
  ASSERT_TRUE(batch->Commit().ok());
  LinkageRun run;
  run.description = "test";
  run.clusters = {{a, "P1"}, {b, "P1"}};
  run.pairs = {{a, b, 0.97}};
  ASSERT_TRUE(store->SaveLinkage(run).ok());
  EXPECT_EQ(store->GetRecord(b)->record.cluster_id, "P1");
  auto pairs = store->LatestLinkPairs();
  ASSERT_TRUE(pairs.ok());
  ASSERT_EQ(pairs->size(), 1u);
  EXPECT_EQ((*pairs)[0].probability, 0.97);  // exactly: the log's digest covers it
  // A run naming a record that does not exist changes nothing.
  LinkageRun bad;
  bad.clusters = {{a, "P9"}, {12345, "P9"}};
  EXPECT_EQ(store->SaveLinkage(bad).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->GetRecord(a)->record.cluster_id, "P1");
  EXPECT_EQ(store->LinkRunIds()->size(), 1u);
}

TYPED_TEST(StoreTest, SettingsAndReviewDecisionsAndEvidence) {
  auto store = std::move(OpenStore(this->location_, OpenMode::kCreate).value());
  EXPECT_FALSE(store->GetSetting("log_vkey")->has_value());
  ASSERT_TRUE(store->PutSetting("log_vkey", "k1").ok());
  ASSERT_TRUE(store->PutSetting("log_vkey", "k2").ok());
  EXPECT_EQ(**store->GetSetting("log_vkey"), "k2");
  auto batch = std::move(store->BeginImport("ngo-a", "test").value());
  model::RowId a = *batch->Add(MakeRecord("1", "rape", 2010), "", "");
  model::RowId b = *batch->Add(MakeRecord("2", "rape", 2010), "", "");
  ASSERT_TRUE(batch->Commit().ok());
  store->SetActor("reviewer");
  ReviewDecision d;
  d.a = b;
  d.b = a;
  d.verdict = ReviewVerdict::kReject;
  d.probability = 0.125;
  d.note = "different mothers";
  auto saved = store->SaveReviewDecision(d);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->a, a);  // ordered
  EXPECT_EQ(saved->actor, "reviewer");
  d.b = 999;
  EXPECT_EQ(store->SaveReviewDecision(d).status().code(), StatusCode::kNotFound);
  auto history = store->ListReviewDecisions();
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 1u);
  EXPECT_EQ(ReviewDecisionDigest((*history)[0]), ReviewDecisionDigest(*saved));

  EvidenceFile f;
  f.record = a;
  f.evidence_id = "ev-1";
  f.file_name = "statement.pdf";
  f.media_type = "application/pdf";
  f.size = 3;
  f.plaintext_sha256 = DigestOfBytes("abc");
  f.wrapped_key = std::string("wr\0ap", 5);
  const std::string ciphertext("c\0iphertext", 11);
  auto file = store->SaveEvidenceFile(f, ciphertext);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->id, 1);
  auto back = store->GetEvidenceFile(file->id);
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(EvidenceFileDigest(*back), EvidenceFileDigest(*file));
  EXPECT_EQ(*store->ReadEvidenceCiphertext(file->id), ciphertext);
  EXPECT_EQ(store->ListEvidenceFiles(a)->size(), 1u);
  EXPECT_EQ(store->ListEvidenceFiles(b)->size(), 0u);
  EXPECT_EQ(store->GetEvidenceFile(7).status().code(), StatusCode::kNotFound);
  f.record = 999;
  f.evidence_id = "ev-2";
  EXPECT_EQ(store->SaveEvidenceFile(f, ciphertext).status().code(), StatusCode::kNotFound);
  // Attachments are immutable, whoever tries.
  EXPECT_FALSE(
      this->backend_.Exec(this->location_, "UPDATE evidence_files SET file_name = 'x'").ok());
}

// --- SQLite only: the file format.

class SqliteStoreTest : public BackendTest<storetest::SqliteBackend> {};

TEST_F(SqliteStoreTest, RefusesForeignFiles) {
  std::string other = (backend_.dir() / "other.db").string();
  std::ofstream(other) << "not a database at all, just some text that is long enough......";
  auto r = OpenStore(other, OpenMode::kOpenExisting);
  ASSERT_FALSE(r.ok());
}

TEST_F(SqliteStoreTest, OpeningAnOlderStoreMigratesIt) {
  CreateWithOneRecord(location_);
  // Turn the file back into a version-1 store: undo migrations 12, 10 to 5, 3 and 2 (4 dropped
  // 2's indexes).
  ASSERT_TRUE(backend_
                  .Exec(location_,
                        "ALTER TABLE acts DROP COLUMN age_lo; ALTER TABLE acts DROP COLUMN age_hi; "
                        "DROP TABLE web_sessions; DROP TABLE users; "
                        "DROP TABLE record_versions; DROP TABLE evidence_files; "
                        "DROP TABLE review_decisions; "
                        "DROP TABLE audit_log; DROP TABLE audit_state; DROP TABLE checkpoints; "
                        "ALTER TABLE persons DROP COLUMN version; DROP TABLE keyring; "
                        "DROP TABLE link_pairs; DROP TABLE link_runs; "
                        "ALTER TABLE persons DROP COLUMN cluster_id; "
                        "UPDATE meta SET value = '1' WHERE key = 'schema_version'")
                  .ok());
  auto reopened = OpenStore(location_, OpenMode::kOpenExisting);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ((*reopened)->schema_version(), LatestSchemaVersion());
  EXPECT_EQ(*(*reopened)->CountRecords({}), 1);  // data kept
  // Migration 12 computed the act's ages: born 1990, act in 2010.
  EXPECT_EQ(CountAged(**reopened, 19, 19), 1);
  EXPECT_EQ(CountAged(**reopened, 21, -1), 0);
  reopened->reset();
  // Migration 3's table there, 2's indexes gone again.
  EXPECT_EQ(*backend_.QueryInt(location_,
                               "SELECT (SELECT count(*) FROM sqlite_master WHERE name IN "
                               "('events_year', 'acts_type', 'persons_cluster')) * 10 + "
                               "(SELECT count(*) FROM sqlite_master WHERE name = 'link_runs')"),
            1);
}

// --- PostgreSQL only: URLs, credentials, concurrent openers.

class PgStoreTest : public BackendTest<storetest::PostgresBackend> {
 protected:
  // Creates the store as recount_owner granting recount_app its rights, and returns the URL that
  // connects as recount_app; "" when the server has no such roles (the caller skips).
  std::string CreateForApplicationRole() {
    const std::string owner = "recount_owner@";
    const size_t at = location_.find(owner);
    if (at == std::string::npos ||
        *backend_.QueryInt(location_, "SELECT count(*) FROM pg_roles WHERE rolname = "
                                      "'recount_app'") == 0) {
      return "";
    }
    ::setenv("RECOUNT_PG_APP_ROLE", "recount_app", 1);
    auto created = OpenStore(location_, OpenMode::kCreate);
    ::unsetenv("RECOUNT_PG_APP_ROLE");
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    std::string app = location_;
    app.replace(at, owner.size(), "recount_app@");
    return app;
  }
};

TEST_F(PgStoreTest, MigrationTwelveFillsTheActAges) {
  CreateWithOneRecord(location_);
  // Back to schema 11: without the age columns.
  ASSERT_TRUE(backend_
                  .Exec(location_,
                        "ALTER TABLE acts DROP COLUMN age_lo; ALTER TABLE acts DROP COLUMN age_hi; "
                        "UPDATE meta SET value = '11' WHERE key = 'schema_version'")
                  .ok());
  auto reopened = OpenStore(location_, OpenMode::kOpenExisting);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ((*reopened)->schema_version(), LatestSchemaVersion());
  EXPECT_EQ(CountAged(**reopened, 20, 25), 1);  // born 1990, act in 2010: 19-20
  EXPECT_EQ(CountAged(**reopened, -1, 18), 0);
}

TEST_F(PgStoreTest, RefusesPasswordsInTheUrlWithoutEchoingThem) {
  auto r = OpenStore("postgresql://alice:s3cret-pw@127.0.0.1:1/db", OpenMode::kOpenExisting);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find(".pgpass"), std::string::npos);
  EXPECT_EQ(r.status().message().find("s3cret-pw"), std::string::npos);
}

TEST_F(PgStoreTest, UnreachableServerOrDatabaseIsNamed) {
  auto r = OpenStore(location_ + "_missing", OpenMode::kOpenExisting);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("_missing"), std::string::npos) << r.status().ToString();
  EXPECT_NE(r.status().message().find("createdb"), std::string::npos) << r.status().ToString();
}

TEST_F(PgStoreTest, ConcurrentInitsCreateOneStore) {
  constexpr int kThreads = 4;
  std::vector<Status> results(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] { results[i] = OpenStore(location_, OpenMode::kCreate).status(); });
  }
  for (auto& t : threads) t.join();
  int created = 0;
  for (const Status& s : results) {
    if (s.ok()) {
      ++created;
    } else {
      EXPECT_EQ(s.code(), StatusCode::kAlreadyExists) << s.ToString();
    }
  }
  EXPECT_EQ(created, 1);
  auto store = OpenStore(location_, OpenMode::kOpenExisting);
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->schema_version(), LatestSchemaVersion());
}

// Defence in depth: the application connects as a role that owns nothing; it can do every write
// recount does, but cannot change or delete a log entry or checkpoint, nor drop a table.
TEST_F(PgStoreTest, ApplicationRoleOwnsNothingAndCannotRewriteTheLog) {
  const std::string app = CreateForApplicationRole();
  if (app.empty()) {
    GTEST_SKIP() << "the server has no recount_owner/recount_app roles (tests/pg/cluster.sh)";
  }
  auto store = OpenStore(app, OpenMode::kOpenExisting);
  ASSERT_TRUE(store.ok()) << store.status().ToString();
  auto batch = std::move((*store)->BeginImport("ngo-a", "test").value());
  model::RowId a = *batch->Add(MakeRecord("1", "rape", 2010), "id-1", "x");
  model::RowId b = *batch->Add(MakeRecord("2", "rape", 2010), "id-2", "y");
  ASSERT_TRUE(batch->Commit().ok());
  LinkageRun run;
  run.clusters = {{a, "P1"}, {b, "P1"}};
  run.pairs = {{a, b, 0.5}};
  ASSERT_TRUE((*store)->SaveLinkage(run).ok());
  ASSERT_TRUE((*store)->SaveKeyRing("ring", std::nullopt).ok());
  ASSERT_TRUE((*store)->PutSetting("log_vkey", "k").ok());
  ASSERT_TRUE((*store)->ShredRecord(a, ShredScope::kWholeRecord).ok());
  EXPECT_EQ((*store)->AuditTreeHead()->size, 8u);  // 2 creates, 2 link, keys, 3 delete
  for (const char* sql : {"UPDATE audit_log SET entry = 'x'", "DELETE FROM audit_log",
                          "DELETE FROM checkpoints", "UPDATE review_decisions SET note = ''",
                          "DROP TABLE persons", "TRUNCATE audit_log"}) {
    Status s = backend_.Exec(app, sql);
    EXPECT_EQ(s.code(), StatusCode::kPermissionDenied) << sql << ": " << s.ToString();
  }
  EXPECT_EQ(*backend_.QueryInt(location_, "SELECT count(*) FROM pg_tables WHERE schemaname = "
                                          "'public' AND tableowner = 'recount_app'"),
            0);
}

// Row-level security (FORCE) backs the sharing rules: SQL issued as the application role does not
// read a restricted record's rows unless the session names a user it is shared with or the
// whole-store scope; with no setting at all nothing restricted is read. Imports (COPY through
// staging tables) still work as that role.
TEST_F(PgStoreTest, RowLevelSecurityHidesRestrictedRecordsFromTheApplicationRole) {
  const std::string app = CreateForApplicationRole();
  if (app.empty()) {
    GTEST_SKIP() << "the server has no recount_owner/recount_app roles (tests/pg/cluster.sh)";
  }
  auto opened = OpenStore(app, OpenMode::kOpenExisting);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  Store& store = **opened;
  auto batch = std::move(store.BeginImport("ngo-a", "test").value());
  ASSERT_TRUE(batch->Add(MakeRecord("1", "rape", 2010), "id-1", "x").ok());
  model::RowId hidden = *batch->Add(MakeRecord("2", "rape", 2011), "id-2", "y");
  ASSERT_TRUE(batch->Commit().ok());
  UserAccount u;
  u.role = "investigator";
  u.password_hash = "h";
  u.totp_secret = "t";
  u.name = "x";
  const int64_t x = store.CreateUser(u).value().id;
  u.name = "y";
  const int64_t y = store.CreateUser(u).value().id;
  RecordSharing s = store.GetSharing(hidden).value();
  s.restricted = true;
  s.users = {y};
  ASSERT_TRUE(store.SetSharing(s, "restrict y").ok());

  auto conn = std::move(postgres::Conn::Connect(app).value());
  auto count = [&](const std::string& table) -> int64_t {
    auto rows = conn->Query("SELECT count(*) FROM " + table);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() ? rows->Int(0, 0) : -1;
  };
  const char* tables[] = {"persons", "identities", "testimonies", "acts"};
  // No setting: the policy bypass is absent, nothing restricted leaks.
  for (const char* t : tables) EXPECT_EQ(count(t), 1) << t;
  // User x: still hidden; user y: visible; the whole-store scope: visible.
  ASSERT_TRUE(conn->Exec("SELECT set_config('recount.user', '" + std::to_string(x) +
                         "', false)").ok());
  for (const char* t : tables) EXPECT_EQ(count(t), 1) << t;
  ASSERT_TRUE(conn->Exec("SELECT set_config('recount.user', '" + std::to_string(y) +
                         "', false)").ok());
  for (const char* t : tables) EXPECT_EQ(count(t), 2) << t;
  ASSERT_TRUE(conn->Exec("SELECT set_config('recount.user', '', false), "
                         "set_config('recount.scope', 'all', false)").ok());
  for (const char* t : tables) EXPECT_EQ(count(t), 2) << t;
  // COPY straight into a table under row-level security is refused for this role.
  EXPECT_FALSE(conn->CopyIn("COPY identities (id, data) FROM STDIN", "z\t\\x00\n").ok());

  // The store's own unfiltered scan, narrowed to user x, does not see the record either.
  ASSERT_TRUE(store.SetReadScope(x).ok());
  int64_t scanned = 0;
  ASSERT_TRUE(store.ScanRecords({}, [&](StoredRecord&& r) {
                     EXPECT_NE(r.record.id, hidden);
                     ++scanned;
                     return Status();
                   }).ok());
  EXPECT_EQ(scanned, 1);
  ASSERT_TRUE(store.SetReadScope(std::nullopt).ok());
  EXPECT_EQ(store.CountRecords({}).value(), 2);
}

}  // namespace
}  // namespace recount::storage
