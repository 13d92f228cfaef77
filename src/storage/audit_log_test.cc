// The store's tamper-evident log: what each write appends, in the same transaction.
#include <gtest/gtest.h>

#include <map>
#include <set>
#include <thread>

#include "crypto/merkle_tree.h"
#include "storage/audit_entry.h"
#include "storage/record_digest.h"
#include "storage/store.h"
#include "storage/store_test_backends.h"

namespace recount::storage {
namespace {

template <typename B>
class AuditLogTest : public storetest::BackendTest<B> {
 protected:
  void SetUp() override {
    storetest::BackendTest<B>::SetUp();
    if (this->IsSkipped()) return;
    this->store_ = std::move(OpenStore(this->location_, OpenMode::kCreate).value());
    this->store_->SetActor("tester");
    this->store_->SetCheckpointSigner([this](const LogTreeHead& head) -> Result<std::string> {
      this->heads_.push_back(head);
      return "checkpoint " + std::to_string(head.size) + "\n";
    });
  }
  void TearDown() override {
    this->store_.reset();
    storetest::BackendTest<B>::TearDown();
  }

  static model::Record MakeRecord(std::string id, std::string act) {
    model::Record r;
    r.external_id = std::move(id);
    r.sex = "female";
    r.birth = PartialDate::Year(1990);
    r.narrative = "narrative of " + r.external_id;
    model::Act a;
    a.act_type = std::move(act);
    a.date = PartialDate::Year(2012);
    a.place_text = "Yanji";
    a.age = 22;
    a.involvements.push_back({"broker", "direct"});
    r.acts.push_back(a);
    return r;
  }

  std::vector<AuditEntry> Entries(crypto::MemoryLeafHashes* leaves = nullptr) {
    std::vector<AuditEntry> out;
    Status s = this->store_->ScanAuditLog([&](int64_t seq, std::string_view bytes) {
      Result<AuditEntry> e = ParseAuditEntry(bytes);
      EXPECT_TRUE(e.ok()) << e.status().ToString();
      EXPECT_EQ(e->seq, seq);
      if (leaves) leaves->Append(crypto::AsBytes(bytes));
      out.push_back(*e);
      return Status();
    });
    EXPECT_TRUE(s.ok()) << s.ToString();
    return out;
  }

  std::unique_ptr<Store> store_;
  std::vector<LogTreeHead> heads_;
};
TYPED_TEST_SUITE(AuditLogTest, storetest::Backends, storetest::BackendName);

TYPED_TEST(AuditLogTest, ImportLogsEachRecordWithTheDigestOfWhatWasStored) {
  auto batch = std::move(this->store_->BeginImport("ngo-a", "test").value());
  ASSERT_TRUE(batch->Add(this->MakeRecord("1", "trafficking"), "id-1", "blob-1").ok());
  ASSERT_TRUE(batch->Add(this->MakeRecord("1", "forced_marriage"), "", "").ok());  // same record
  ASSERT_TRUE(batch->Add(this->MakeRecord("2", "rape"), "id-2", "blob-2").ok());
  ASSERT_TRUE(batch->Add(this->MakeRecord("1", "torture"), "", "").ok());  // record 1 again, later
  ASSERT_TRUE(batch->Commit().ok());

  crypto::MemoryLeafHashes leaves;
  std::vector<AuditEntry> entries = this->Entries(&leaves);
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].op, "create");
  EXPECT_EQ(entries[1].op, "create");
  EXPECT_EQ(entries[2].op, "update");
  EXPECT_EQ(entries[2].record, entries[0].record);
  EXPECT_EQ(entries[2].version, 2);
  EXPECT_EQ(entries[0].actor, "tester");
  // The last entry of each record carries the digest of the record as it now reads back.
  std::map<int64_t, std::string> last;
  for (const AuditEntry& e : entries) last[e.record] = e.digest;
  ASSERT_EQ(last.size(), 2u);
  for (const auto& [id, digest] : last) {
    Result<StoredRecord> r = this->store_->GetRecord(id);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(RecordDigest(*r), digest) << "record " << id;
  }
  EXPECT_EQ(this->store_->GetRecord(entries[0].record)->record.acts.size(), 3u);
  EXPECT_EQ(this->store_->GetRecord(entries[0].record)->version, 2);
  // The stored tree head and the checkpoint signed in the same transaction match the entries.
  Result<LogTreeHead> head = this->store_->AuditTreeHead();
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->size, 3u);
  EXPECT_EQ(head->root, *crypto::MerkleRoot(leaves, 3));
  ASSERT_EQ(this->heads_.size(), 1u);
  EXPECT_EQ(this->heads_[0].root, head->root);
  Result<std::vector<StoredCheckpoint>> cps = this->store_->ListCheckpoints();
  ASSERT_TRUE(cps.ok());
  ASSERT_EQ(cps->size(), 1u);
  EXPECT_EQ((*cps)[0].size, 3u);
  EXPECT_EQ((*cps)[0].note, "checkpoint 3\n");
}

