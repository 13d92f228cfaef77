// Record edits (Store::UpdateRecord, RecordVersions) against every backend: the old version is
// kept and hashes to its log entry, stale edits are refused and change nothing, and a shred
// reaches the kept versions, their identities and (whole record) the attachments.
#include <gtest/gtest.h>

#include <atomic>
#include <iostream>
#include <thread>

#include "storage/audit_entry.h"
#include "storage/record_digest.h"
#include "storage/store.h"
#include "storage/store_test_backends.h"

namespace recount::storage {
namespace {

using storetest::BackendName;
using storetest::Backends;
using storetest::BackendTest;

model::Record MakeRecord(std::string id, std::string narrative) {
  model::Record r;
  r.external_id = std::move(id);
  r.sex = "female";
  r.birth = PartialDate::Year(1990);
  r.narrative = std::move(narrative);
  model::Act a;
  a.act_type = "trafficking";
  a.date = PartialDate::Month(2010, 3);
  a.place_text = "Yanji";
  a.involvements.push_back({"broker", "direct"});
  r.acts.push_back(a);
  return r;
}

std::vector<AuditEntry> Log(Store& store) {
  std::vector<AuditEntry> out;
  EXPECT_TRUE(store
                  .ScanAuditLog([&](int64_t, std::string_view bytes) {
                    out.push_back(ParseAuditEntry(bytes).value());
                    return Status();
                  })
                  .ok());
  return out;
}

template <typename B>
class RecordUpdateTest : public BackendTest<B> {
 protected:
  // A store with one record (identity "id-1") and its row id.
  model::RowId Seed() {
    store_ = std::move(OpenStore(this->location_, OpenMode::kCreate).value());
    auto batch = std::move(store_->BeginImport("ngo-a", "test").value());
    model::RowId id = batch->Add(MakeRecord("A1", "first account"), "id-1", "sealed-1").value();
    EXPECT_TRUE(batch->Commit().ok());
    return id;
  }
  std::unique_ptr<Store> store_;
};
TYPED_TEST_SUITE(RecordUpdateTest, Backends, BackendName);

TYPED_TEST(RecordUpdateTest, EditKeepsTheOldVersionAndLogsTheNewOne) {
  model::RowId id = this->Seed();
  Store& store = *this->store_;
  StoredRecord v1 = store.GetRecord(id).value();
  RecordUpdate u;
  u.id = id;
  u.expected_version = 1;
  u.record = v1.record;
  u.record.narrative = "corrected account";
  model::Act second = u.record.acts[0];
  second.act_type = "forced_marriage";
  second.date = PartialDate::Year(2011);
  u.record.acts.push_back(second);
  u.reason = "second interview";
  auto version = store.UpdateRecord(u);
  ASSERT_TRUE(version.ok()) << version.status().ToString();
  EXPECT_EQ(*version, 2);

  StoredRecord v2 = store.GetRecord(id).value();
  EXPECT_EQ(v2.version, 2);
  EXPECT_EQ(v2.record.narrative, "corrected account");
  ASSERT_EQ(v2.record.acts.size(), 2u);
  EXPECT_EQ(v2.record.acts[1].act_type, "forced_marriage");
  EXPECT_EQ(v2.identity_id, "id-1");  // identity kept when not replaced

  std::vector<AuditEntry> log = Log(store);
  ASSERT_EQ(log.size(), 2u);
  EXPECT_EQ(log[1].op, "edit");
  EXPECT_EQ(log[1].version, 2);
  EXPECT_EQ(log[1].digest, RecordDigest(v2));
  EXPECT_NE(log[1].detail.find("second interview"), std::string::npos);

  // Version 1 is kept, byte for byte what its create entry hashed.
  auto kept = store.RecordVersions(id);
  ASSERT_TRUE(kept.ok());
  ASSERT_EQ(kept->size(), 1u);
  const RecordVersion& k = (*kept)[0];
  EXPECT_EQ(k.version, 1);
  EXPECT_FALSE(k.shredded);
  EXPECT_EQ(Sha256Text(k.canonical), log[0].digest);
  std::string blob_hash;
  auto old = ParseCanonicalRecord(k.canonical, &blob_hash);
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_EQ(old->record.narrative, "first account");
  EXPECT_EQ(old->record.acts, v1.record.acts);
  EXPECT_EQ(old->identity_id, "id-1");
  EXPECT_EQ(blob_hash, Sha256Text("sealed-1"));
  EXPECT_EQ(store.RecordVersions(0)->size(), 1u);
}

TYPED_TEST(RecordUpdateTest, AStaleEditIsRefusedAndChangesNothing) {
  model::RowId id = this->Seed();
  Store& store = *this->store_;
  // A second user opened the same record at version 1 in another process.
  auto other = std::move(OpenStore(this->location_, OpenMode::kOpenExisting).value());
  RecordUpdate mine;
  mine.id = id;
  mine.expected_version = 1;
  mine.record = store.GetRecord(id)->record;
  mine.record.sex = "male";
  RecordUpdate theirs = mine;
  theirs.record.sex = "";
  theirs.record.narrative = "their change";
  ASSERT_TRUE(store.UpdateRecord(mine).ok());
  auto refused = other->UpdateRecord(theirs);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_NE(refused.status().message().find("version 2"), std::string::npos);
  StoredRecord now = store.GetRecord(id).value();
  EXPECT_EQ(now.record.sex, "male");
  EXPECT_EQ(now.record.narrative, "first account");
  EXPECT_EQ(Log(store).size(), 2u);
  EXPECT_EQ(store.RecordVersions(id)->size(), 1u);
  // Unknown records and records without acts are refused too.
  RecordUpdate missing = mine;
  missing.id = 999;
  EXPECT_EQ(store.UpdateRecord(missing).status().code(), StatusCode::kNotFound);
  RecordUpdate empty = mine;
  empty.expected_version = 2;
  empty.record.acts.clear();
  EXPECT_EQ(store.UpdateRecord(empty).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store.GetRecord(id)->version, 2);
}

TYPED_TEST(RecordUpdateTest, ShredReachesKeptVersionsAndAttachments) {
  model::RowId id = this->Seed();
  Store& store = *this->store_;
  RecordUpdate u;
  u.id = id;
  u.expected_version = 1;
  u.record = store.GetRecord(id)->record;
  u.record.narrative = "second account";
  u.new_identity = std::make_pair(std::string("id-2"), std::string("sealed-2"));
  ASSERT_TRUE(store.UpdateRecord(u).ok());
  EXPECT_EQ(store.GetRecord(id)->identity_id, "id-2");
  auto count = [&](const std::string& sql) {
    return this->backend_.QueryInt(this->location_, sql).value();
  };
  EXPECT_EQ(count("SELECT count(*) FROM identities"), 2);  // the old one stays with version 1

  auto shred = store.ShredRecord(id, ShredScope::kIdentity);
  ASSERT_TRUE(shred.ok()) << shred.status().ToString();
  EXPECT_TRUE(shred->identity_destroyed);
  EXPECT_EQ(count("SELECT count(*) FROM identities"), 0);
  auto kept = store.RecordVersions(id).value();
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_TRUE(kept[0].shredded);
  std::string blob_hash;
  auto old = ParseCanonicalRecord(kept[0].canonical, &blob_hash).value();
  EXPECT_EQ(old.record.narrative, "");
  EXPECT_EQ(old.identity_id, "");
  EXPECT_EQ(old.record.acts.size(), 1u);  // coded data kept

  // The whole record: kept versions and attachments go, each attachment logged.
  EvidenceFile f;
  f.record = id;
  f.evidence_id = "ev-1";
  f.file_name = "statement.pdf";
  f.media_type = "application/pdf";
  f.size = 3;
  f.plaintext_sha256 = Sha256Text("abc");
  f.wrapped_key = "wrapped";
  ASSERT_TRUE(store.SaveEvidenceFile(f, "ciphertext").ok());
  auto whole = store.ShredRecord(id, ShredScope::kWholeRecord);
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  EXPECT_TRUE(whole->record_deleted);
  EXPECT_EQ(whole->attachments_destroyed, 1);
  EXPECT_EQ(count("SELECT count(*) FROM record_versions"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM evidence_files"), 0);
  std::vector<AuditEntry> log = Log(store);
  bool logged = false;
  for (const AuditEntry& e : log) logged |= e.op == "shred-attachment" && e.record == id;
  EXPECT_TRUE(logged);
}

// Many editors at once, each with its own connection, editing the same few records: every edit
// is made from the version it read, a stale one is refused (kConflict) and retried from a fresh
// read. No update may be lost: each record ends holding every token an accepted edit appended,
// once, its version counts those edits, and the log is one gap-free sequence with one entry per
// import and accepted edit.
TYPED_TEST(RecordUpdateTest, ConcurrentEditorsLoseNoUpdate) {
  constexpr int kRecords = 3;
  constexpr int kEditors = 6;
  constexpr int kEditsEach = 6;
  this->store_ = std::move(OpenStore(this->location_, OpenMode::kCreate).value());
  std::vector<model::RowId> ids;
  {
    auto batch = std::move(this->store_->BeginImport("ngo-a", "test").value());
    for (int r = 0; r < kRecords; ++r) {
      ids.push_back(batch->Add(MakeRecord("A" + std::to_string(r), ""), "", "").value());
    }
    ASSERT_TRUE(batch->Commit().ok());
  }
  std::vector<std::string> failures(kEditors);
  std::atomic<int> conflicts{0};
  std::vector<std::thread> editors;
  for (int w = 0; w < kEditors; ++w) {
    editors.emplace_back([&, w] {
      auto mine = OpenStore(this->location_, OpenMode::kOpenExisting);
      if (!mine.ok()) {
        failures[w] = mine.status().ToString();
        return;
      }
      for (int e = 0; e < kEditsEach; ++e) {
        const model::RowId id = ids[(w + e) % kRecords];
        const std::string token = "[" + std::to_string(w) + "." + std::to_string(e) + "]";
        for (int attempt = 0;; ++attempt) {
          auto current = (*mine)->GetRecord(id);
          if (!current.ok() || attempt > 200) {
            failures[w] = current.ok() ? "no progress on " + token : current.status().ToString();
            return;
          }
          RecordUpdate u;
          u.id = id;
          u.expected_version = current->version;
          u.record = current->record;
          u.record.narrative += token;
          auto done = (*mine)->UpdateRecord(u);
          if (done.ok()) break;
          if (done.status().code() != StatusCode::kConflict) {
            failures[w] = done.status().ToString();
            return;
          }
          ++conflicts;
        }
      }
    });
  }
  for (auto& t : editors) t.join();
  for (int w = 0; w < kEditors; ++w) EXPECT_EQ(failures[w], "") << "editor " << w;

  int edits = 0;
  for (int r = 0; r < kRecords; ++r) {
    StoredRecord now = this->store_->GetRecord(ids[r]).value();
    int here = 0;
    for (int w = 0; w < kEditors; ++w) {
      for (int e = 0; e < kEditsEach; ++e) {
        if ((w + e) % kRecords != r) continue;
        const std::string token = "[" + std::to_string(w) + "." + std::to_string(e) + "]";
        const size_t at = now.record.narrative.find(token);
        EXPECT_NE(at, std::string::npos) << "lost update " << token << " on record " << r;
        EXPECT_EQ(now.record.narrative.find(token, at + 1), std::string::npos) << token;
        ++here;
      }
    }
    EXPECT_EQ(now.version, 1 + here) << "record " << r;
    EXPECT_EQ(static_cast<int>(this->store_->RecordVersions(ids[r])->size()), here);
    edits += here;
  }
  int64_t expected_seq = 1;
  bool in_order = true;
  ASSERT_TRUE(this->store_
                  ->ScanAuditLog([&](int64_t seq, std::string_view) {
                    in_order = in_order && seq == expected_seq++;
                    return Status();
                  })
                  .ok());
  EXPECT_TRUE(in_order) << "the log has a gap or a fork";
  EXPECT_EQ(expected_seq - 1, kRecords + edits);
  EXPECT_EQ(this->store_->AuditTreeHead()->size, static_cast<uint64_t>(kRecords + edits));
  std::cout << "[ stats    ] " << edits << " edits by " << kEditors << " editors, " << conflicts
            << " stale edits refused and retried\n";
}

TEST(CanonicalRecord, RoundTripsAndRefusesDamage) {
  StoredRecord sr;
  sr.record = MakeRecord("A:1\n2", "line one\nline two: with colons");
  sr.record.id = 7;
  sr.record.source = "ngo";
  sr.record.acts[0].id = 3;
  sr.record.acts[0].age = 17;
  sr.identity_id = "abc";
  std::string bytes = CanonicalRecordBytes(sr, "sha256:00");
  EXPECT_EQ(Sha256Text(bytes), RecordDigestWithBlobHash(sr, "sha256:00"));
  std::string hash;
  auto back = ParseCanonicalRecord(bytes, &hash);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->record.narrative, sr.record.narrative);
  EXPECT_EQ(back->record.external_id, sr.record.external_id);
  EXPECT_EQ(back->record.acts, sr.record.acts);
  EXPECT_EQ(back->record.birth.ToString(), "1990");
  EXPECT_EQ(back->identity_id, "abc");
  EXPECT_EQ(hash, "sha256:00");
  EXPECT_EQ(CanonicalRecordBytes(*back, hash), bytes);
  for (size_t cut : {size_t{0}, size_t{5}, bytes.size() / 2, bytes.size() - 1}) {
    EXPECT_EQ(ParseCanonicalRecord(bytes.substr(0, cut), &hash).status().code(),
              StatusCode::kDataLoss)
        << cut;
  }
  EXPECT_EQ(ParseCanonicalRecord(bytes + "x", &hash).status().code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace recount::storage
