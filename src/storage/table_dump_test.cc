// The logical copy of a store (table_dump.h), against every backend: a store with every kind of
// row is dumped and loaded into a new store, which then dumps to the same rows, has the same
// tree head and records, and gives new rows ids after the copied ones. A non-empty target is
// refused; an uncommitted load leaves nothing; the table list matches the backend's catalog.
#include <gtest/gtest.h>

#include <set>

#include "storage/store.h"
#include "storage/store_test_backends.h"

namespace recount::storage {
namespace {

using storetest::BackendName;
using storetest::Backends;
using storetest::BackendTest;

model::Record MakeDumpRecord(std::string id, std::string sex) {
  model::Record r;
  r.external_id = std::move(id);
  r.sex = std::move(sex);
  r.narrative = "narrative of " + r.external_id;
  model::Act a;
  a.act_type = "trafficking";
  a.date = PartialDate::Year(2010);
  a.involvements.push_back({"broker", "direct"});
  r.acts.push_back(a);
  return r;
}

struct Table {
  std::string name;
  std::vector<DumpRow> rows;
};

class MemorySink : public DumpSink {
 public:
  Status BeginTable(const DumpTableSpec& t) override {
    tables.push_back({std::string(t.name), {}});
    return Status();
  }
  Status Row(DumpRow&& row) override {
    tables.back().rows.push_back(std::move(row));
    return Status();
  }
  Status EndTable() override { return Status(); }
  std::vector<Table> tables;
};

Status LoadAll(Store& target, const std::vector<Table>& tables) {
  ASSIGN_OR_RETURN(std::unique_ptr<TableLoader> loader, target.BeginLoad());
  for (const Table& t : tables) {
    RETURN_IF_ERROR(loader->BeginTable(*FindDumpTable(t.name)));
    for (const DumpRow& r : t.rows) RETURN_IF_ERROR(loader->Row(r));
    RETURN_IF_ERROR(loader->EndTable());
  }
  return loader->Commit();
}

template <typename B>
class TableDumpTest : public BackendTest<B> {
 protected:
  // A store with records, an edit, a shred, linkage, a review decision, evidence, a key ring.
  void Fill(Store& store) {
    store.SetActor("tester");
    model::RowId a = 0, b = 0, c = 0;
    {
      auto batch = std::move(store.BeginImport("ngo-a", "test").value());
      a = *batch->Add(MakeDumpRecord("1", "female"), "id-1", std::string("BLOB\0one", 8));
      b = *batch->Add(MakeDumpRecord("2", "male"), "id-2", "BLOB two");
      c = *batch->Add(MakeDumpRecord("3", "female"), "", "");
      ASSERT_TRUE(batch->Commit().ok());
    }
    ASSERT_TRUE(store.SaveKeyRing(std::string("ring\0bytes", 10), std::nullopt).ok());
    ASSERT_TRUE(store.PutSetting("log_vkey", "vkey text").ok());
    RecordUpdate u;
    u.id = a;
    u.expected_version = 1;
    u.record = MakeDumpRecord("1", "unknown");
    u.reason = "checked";
    ASSERT_TRUE(store.UpdateRecord(u).ok());
    LinkageRun run;
    run.description = "test run";
    run.clusters = {{a, "k1"}, {b, "k1"}, {c, "k2"}};
    run.pairs = {{a, b, 1.0 / 3.0}, {a, c, 0.1}};
    ASSERT_TRUE(store.SaveLinkage(run).ok());
    ReviewDecision d;
    d.a = a;
    d.b = c;
    d.verdict = ReviewVerdict::kReject;
    d.probability = 0.1;
    d.note = "different";
    ASSERT_TRUE(store.SaveReviewDecision(d).ok());
    EvidenceFile f;
    f.record = b;
    f.evidence_id = "ev-1";
    f.file_name = "a.mp3";
    f.media_type = "audio/mpeg";
    f.size = 3;
    f.plaintext_sha256 = "sha256:00";
    f.wrapped_key = std::string("key\0\xff", 5);
    ASSERT_TRUE(store.SaveEvidenceFile(f, std::string("cipher\0text", 11)).ok());
    ASSERT_TRUE(store.ShredRecord(c, ShredScope::kIdentity).ok());
    ASSERT_TRUE(store.AppendAuditEntry({0, "", "", "read-identity", a, 2, "-", "x"}).ok());
  }
};
TYPED_TEST_SUITE(TableDumpTest, Backends, BackendName);

TYPED_TEST(TableDumpTest, CopyHasTheSameRowsLogAndRecords) {
  auto store = std::move(OpenStore(this->location_, OpenMode::kCreate).value());
  this->Fill(*store);
  if (this->HasFatalFailure()) return;
  MemorySink first;
  ASSERT_TRUE(store->Dump(first).ok());
  ASSERT_EQ(first.tables.size(), DumpTables().size());
  size_t rows = 0;
  for (const Table& t : first.tables) rows += t.rows.size();
  EXPECT_GT(rows, 30u);

  const std::string copy_location = this->backend_.NewLocation("copy");
  auto copy = std::move(OpenStore(copy_location, OpenMode::kCreate).value());
  Status loaded = LoadAll(*copy, first.tables);
  ASSERT_TRUE(loaded.ok()) << loaded.ToString();
  MemorySink second;
  ASSERT_TRUE(copy->Dump(second).ok());
  ASSERT_EQ(second.tables.size(), first.tables.size());
  for (size_t i = 0; i < first.tables.size(); ++i) {
    EXPECT_EQ(second.tables[i].rows, first.tables[i].rows) << first.tables[i].name;
  }
  const LogTreeHead h1 = *store->AuditTreeHead(), h2 = *copy->AuditTreeHead();
  EXPECT_EQ(h1.size, h2.size);
  EXPECT_EQ(h1.root, h2.root);
  EXPECT_EQ(**copy->GetSetting("log_vkey"), "vkey text");
  EXPECT_EQ(**copy->LoadKeyRing(), std::string("ring\0bytes", 10));
  EXPECT_EQ(copy->LatestLinkPairs()->at(0).probability, 1.0 / 3.0);  // exact bits
  auto versions = copy->RecordVersions(0);
  ASSERT_TRUE(versions.ok());
  EXPECT_EQ(versions->size(), 1u);

  // New rows continue after the copied ids, and the log after the copied entries.
  copy->SetActor("tester");
  {
    auto batch = std::move(copy->BeginImport("ngo-b", "after").value());
    auto id = batch->Add(MakeDumpRecord("9", "female"), "id-9", "BLOB nine");
    ASSERT_TRUE(id.ok()) << id.status().ToString();
    EXPECT_GT(*id, 3);
    Status committed = batch->Commit();
    ASSERT_TRUE(committed.ok()) << committed.ToString();
  }
  EXPECT_EQ(copy->AuditTreeHead()->size, h1.size + 1);
  EXPECT_TRUE(copy->EnsureSource("ngo-c").ok());
  EXPECT_TRUE(copy->SaveLinkage({"second", {{1, "k9"}}, {}}).ok());
}

TYPED_TEST(TableDumpTest, LoadRefusesANonEmptyStoreAndRollsBackWithoutCommit) {
  auto store = std::move(OpenStore(this->location_, OpenMode::kCreate).value());
  this->Fill(*store);
  if (this->HasFatalFailure()) return;
  MemorySink dump;
  ASSERT_TRUE(store->Dump(dump).ok());
  auto refused = store->BeginLoad();
  EXPECT_EQ(refused.status().code(), StatusCode::kFailedPrecondition);

  const std::string copy_location = this->backend_.NewLocation("copy");
  auto copy = std::move(OpenStore(copy_location, OpenMode::kCreate).value());
  {
    auto loader = std::move(copy->BeginLoad().value());
    for (const Table& t : dump.tables) {
      ASSERT_TRUE(loader->BeginTable(*FindDumpTable(t.name)).ok());
      for (const DumpRow& r : t.rows) ASSERT_TRUE(loader->Row(r).ok());
      ASSERT_TRUE(loader->EndTable().ok());
    }
    // A row of the wrong width is refused with the table's name.
    ASSERT_TRUE(loader->BeginTable(*FindDumpTable("sources")).ok());
    Status bad = loader->Row({DumpValue::Int(1)});
    EXPECT_FALSE(bad.ok());
    EXPECT_NE(bad.message().find("sources"), std::string::npos) << bad.ToString();
  }  // destroyed without Commit
  EXPECT_EQ(*copy->CountRecords({}), 0);
  EXPECT_EQ(copy->AuditTreeHead()->size, 0u);
  // ... so the same store can still take the copy.
  Status loaded = LoadAll(*copy, dump.tables);
  EXPECT_TRUE(loaded.ok()) << loaded.ToString();
  EXPECT_EQ(*copy->CountRecords({}), *store->CountRecords({}));
}

TYPED_TEST(TableDumpTest, TableListMatchesTheCatalog) {
  auto store = std::move(OpenStore(this->location_, OpenMode::kCreate).value());
  store.reset();
  std::set<std::string> listed;
  size_t columns = 0;
  for (const DumpTableSpec& t : DumpTables()) {
    listed.insert(std::string(t.name));
    columns += t.columns.size();
  }
  for (const UndumpedTable& t : UndumpedTables()) {
    listed.insert(std::string(t.name));
    columns += t.columns;
  }
  std::string names;
  for (const std::string& n : listed) names += (names.empty() ? "'" : ", '") + n + "'";
  // Every table is listed, and every column of every listed table.
  std::string count_tables, count_columns;
  if constexpr (TypeParam::kIsSqlite) {
    count_tables = "SELECT count(*) FROM sqlite_master WHERE type = 'table'";
    count_columns = "SELECT count(*) FROM sqlite_master m, pragma_table_info(m.name) "
                    "WHERE m.type = 'table'";
  } else {
    count_tables = "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'";
    count_columns = "SELECT count(*) FROM information_schema.columns "
                    "WHERE table_schema = 'public'";
  }
  EXPECT_EQ(*this->backend_.QueryInt(this->location_, count_tables),
            static_cast<int64_t>(listed.size()));
  EXPECT_EQ(*this->backend_.QueryInt(this->location_, count_columns),
            static_cast<int64_t>(columns));
  EXPECT_EQ(*this->backend_.QueryInt(this->location_, count_tables.substr(0, count_tables.size()) +
                                     (TypeParam::kIsSqlite ? " AND name IN (" : " AND tablename IN (") +
                                     names + ")"),
            static_cast<int64_t>(listed.size()));
}

TYPED_TEST(TableDumpTest, RemoveNewStoreLeavesNothing) {
  auto store = std::move(OpenStore(this->location_, OpenMode::kCreate).value());
  store.reset();
  ASSERT_TRUE(RemoveNewStore(this->location_).ok());
  if constexpr (TypeParam::kIsSqlite) {
    EXPECT_FALSE(std::filesystem::exists(this->location_));
  } else {
    EXPECT_EQ(*this->backend_.QueryInt(
                  this->location_, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'"),
              0);
  }
  // The location can take a new store.
  EXPECT_TRUE(OpenStore(this->location_, OpenMode::kCreate).ok());
}

}  // namespace
}  // namespace recount::storage