TYPED_TEST(AuditLogTest, ARolledBackImportLeavesNoEntry) {
  {
    auto batch = std::move(this->store_->BeginImport("ngo-a", "test").value());
    ASSERT_TRUE(batch->Add(this->MakeRecord("1", "rape"), "id-1", "blob").ok());
  }  // destroyed without Commit
  EXPECT_TRUE(this->Entries().empty());
  EXPECT_EQ(this->store_->AuditTreeHead()->size, 0u);
  EXPECT_TRUE(this->heads_.empty());
}

TYPED_TEST(AuditLogTest, LinkageAndShreddingAreLogged) {
  auto batch = std::move(this->store_->BeginImport("ngo-a", "test").value());
  model::RowId a = *batch->Add(this->MakeRecord("1", "rape"), "id-1", "blob-1");
  model::RowId b = *batch->Add(this->MakeRecord("2", "rape"), "id-2", "blob-2");
  ASSERT_TRUE(batch->Commit().ok());
  LinkageRun run;
  run.description = "test";
  run.clusters = {{a, "P1"}, {b, "P1"}};
  run.pairs = {{a, b, 0.97}};
  ASSERT_TRUE(this->store_->SaveLinkage(run).ok());
  ASSERT_TRUE(this->store_->ShredRecord(a, ShredScope::kIdentity).ok());
  ASSERT_TRUE(this->store_->ShredRecord(b, ShredScope::kWholeRecord).ok());

  std::vector<AuditEntry> entries = this->Entries();
  ASSERT_EQ(entries.size(), 8u);
  EXPECT_EQ(entries[2].op, "link-pairs");
  EXPECT_EQ(entries[2].record, 1);  // the run id
  EXPECT_EQ(entries[3].op, "link");
  EXPECT_EQ(entries[4].op, "shred-identity");
  EXPECT_EQ(entries[4].version, 2);
  EXPECT_EQ(entries[4].digest, RecordDigest(*this->store_->GetRecord(a)));
  EXPECT_NE(entries[4].digest, entries[0].digest);
  EXPECT_EQ(entries[5].op, "delete");
  EXPECT_EQ(entries[5].digest, "-");
  EXPECT_EQ(entries[6].op, "link-pairs");  // the run's pairs lost the deleted record's pair
  EXPECT_EQ(entries[6].digest, PairsDigest(*this->store_->LinkPairsOfRun(1)));
  EXPECT_EQ(entries[7].op, "link");  // the deleted record left its cluster
  EXPECT_EQ(entries[7].digest, ClusterDigest(*this->store_->ClusterAssignment()));
  EXPECT_EQ(this->heads_.size(), 4u);  // import, link, shred, delete: one checkpoint each
}

