// Backups and moves at the application level (store_backup.h): a store built through recount
// (records, an edit, linkage, review decisions, attachments, shreds, a signed log) is backed up and
// restored into SQLite and PostgreSQL and moved between them; every copy passes `audit verify`
// with the same tree head. On PostgreSQL copies, changes made behind recount's back are reported
// by `audit verify` (the app-level check runs there too). Wrong keys, non-empty targets and
// damaged files are refused. PostgreSQL parts skip without the test cluster.
#include "app/store_backup.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "app/audit_verify.h"
#include "app/evidence_files.h"
#include "app/log_signing.h"
#include "crypto/backup_stream.h"
#include "storage/store_test_backends.h"

namespace recount::app {
namespace {

namespace fs = std::filesystem;

class StoreBackupTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(sqlite_.SetUp(), "");
    pg_why_ = pg_.SetUp();
    master_ = std::move(crypto::SecretBytes::Random(32).value());
    key_ = std::make_shared<crypto::NoteSigner>(std::move(DeriveLogKey(master_).value()));
    source_ = sqlite_.NewLocation("source");
    Build(source_);
  }
  void TearDown() override {
    sqlite_.TearDown();
    if (pg_why_.empty()) pg_.TearDown();
  }

  void Build(const std::string& path) {
    auto store = std::move(storage::OpenStore(path, storage::OpenMode::kCreate).value());
    store->SetActor("tester");
    ASSERT_TRUE(AttachLogSigner(*store, key_).ok());
    ASSERT_TRUE(store->SaveKeyRing("key ring bytes", std::nullopt).ok());
    std::vector<model::RowId> ids;
    auto batch = std::move(store->BeginImport("ngo-a", "test").value());
    for (int i = 0; i < 8; ++i) {
      model::Record r;
      r.external_id = "a-" + std::to_string(i);
      r.sex = i % 2 ? "male" : "female";
      r.birth = PartialDate::Year(1980 + i);
      r.narrative = "narrative " + std::to_string(i);
      model::Act a;
      a.act_type = "trafficking";
      a.date = PartialDate::Year(2005 + i);
      a.place_text = "Yanji";
      a.involvements.push_back({"broker", "direct"});
      r.acts.push_back(a);
      ids.push_back(*batch->Add(r, "identity-" + r.external_id, "sealed-" + r.external_id));
    }
    ASSERT_TRUE(batch->Commit().ok());
    storage::RecordUpdate u;
    u.id = ids[0];
    u.expected_version = 1;
    u.record = store->GetRecord(ids[0])->record;
    u.record.sex = "unknown";
    ASSERT_TRUE(store->UpdateRecord(u).ok());
    storage::LinkageRun run;
    run.description = "test";
    for (size_t i = 0; i < ids.size(); ++i) run.clusters.push_back({ids[i], "P" + std::to_string(i / 2)});
    for (size_t i = 0; i + 1 < ids.size(); i += 2) run.pairs.push_back({ids[i], ids[i + 1], 0.7 + 0.01 * i});
    ASSERT_TRUE(store->SaveLinkage(run).ok());
    storage::ReviewDecision d;
    d.a = ids[2];
    d.b = ids[3];
    d.verdict = storage::ReviewVerdict::kReject;
    d.probability = 0.72;
    ASSERT_TRUE(store->SaveReviewDecision(d).ok());
    const std::string file = (sqlite_.dir() / "statement.txt").string();
    {
      std::ofstream out(file, std::ios::binary);
      for (int i = 0; i < 5000; ++i) out << "evidence line " << i << "\n";
    }
    ASSERT_TRUE(AttachEvidence(*store, master_, {ids[4], file, "field interview", ""}).ok());
    ASSERT_TRUE(store->ShredRecord(ids[5], storage::ShredScope::kIdentity).ok());
    ASSERT_TRUE(store->ShredRecord(ids[6], storage::ShredScope::kWholeRecord).ok());
  }

  AuditReport Verify(const std::string& location) {
    auto store = std::move(storage::OpenStore(location, storage::OpenMode::kOpenExisting).value());
    AuditVerifyOptions options;
    options.log_key = key_->verifier();
    Result<AuditReport> r = VerifyAudit(*store, options);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : AuditReport{};
  }

  std::string Backup() {
    auto store = std::move(storage::OpenStore(source_, storage::OpenMode::kOpenExisting).value());
    std::ostringstream out;
    Result<CopySummary> s = WriteBackup(*store, master_, out);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return out.str();
  }

