// The store's key ring row and safety deletion (Store::LoadKeyRing / SaveKeyRing / ShredRecord),
// against every backend; what is left in the files afterwards is checked for SQLite, whose files
// the test can read (docs/postgres.md says what PostgreSQL leaves behind).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "storage/store.h"
#include "storage/store_test_backends.h"

namespace recount::storage {
namespace {

using storetest::BackendName;
using storetest::Backends;
using storetest::BackendTest;

model::Record MakeSafetyRecord(std::string id, std::string narrative) {
  model::Record r;
  r.external_id = std::move(id);
  r.sex = "female";
  r.narrative = std::move(narrative);
  model::Act a;
  a.act_type = "trafficking";
  a.date = PartialDate::Year(2010);
  a.involvements.push_back({"broker", "direct"});
  r.acts.push_back(a);
  return r;
}

template <typename B>
class StoreSafetyTest : public BackendTest<B> {
 protected:
  // How many times `needle` occurs in the store's files (database, WAL, shared memory); -1 when
  // the backend's files are not the test's to read.
  int Occurrences(const std::string& needle) {
    if constexpr (!B::kIsSqlite) {
      return -1;
    } else {
      int n = 0;
      for (const auto& entry : std::filesystem::directory_iterator(this->backend_.dir())) {
        std::ifstream in(entry.path(), std::ios::binary);
        std::string content((std::istreambuf_iterator<char>(in)),
                            std::istreambuf_iterator<char>());
        for (size_t at = content.find(needle); at != std::string::npos;
             at = content.find(needle, at + 1)) {
          ++n;
        }
      }
      return n;
    }
  }
};
TYPED_TEST_SUITE(StoreSafetyTest, Backends, BackendName);

TYPED_TEST(StoreSafetyTest, KeyRingIsReplacedOnlyFromTheExpectedVersion) {
  auto store = std::move(OpenStore(this->location_, OpenMode::kCreate).value());
  EXPECT_EQ(store->schema_version(), LatestSchemaVersion());
  auto none = store->LoadKeyRing();
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  ASSERT_TRUE(store->SaveKeyRing(std::string("ring\0one", 8), std::nullopt).ok());
  EXPECT_EQ(**store->LoadKeyRing(), std::string("ring\0one", 8));  // binary-safe
  // A writer that read an older ring loses, and changes nothing.
  Status stale = store->SaveKeyRing("ring two", std::string("other"));
  EXPECT_EQ(stale.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(store->SaveKeyRing("ring two", std::nullopt).code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(**store->LoadKeyRing(), std::string("ring\0one", 8));
  ASSERT_TRUE(store->SaveKeyRing("ring two", std::string("ring\0one", 8)).ok());
  EXPECT_EQ(**store->LoadKeyRing(), "ring two");
  if constexpr (TypeParam::kIsSqlite) {
    // The WAL was reset after the change: the old ring is in no file of the store.
    EXPECT_EQ(std::filesystem::file_size(this->location_ + "-wal"), 0u);
    EXPECT_EQ(this->Occurrences(std::string("ring\0one", 8)), 0);
  }
  store.reset();
  auto reopened = std::move(OpenStore(this->location_, OpenMode::kOpenExisting).value());
  EXPECT_EQ(**reopened->LoadKeyRing(), "ring two");
}

TYPED_TEST(StoreSafetyTest, ShredIdentityDestroysTheBlobAndNarrativeAndKeepsCodedData) {
  auto store = std::move(OpenStore(this->location_, OpenMode::kCreate).value());
  model::RowId first = 0;
  {
    auto batch = std::move(store->BeginImport("ngo-a", "test").value());
    first = *batch->Add(MakeSafetyRecord("1", "NARRATIVE-CANARY-1"), "id-1", "SEALED-BLOB-CANARY-1");
    ASSERT_TRUE(batch->Add(MakeSafetyRecord("2", "narrative two"), "id-2", "SEALED-BLOB-2").ok());
    ASSERT_TRUE(batch->Commit().ok());
  }
  if constexpr (TypeParam::kIsSqlite) {
    EXPECT_GT(this->Occurrences("SEALED-BLOB-CANARY-1"), 0);
  }
  auto report = store->ShredRecord(first, ShredScope::kIdentity);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->identity_destroyed);
  EXPECT_FALSE(report->record_deleted);
  EXPECT_EQ(report->wal_truncated, TypeParam::kIsSqlite);  // PostgreSQL cannot promise it
  auto rec = store->GetRecord(first);
  ASSERT_TRUE(rec.ok());
  EXPECT_EQ(rec->identity_id, "");
  EXPECT_EQ(rec->identity_blob, "");
  EXPECT_EQ(rec->record.narrative, "");
  EXPECT_EQ(rec->record.acts.size(), 1u);  // coded data kept
  EXPECT_EQ(rec->record.acts[0].involvements.size(), 1u);
  EXPECT_EQ(*this->backend_.QueryInt(this->location_, "SELECT count(*) FROM identities"), 1);
  if constexpr (TypeParam::kIsSqlite) {
    EXPECT_EQ(this->Occurrences("SEALED-BLOB-CANARY-1"), 0);
    EXPECT_EQ(this->Occurrences("NARRATIVE-CANARY-1"), 0);
    EXPECT_GT(this->Occurrences("SEALED-BLOB-2"), 0);  // the other record is untouched
  }
  EXPECT_EQ(store->GetRecord(first + 1)->identity_blob, "SEALED-BLOB-2");
  // Shredding again is harmless.
  auto again = store->ShredRecord(first, ShredScope::kIdentity);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->identity_destroyed);
  EXPECT_EQ(store->ShredRecord(999, ShredScope::kIdentity).status().code(),
            StatusCode::kNotFound);
}

TYPED_TEST(StoreSafetyTest, ShredWholeRecordDeletesEveryRowOfIt) {
  auto store = std::move(OpenStore(this->location_, OpenMode::kCreate).value());
  model::RowId first = 0, second = 0;
  {
    auto batch = std::move(store->BeginImport("ngo-a", "test").value());
    first = *batch->Add(MakeSafetyRecord("1", "n1"), "id-1", "SEALED-BLOB-CANARY-1");
    ASSERT_TRUE(batch->Add(MakeSafetyRecord("1", "n1"), "", "").ok());  // a second act
    second = *batch->Add(MakeSafetyRecord("2", "n2"), "id-2", "b2");
    ASSERT_TRUE(batch->Commit().ok());
  }
  LinkageRun run;
  run.clusters = {{first, "P1"}, {second, "P1"}};
  run.pairs = {{first, second, 0.9}};
  ASSERT_TRUE(store->SaveLinkage(run).ok());
  auto report = store->ShredRecord(first, ShredScope::kWholeRecord);
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->record_deleted);
  EXPECT_EQ(store->GetRecord(first).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(*store->CountRecords({}), 1);
  EXPECT_TRUE(store->LatestLinkPairs()->empty());
  if constexpr (TypeParam::kIsSqlite) {
    EXPECT_EQ(this->Occurrences("SEALED-BLOB-CANARY-1"), 0);
  }
  store.reset();
  // No dangling rows: every table's references still resolve, and only record 2's acts remain.
  std::vector<std::string> checks = {
      "SELECT count(*) FROM acts WHERE victim_id <> " + std::to_string(second),
      "SELECT count(*) FROM events WHERE id NOT IN (SELECT event_id FROM acts)",
      "SELECT count(*) FROM involvements WHERE act_id NOT IN (SELECT id FROM acts)",
      "SELECT count(*) FROM testimonies WHERE id NOT IN (SELECT testimony_id FROM persons)",
      "SELECT count(*) FROM identities"};
  if constexpr (TypeParam::kIsSqlite) {
    checks.push_back("SELECT count(*) FROM pragma_foreign_key_check");
  }
  for (const std::string& sql : checks) {
    Result<int64_t> n = this->backend_.QueryInt(this->location_, sql);
    ASSERT_TRUE(n.ok()) << sql << ": " << n.status().ToString();
    EXPECT_EQ(*n, sql.find("identities") != std::string::npos ? 1 : 0) << sql;
  }
}

}  // namespace
}  // namespace recount::storage