TYPED_TEST(AuditLogTest, StandaloneEntriesAreAppendedAndSigned) {
  AuditEntry e;
  e.op = "read-identity";
  e.record = 7;
  e.detail = "show";
  Result<int64_t> seq = this->store_->AppendAuditEntry(e);
  ASSERT_TRUE(seq.ok()) << seq.status().ToString();
  EXPECT_EQ(*seq, 1);
  std::vector<AuditEntry> entries = this->Entries();
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0].op, "read-identity");
  EXPECT_FALSE(entries[0].time.empty());
  EXPECT_EQ(this->heads_.size(), 1u);
}

// Many writers at once, each with its own connection: the log stays one sequence (no gap, no
// fork), its tree head covers every entry, and every record has exactly one create entry.
TYPED_TEST(AuditLogTest, ConcurrentWritersKeepOneSequence) {
  constexpr int kWriters = 6;
  constexpr int kImports = 3;
  constexpr int kRecords = 40;
  std::vector<Status> errors(kWriters);
  std::vector<std::thread> threads;
  for (int w = 0; w < kWriters; ++w) {
    threads.emplace_back([&, w] {
      errors[w] = [&]() -> Status {
        ASSIGN_OR_RETURN(auto store, OpenStore(this->location_, OpenMode::kOpenExisting));
        store->SetActor("writer-" + std::to_string(w));
        for (int i = 0; i < kImports; ++i) {
          ASSIGN_OR_RETURN(auto batch, store->BeginImport("ngo-" + std::to_string(w), "t"));
          for (int r = 0; r < kRecords; ++r) {
            auto added = batch->Add(this->MakeRecord(std::to_string(i * 1000 + r), "rape"), "",
                                    "");
            RETURN_IF_ERROR(added.status());
          }
          RETURN_IF_ERROR(batch->Commit());
          AuditEntry e;
          e.op = "read-identity";
          e.detail = "show";
          RETURN_IF_ERROR(store->AppendAuditEntry(e).status());
        }
        return Status();
      }();
    });
  }
  for (auto& t : threads) t.join();
  for (const Status& s : errors) ASSERT_TRUE(s.ok()) << s.ToString();

  crypto::MemoryLeafHashes leaves;
  std::vector<AuditEntry> entries = this->Entries(&leaves);
  const size_t want = kWriters * kImports * (kRecords + 1);
  ASSERT_EQ(entries.size(), want);
  for (size_t i = 0; i < entries.size(); ++i) ASSERT_EQ(entries[i].seq, int64_t(i + 1));
  Result<LogTreeHead> head = this->store_->AuditTreeHead();
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->size, want);
  EXPECT_EQ(head->root, *crypto::MerkleRoot(leaves, want));
  std::set<int64_t> created;
  for (const AuditEntry& e : entries) {
    if (e.op == "create") {
      EXPECT_TRUE(created.insert(e.record).second) << e.record;
    }
  }
  EXPECT_EQ(created.size(), size_t{kWriters * kImports * kRecords});
  EXPECT_EQ(*this->store_->CountRecords({}), int64_t{kWriters * kImports * kRecords});
}

TEST(AuditEntryTest, RoundTripsAndRejectsAnythingNonCanonical) {
  AuditEntry e;
  e.seq = 12;
  e.time = "2026-11-29T05:00:00Z";
  e.actor = "ana\\lyst";
  e.op = "create";
  e.record = 3;
  e.version = 1;
  e.digest = "sha256:00";
  e.detail = "two\nlines\r";
  std::string bytes = EncodeAuditEntry(e);
  Result<AuditEntry> back = ParseAuditEntry(bytes);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->detail, e.detail);
  EXPECT_EQ(back->actor, e.actor);
  EXPECT_EQ(EncodeAuditEntry(*back), bytes);
  for (std::string bad : {bytes.substr(0, bytes.size() - 1), bytes + "x\n",
                          std::string("recount-audit/v2") + bytes.substr(16)}) {
    EXPECT_EQ(ParseAuditEntry(bad).status().code(), StatusCode::kDataLoss) << bad;
  }
  std::string leading_zero = bytes;
  leading_zero.replace(leading_zero.find("seq 12"), 6, "seq 012");
  EXPECT_EQ(ParseAuditEntry(leading_zero).status().code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace recount::storage
