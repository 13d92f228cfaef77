#include "storage/store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>

namespace recount::storage {
namespace {

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("store_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "s.db").string();
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  static model::Record MakeRecord(std::string id, std::string act, int year) {
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

  std::filesystem::path dir_;
  std::string path_;
};

TEST_F(StoreTest, CreateRefusesExistingAndOpenRefusesMissing) {
  auto missing = OpenStore(path_, OpenMode::kOpenExisting);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_NE(missing.status().message().find("recount init"), std::string::npos);
  ASSERT_TRUE(OpenStore(path_, OpenMode::kCreate).ok());
  auto again = OpenStore(path_, OpenMode::kCreate);
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  auto reopened = OpenStore(path_, OpenMode::kOpenExisting);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ((*reopened)->schema_version(), LatestSchemaVersion());
}

TEST_F(StoreTest, RefusesForeignFilesAndNewerSchemas) {
  std::string other = (dir_ / "other.db").string();
  std::ofstream(other) << "not a database at all, just some text that is long enough......";
  auto r = OpenStore(other, OpenMode::kOpenExisting);
  ASSERT_FALSE(r.ok());
  {
    ASSERT_TRUE(OpenStore(path_, OpenMode::kCreate).ok());
  }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "UPDATE meta SET value = '999' WHERE key = 'schema_version'", nullptr,
                         nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto newer = OpenStore(path_, OpenMode::kOpenExisting);
  ASSERT_FALSE(newer.ok());
  EXPECT_EQ(newer.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(newer.status().message().find("newer recount"), std::string::npos);
}

TEST_F(StoreTest, OpeningAnOlderStoreMigratesIt) {
  {
    auto store = std::move(OpenStore(path_, OpenMode::kCreate).value());
    auto batch = std::move(store->BeginImport("ngo-a", "test").value());
    ASSERT_TRUE(batch->Add(MakeRecord("1", "rape", 2010), "id-1", "blob").ok());
    ASSERT_TRUE(batch->Commit().ok());
  }
  // Turn the file back into a version-1 store: undo migrations 8 to 5, 3 and 2 (4 dropped 2's
  // indexes).
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "DROP TABLE evidence_files; DROP TABLE review_decisions; "
                         "DROP TABLE audit_log; DROP TABLE audit_state; DROP TABLE checkpoints; "
                         "ALTER TABLE persons DROP COLUMN version; DROP TABLE keyring; "
                         "DROP TABLE link_pairs; DROP TABLE link_runs; "
                         "ALTER TABLE persons DROP COLUMN cluster_id; "
                         "UPDATE meta SET value = '1' WHERE key = 'schema_version'",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto reopened = OpenStore(path_, OpenMode::kOpenExisting);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ((*reopened)->schema_version(), LatestSchemaVersion());
  EXPECT_EQ(*(*reopened)->CountRecords({}), 1);  // data kept
  reopened->reset();
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db,
                               "SELECT (SELECT count(*) FROM sqlite_master WHERE name IN "
                               "('events_year', 'acts_type', 'persons_cluster')) * 10 + "
                               "(SELECT count(*) FROM sqlite_master WHERE name = 'link_runs')",
                               -1, &st, nullptr),
            SQLITE_OK);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 1);  // migration 3's table there, 2's indexes gone again
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST_F(StoreTest, ImportIsAllOrNothing) {
  auto store = std::move(OpenStore(path_, OpenMode::kCreate).value());
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
    ASSERT_TRUE(batch->Commit().ok());
  }
  EXPECT_EQ(*store->CountRecords({}), 2);
  // Re-importing the same record id into the same source is refused.
  {
    auto batch = std::move(store->BeginImport("ngo-a", "again").value());
    auto dup = batch->Add(MakeRecord("1", "rape", 2012), "id-3", "blob3");
    EXPECT_EQ(dup.status().code(), StatusCode::kAlreadyExists);
  }
  EXPECT_EQ(*store->CountRecords({}), 2);
}

TEST_F(StoreTest, ScanReturnsRecordsWithActsAndFilters) {
  auto store = std::move(OpenStore(path_, OpenMode::kCreate).value());
  auto batch = std::move(store->BeginImport("ngo-a", "test").value());
  ASSERT_TRUE(batch->Add(MakeRecord("1", "trafficking", 2010), "id-1", "blob1").ok());
  ASSERT_TRUE(batch->Add(MakeRecord("1", "forced_marriage", 2011), "", "").ok());
  ASSERT_TRUE(batch->Add(MakeRecord("2", "rape", 2015), "id-2", "blob2").ok());
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
  EXPECT_EQ(all[1].record.acts.size(), 1u);

  RecordFilter f;
  f.act_type = "rape";
  EXPECT_EQ(*store->CountRecords(f), 1);
  f = {};
  f.year_from = 2011;
  f.year_to = 2011;
  EXPECT_EQ(*store->CountRecords(f), 1);

  auto counts = store->CountActs({Dimension::kAct});
  ASSERT_TRUE(counts.ok());
  ASSERT_EQ(counts->size(), 3u);
  auto one = store->GetRecord(all[1].record.id);
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(one->record.external_id, "2");
  EXPECT_EQ(store->GetRecord(999).status().code(), StatusCode::kNotFound);
  // Every reference the import wrote points at an existing row.
  store.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* check = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "PRAGMA foreign_key_check", -1, &check, nullptr), SQLITE_OK);
  EXPECT_EQ(sqlite3_step(check), SQLITE_DONE) << "dangling reference in "
                                              << sqlite3_column_text(check, 0);
  sqlite3_finalize(check);
  sqlite3_close(db);
  store = std::move(OpenStore(path_, OpenMode::kOpenExisting).value());
  auto found = store->FindRecord("ngo-a", "2");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ(**found, all[1].record.id);
}

TEST_F(StoreTest, LinkageRunsSetClustersAndKeepPairs) {
  auto store = std::move(OpenStore(path_, OpenMode::kCreate).value());
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
  EXPECT_DOUBLE_EQ((*pairs)[0].probability, 0.97);
  // A run naming a record that does not exist changes nothing.
  LinkageRun bad;
  bad.clusters = {{a, "P9"}, {12345, "P9"}};
  EXPECT_EQ(store->SaveLinkage(bad).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store->GetRecord(a)->record.cluster_id, "P1");
}

}  // namespace
}  // namespace recount::storage