  Result<CopySummary> Restore(const std::string& file, const std::string& target,
                              const crypto::SecretBytes& master) {
    std::istringstream in(file);
    ASSIGN_OR_RETURN(BackupHeader h, ReadBackupHeader(in));
    ASSIGN_OR_RETURN(auto store, storage::OpenStore(target, storage::OpenMode::kCreate));
    return LoadBackup(in, h, master, store.get());
  }

  storage::storetest::SqliteBackend sqlite_;
  storage::storetest::PostgresBackend pg_;
  std::string pg_why_;
  std::string source_;
  crypto::SecretBytes master_;
  std::shared_ptr<crypto::NoteSigner> key_;
};

TEST_F(StoreBackupTest, RestoredAndMovedCopiesVerifyWithTheSameTreeHead) {
  const AuditReport original = Verify(source_);
  ASSERT_TRUE(original.ok());
  const std::string file = Backup();
  EXPECT_EQ(file.find("narrative 3"), std::string::npos);  // encrypted

  const std::string restored = sqlite_.NewLocation("restored");
  Result<CopySummary> r = Restore(file, restored, master_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->log_size, original.entries);
  EXPECT_EQ(r->log_root_hex, original.root_hex);
  AuditReport copy = Verify(restored);
  EXPECT_TRUE(copy.ok());
  EXPECT_EQ(copy.root_hex, original.root_hex);
  EXPECT_EQ(copy.evidence_files, 1u);
  EXPECT_EQ(copy.kept_versions, 1u);
  EXPECT_EQ(copy.review_decisions, 1u);

  if (!pg_why_.empty()) GTEST_SKIP() << pg_why_;
  const std::string pg = pg_.NewLocation("restored");
  r = Restore(file, pg, master_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  copy = Verify(pg);
  EXPECT_TRUE(copy.ok()) << (copy.problems.empty() ? "" : copy.problems[0]);
  EXPECT_EQ(copy.root_hex, original.root_hex);
  EXPECT_EQ(copy.records, original.records);
  // PostgreSQL -> SQLite without a file.
  const std::string back = sqlite_.NewLocation("back");
  {
    auto from = std::move(storage::OpenStore(pg, storage::OpenMode::kOpenExisting).value());
    auto to = std::move(storage::OpenStore(back, storage::OpenMode::kCreate).value());
    Result<CopySummary> c = CopyStore(*from, *to);
    ASSERT_TRUE(c.ok()) << c.status().ToString();
    EXPECT_EQ(c->rows, r->rows);
  }
  copy = Verify(back);
  EXPECT_TRUE(copy.ok());
  EXPECT_EQ(copy.root_hex, original.root_hex);
}

TEST_F(StoreBackupTest, OutOfBandChangesOnAPostgresCopyAreReported) {
  if (!pg_why_.empty()) GTEST_SKIP() << pg_why_;
  const std::string file = Backup();
  const std::vector<std::string> changes = {
      "UPDATE persons SET sex = 'male' WHERE id = (SELECT min(id) FROM persons)",
      "UPDATE acts SET act_type = 'forced_labour' WHERE id = (SELECT max(id) FROM acts)",
      "UPDATE identities SET data = 'swapped'::bytea WHERE id = 'identity-a-2'",
      "UPDATE link_pairs SET probability = 0.99 WHERE a = (SELECT min(a) FROM link_pairs)",
      "UPDATE persons SET cluster_id = 'P9' WHERE id = (SELECT max(id) FROM persons)",
      "DELETE FROM record_versions",
      "UPDATE review_decisions SET verdict = 'accept'",
      "DELETE FROM audit_log WHERE seq = 3",
      "UPDATE checkpoints SET note = replace(note, 'recount', 'recounT')",
      "UPDATE keyring SET data = 'other ring'::bytea",
      "DELETE FROM evidence_files",
      "UPDATE testimonies SET narrative = 'rewritten' WHERE id = (SELECT min(id) FROM testimonies)",
  };
  for (size_t i = 0; i < changes.size(); ++i) {
    const std::string pg = pg_.NewLocation("tampered" + std::to_string(i));
    ASSERT_TRUE(Restore(file, pg, master_).ok());
    ASSERT_TRUE(Verify(pg).ok());
    Status s = pg_.Exec(pg, changes[i]);
    ASSERT_TRUE(s.ok()) << changes[i] << ": " << s.ToString();
    EXPECT_FALSE(Verify(pg).ok()) << "not reported: " << changes[i];
  }
}

TEST_F(StoreBackupTest, RefusesWrongKeysNonEmptyTargetsAndDamage) {
  const std::string file = Backup();
  auto other = std::move(crypto::SecretBytes::Random(32).value());
  EXPECT_EQ(Restore(file, sqlite_.NewLocation("wrong"), other).status().code(),
            StatusCode::kDataLoss);
  // Into a store that holds data.
  {
    std::istringstream in(file);
    BackupHeader h = std::move(ReadBackupHeader(in).value());
    auto store = std::move(storage::OpenStore(source_, storage::OpenMode::kOpenExisting).value());
    EXPECT_EQ(LoadBackup(in, h, master_, store.get()).status().code(),
              StatusCode::kFailedPrecondition);
  }
  // Truncated by one byte, or a byte flipped near the end: nothing is loaded.
  for (const std::string& bad : {file.substr(0, file.size() - 1),
                                 file.substr(0, file.size() - 10) + "\x01" + file.substr(file.size() - 9)}) {
    const std::string target = sqlite_.NewLocation("bad" + std::to_string(bad.size()));
    EXPECT_EQ(Restore(bad, target, master_).status().code(), StatusCode::kDataLoss);
    auto store = std::move(storage::OpenStore(target, storage::OpenMode::kOpenExisting).value());
    EXPECT_EQ(*store->CountRecords({}), 0);
    EXPECT_EQ(store->AuditTreeHead()->size, 0u);
  }
  // The check-only read (`recount backup` reads back what it wrote) accepts the intact file.
  std::istringstream in(file);
  BackupHeader h = std::move(ReadBackupHeader(in).value());
  EXPECT_TRUE(LoadBackup(in, h, master_, nullptr).ok());
}

// The frame parser behind the encryption: a body that authenticates (re-encrypted with the right
// key) but was changed, cut or extended is refused, never crashes, and loads nothing.
TEST_F(StoreBackupTest, DamagedBodiesBehindValidEncryptionAreRefused) {
  const std::string file = Backup();
  std::istringstream in(file);
  BackupHeader h = std::move(ReadBackupHeader(in).value());
  crypto::SecretBytes key = std::move(crypto::DeriveBackupKey(master_).value());
  std::string plain;
  {
    auto r = std::move(crypto::BackupReader::Begin(key, h.raw, in).value());
    char buf[4096];
    for (;;) {
      size_t n = *r->Read(buf, sizeof buf);
      if (n == 0) break;
      plain.append(buf, n);
    }
  }
  auto reencrypt = [&](const std::string& body) {
    std::ostringstream out;
    auto w = std::move(crypto::BackupWriter::Begin(key, h.raw, out).value());
    EXPECT_TRUE(w->Write(body).ok());
    EXPECT_TRUE(w->Finish().ok());
    return out.str();
  };
  auto check_only = [&](const std::string& f) {
    std::istringstream bin(f);
    BackupHeader bh = std::move(ReadBackupHeader(bin).value());
    return LoadBackup(bin, bh, master_, nullptr).status();
  };
  ASSERT_TRUE(check_only(reencrypt(plain)).ok());
  std::mt19937 rng(7);
  int refused = 0, tried = 0;
  for (int i = 0; i < 300; ++i, ++tried) {
    std::string bad = plain;
    const size_t at = rng() % bad.size();
    bad[at] = static_cast<char>(bad[at] ^ (1 + rng() % 255));
    Status s = check_only(reencrypt(bad));
    refused += !s.ok();
    EXPECT_FALSE(s.ok()) << "a change at byte " << at << " of " << plain.size() << " was accepted";
  }
  for (size_t len = 0; len < plain.size(); len += 1 + plain.size() / 150, ++tried) {
    Status s = check_only(reencrypt(plain.substr(0, len)));
    refused += !s.ok();
    EXPECT_EQ(s.code(), StatusCode::kDataLoss) << "cut at " << len << ": " << s.ToString();
  }
  Status extended = check_only(reencrypt(plain + "Z"));
  EXPECT_EQ(extended.code(), StatusCode::kDataLoss) << extended.ToString();
  EXPECT_EQ(refused, tried);
  // And into a real store: nothing lands.
  std::string bad = plain;
  bad[plain.size() / 2] ^= 0x20;
  const std::string target = sqlite_.NewLocation("forged");
  EXPECT_FALSE(Restore(reencrypt(bad), target, master_).ok());
  auto store = std::move(storage::OpenStore(target, storage::OpenMode::kOpenExisting).value());
  EXPECT_EQ(*store->CountRecords({}), 0);
}

}  // namespace
}  // namespace recount::app
