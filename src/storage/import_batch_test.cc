// Large imports through Store::ImportBatch, against both backends (store_test_backends.h): rows
// that span several of the PostgreSQL batch's loads (pg_import_batch.cc sends rows a megabyte at
// a time on a second thread, in binary COPY) land whole and read back byte for byte, and a load
// that fails after earlier ones succeeded leaves nothing behind.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "storage/store.h"
#include "storage/store_test_backends.h"

namespace recount::storage {
namespace {

using storetest::BackendName;
using storetest::Backends;
using storetest::BackendTest;

constexpr int kRecords = 2000;  // about 2.5 MB of rows: three loads of the PostgreSQL batch

// Record i, with the values text COPY would have to escape and binary COPY must carry as they
// are: tabs, newlines, backslashes, "\N", quotes, Hangul; empty (NULL) fields and unknown dates.
model::Record BigRecord(int i) {
  model::Record r;
  r.external_id = "R" + std::to_string(i);
  r.person_ref = i % 4 ? "P\t" + std::to_string(i / 2) : "";
  r.testimony_date = i % 5 ? PartialDate::Year(2015 + i % 7) : PartialDate();
  r.language = i % 2 ? "ko" : "";
  r.narrative = "line one\nline\ttwo \\N \\ \"quoted\" 증언 " + std::string(500, 'a' + i % 26);
  r.sex = i % 3 ? "female" : "";
  r.birth = i % 6 ? PartialDate::Year(1960 + i % 40) : PartialDate();
  r.origin_text = i % 2 ? "함경북도 \\ Hamgyong" : "";
  for (int a = 0; a < 2; ++a) {
    model::Act act;
    act.act_type = a ? "forced_marriage" : "trafficking";
    act.date = a ? PartialDate::Year(2000 + i % 20) : PartialDate();
    act.place_text = a ? "Yanji\r\n延吉" : "";
    if (i % 3 == 0) act.age = 10 + i % 50;
    act.involvements.push_back({a ? "broker" : "", "direct"});
    r.acts.push_back(std::move(act));
  }
  return r;
}

// Bytes a text protocol would mangle: NUL, 0xFF, a tab, a backslash.
std::string Blob(int i) {
  std::string b = "sealed";
  b += '\0';
  b += static_cast<char>(0xFF);
  b += "\t\\" + std::to_string(i);
  return b;
}

template <typename B>
class ImportBatchTest : public BackendTest<B> {};
TYPED_TEST_SUITE(ImportBatchTest, Backends, BackendName);

TYPED_TEST(ImportBatchTest, ImportSpanningManyLoadsKeepsEveryValue) {
  auto store = std::move(OpenStore(this->location_, OpenMode::kCreate).value());
  {
    auto batch = std::move(store->BeginImport("ngo-a", "big").value());
    for (int i = 0; i < kRecords; ++i) {
      auto added = batch->Add(BigRecord(i), "identity-" + std::to_string(i), Blob(i));
      ASSERT_TRUE(added.ok()) << i << ": " << added.status().ToString();
    }
    // A further row of record 5, long after its first rows were sent: one more act for it.
    model::Record more = BigRecord(5);
    more.acts.resize(1);
    more.acts[0].act_type = "rape";
    ASSERT_TRUE(batch->Add(more, "", "").ok());
    Status committed = batch->Commit();
    ASSERT_TRUE(committed.ok()) << committed.ToString();
  }
  EXPECT_EQ(*store->CountRecords({}), kRecords);
  int seen = 0;
  Status scan = store->ScanRecords({}, [&](StoredRecord&& got) {
    const int i = std::stoi(got.record.external_id.substr(1));
    model::Record want = BigRecord(i);
    if (i == 5) {
      want.acts.push_back(BigRecord(5).acts[0]);
      want.acts.back().act_type = "rape";
    }
    want.id = got.record.id;
    want.source = "ngo-a";
    EXPECT_EQ(got.record.acts.size(), want.acts.size()) << i;
    for (size_t a = 0; a < want.acts.size() && a < got.record.acts.size(); ++a) {
      want.acts[a].id = got.record.acts[a].id;
    }
    EXPECT_EQ(got.record, want) << "record " << i;
    EXPECT_EQ(got.identity_id, "identity-" + std::to_string(i));
    EXPECT_EQ(got.identity_blob, Blob(i)) << "record " << i;
    EXPECT_EQ(got.version, i == 5 ? 2 : 1) << "record " << i;
    ++seen;
    return Status();
  });
  ASSERT_TRUE(scan.ok()) << scan.ToString();
  EXPECT_EQ(seen, kRecords);
  // One create entry per record and one for record 5's later row, in one sequence.
  auto head = store->AuditTreeHead();
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->size, static_cast<uint64_t>(kRecords + 1));
}

class PgImportBatchTest : public BackendTest<storetest::PostgresBackend> {};

// The server refuses a value (text that is not UTF-8) in the first load, while later rows are
// still being added (the error comes back from a later Add or from Commit), and in the last load,
// after earlier loads of the same import succeeded: either way the import leaves no row and no
// log entry, and the next import works.
TEST_F(PgImportBatchTest, ImportFailingInAnyLoadLeavesNothing) {
  auto store = std::move(OpenStore(location_, OpenMode::kCreate).value());
  for (int bad : {100, kRecords - 10}) {
    {
      auto batch = std::move(store->BeginImport("ngo-a", "bad").value());
      Status status;
      for (int i = 0; i < kRecords && status.ok(); ++i) {
        model::Record r = BigRecord(i);
        if (i == bad) r.acts[1].place_text = "Yanji \xFF";
        status = batch->Add(r, "identity-" + std::to_string(i), Blob(i)).status();
      }
      if (status.ok()) status = batch->Commit();
      ASSERT_FALSE(status.ok()) << "bad record " << bad;
      EXPECT_NE(status.message().find("UTF8"), std::string::npos) << status.ToString();
    }
    EXPECT_EQ(*store->CountRecords({}), 0) << "bad record " << bad;
    EXPECT_EQ(store->AuditTreeHead()->size, 0u) << "bad record " << bad;
  }
  {
    auto batch = std::move(store->BeginImport("ngo-a", "good").value());
    for (int i = 0; i < 10; ++i) {
      ASSERT_TRUE(batch->Add(BigRecord(i), "identity-" + std::to_string(i), Blob(i)).ok());
    }
    Status committed = batch->Commit();
    ASSERT_TRUE(committed.ok()) << committed.ToString();
  }
  EXPECT_EQ(*store->CountRecords({}), 10);
  EXPECT_EQ(store->AuditTreeHead()->size, 10u);
}

}  // namespace
}  // namespace recount::storage
