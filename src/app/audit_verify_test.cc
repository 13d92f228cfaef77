// `recount audit verify` against out-of-band changes: a store is built through recount, then
// copies of it are changed with plain SQL (as someone with the sqlite3 shell would), many times at
// random; every change must be reported, and the untouched store must verify clean.
#include "app/audit_verify.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <tuple>

#include "app/evidence_files.h"
#include "app/log_signing.h"
#include "crypto/checkpoint.h"

namespace recount::app {
namespace {

namespace fs = std::filesystem;

class AuditVerifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("audit_verify_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    master_ = std::move(crypto::SecretBytes::Random(32).value());
    key_ = std::make_shared<crypto::NoteSigner>(std::move(DeriveLogKey(master_).value()));
    Build((dir_ / "clean.db").string());
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Twelve records over two sources, a linkage run, a shred and a deletion, all through recount.
  void Build(const std::string& path) {
    auto store = std::move(storage::OpenStore(path, storage::OpenMode::kCreate).value());
    store->SetActor("tester");
    ASSERT_TRUE(AttachLogSigner(*store, key_).ok());
    ASSERT_TRUE(store->SaveKeyRing("key ring bytes", std::nullopt).ok());
    std::vector<model::RowId> ids;
    for (const char* source : {"ngo-a", "ngo-b"}) {
      auto batch = std::move(store->BeginImport(source, "test").value());
      for (int i = 0; i < 6; ++i) {
        model::Record r;
        r.external_id = std::string(source) + "-" + std::to_string(i);
        r.sex = "female";
        r.birth = PartialDate::Year(1980 + i);
        r.narrative = "narrative " + std::to_string(i);
        for (int k = 0; k < 2; ++k) {
          model::Act a;
          a.act_type = k == 0 ? "trafficking" : "forced_marriage";
          a.date = PartialDate::Year(2005 + i);
          a.place_text = "Yanji";
          a.involvements.push_back({"broker", "direct"});
          r.acts.push_back(a);
        }
        ids.push_back(*batch->Add(r, "identity-" + r.external_id, "sealed-" + r.external_id));
      }
      ASSERT_TRUE(batch->Commit().ok());
    }
    storage::LinkageRun run;
    run.description = "test";
    for (size_t i = 0; i < ids.size(); ++i) run.clusters.push_back({ids[i], "P" + std::to_string(i % 6)});
    for (size_t i = 0; i < 6; ++i) run.pairs.push_back({ids[i], ids[i + 6], 0.9 + 0.01 * i});
    ASSERT_TRUE(store->SaveLinkage(run).ok());
    // Review decisions (migration 7): accept, reject, and an undo of the reject.
    for (auto [a, b, verdict] : {std::tuple{ids[0], ids[6], storage::ReviewVerdict::kAccept},
                                 std::tuple{ids[3], ids[9], storage::ReviewVerdict::kReject},
                                 std::tuple{ids[3], ids[9], storage::ReviewVerdict::kUndo}}) {
      storage::ReviewDecision d;
      d.a = a;
      d.b = b;
      d.verdict = verdict;
      d.probability = 0.61;
      d.note = "checked the birth date";
      ASSERT_TRUE(store->SaveReviewDecision(d).ok());
    }
    // Evidence files (migration 8): two attachments, on two records.
    for (auto [record, name] : {std::pair{ids[0], "statement.txt"}, std::pair{ids[4], "photo.jpg"}}) {
      std::string file = (dir_ / name).string();
      {
        std::ofstream out(file, std::ios::binary);
        for (int i = 0; i < 3000; ++i) out << "evidence line " << i << " of " << name << "\n";
      }
      AttachRequest req{record, file, "field interview", ""};
      Result<storage::EvidenceFile> f = AttachEvidence(*store, master_, req);
      ASSERT_TRUE(f.ok()) << f.status().ToString();
    }
    ASSERT_TRUE(store->ShredRecord(ids[1], storage::ShredScope::kIdentity).ok());
    ASSERT_TRUE(store->ShredRecord(ids[2], storage::ShredScope::kWholeRecord).ok());
  }

  Result<AuditReport> Verify(const std::string& path) {
    ASSIGN_OR_RETURN(auto store, storage::OpenStore(path, storage::OpenMode::kOpenExisting));
    AuditVerifyOptions options;
    options.log_key = key_->verifier();
    return VerifyAudit(*store, options);
  }

  // A copy of the clean store changed by `sql` outside recount.
  std::string Tampered(const std::string& sql, int n) {
    std::string path = (dir_ / ("t" + std::to_string(n) + ".db")).string();
    fs::copy_file(dir_ / "clean.db", path, fs::copy_options::overwrite_existing);
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK)
        << sql << ": " << (err ? err : "");
    sqlite3_free(err);
    int changed = sqlite3_total_changes(db);
    sqlite3_close(db);
    EXPECT_GT(changed, 0) << "the mutation changed nothing: " << sql;
    return path;
  }

  fs::path dir_;
  crypto::SecretBytes master_;
  std::shared_ptr<crypto::NoteSigner> key_;
};

TEST_F(AuditVerifyTest, AStoreWrittenByRecountVerifies) {
  Result<AuditReport> report = Verify((dir_ / "clean.db").string());
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  for (const std::string& p : report->problems) ADD_FAILURE() << p;
  EXPECT_EQ(report->records, 11u);
  EXPECT_GT(report->entries, 12u);
  EXPECT_EQ(report->signed_size, report->entries);
  EXPECT_EQ(report->review_decisions, 3u);
  EXPECT_EQ(report->evidence_files, 2u);
  // key ring, two imports, linkage, three review decisions, two attachments, shred, delete
  EXPECT_EQ(report->checkpoints, 11u);
}

TEST_F(AuditVerifyTest, EveryRandomOutOfBandChangeIsReported) {
  // Each template's ? is replaced by a row id (or seq) drawn at random from the table.
  struct Mutation {
    const char* table;  // where ? is drawn from (rowid)
    const char* sql;
  };
  const Mutation kMutations[] = {
      {"persons", "UPDATE persons SET sex = 'male' WHERE id = ?"},
      {"persons", "UPDATE persons SET birth = '1950', birth_lo = 1, birth_hi = 2 WHERE id = ?"},
      {"persons", "UPDATE persons SET origin_text = 'Hyesan' WHERE id = ?"},
      {"persons", "UPDATE persons SET version = version + 1 WHERE id = ?"},
      {"persons", "UPDATE persons SET cluster_id = 'X' WHERE id = ?"},
      {"persons", "UPDATE persons SET identity_id = NULL WHERE id = ? AND identity_id IS NOT NULL"},
      {"persons", "DELETE FROM persons WHERE id = ?"},
      {"persons", "UPDATE persons SET id = id + 1000 WHERE id = ?"},
      {"testimonies", "UPDATE testimonies SET narrative = 'rewritten' WHERE id = ?"},
      {"testimonies", "UPDATE testimonies SET external_id = external_id || 'x' WHERE id = ?"},
      {"testimonies", "UPDATE testimonies SET testimony_date = '2001' WHERE id = ?"},
      {"events", "UPDATE events SET date = '1999', date_lo = 1, date_hi = 2 WHERE id = ?"},
      {"events", "UPDATE events SET place_text = 'Tumen' WHERE id = ?"},
      {"acts", "UPDATE acts SET act_type = 'torture' WHERE id = ?"},
      {"acts", "UPDATE acts SET age = 17 WHERE id = ?"},
      {"acts", "DELETE FROM acts WHERE id = ?"},
      {"acts", "INSERT INTO acts (event_id, victim_id, act_type) SELECT event_id, victim_id, "
               "'rape' FROM acts WHERE id = ?"},
      {"involvements", "UPDATE involvements SET degree = 'indirect' WHERE id = ?"},
      {"involvements", "DELETE FROM involvements WHERE id = ?"},
      {"identities", "UPDATE identities SET data = data || x'00' WHERE id = (SELECT id FROM "
                     "identities ORDER BY id LIMIT 1 OFFSET ?)"},
      {"sources", "UPDATE sources SET name = 'renamed' WHERE id = ?"},
      {"link_pairs", "UPDATE link_pairs SET probability = 0.5 WHERE rowid = ?"},
      {"link_pairs", "DELETE FROM link_pairs WHERE rowid = ?"},
      {"link_runs", "DELETE FROM link_runs WHERE id = ?"},
      {"audit_log", "UPDATE audit_log SET entry = CAST(replace(CAST(entry AS TEXT), 'tester', "
                    "'someone') AS BLOB) WHERE seq = ?"},
      {"audit_log", "DELETE FROM audit_log WHERE seq = ?"},
      {"audit_log", "UPDATE audit_log SET entry = (SELECT entry FROM audit_log a2 WHERE a2.seq = "
                    "audit_log.seq % (SELECT max(seq) FROM audit_log) + 1) WHERE seq = ?"},
      {"checkpoints", "DELETE FROM checkpoints WHERE size = (SELECT max(size) FROM checkpoints) "
                      "AND ? > 0"},
      {"checkpoints", "UPDATE checkpoints SET note = replace(note, substr(note, -10, 5), "
                      "'AAAAA') WHERE size = (SELECT max(size) FROM checkpoints) AND ? > 0"},
      {"keyring", "UPDATE keyring SET data = data || x'00' WHERE id = ?"},
      {"audit_state", "DELETE FROM audit_state WHERE id = ?"},
      {"review_decisions", "UPDATE review_decisions SET verdict = CASE verdict WHEN 'accept' "
                           "THEN 'reject' ELSE 'accept' END WHERE id = ?"},
      {"review_decisions", "UPDATE review_decisions SET note = 'edited' WHERE id = ?"},
      {"review_decisions", "UPDATE review_decisions SET actor = 'someone else' WHERE id = ?"},
      {"review_decisions", "DELETE FROM review_decisions WHERE id = ?"},
      {"review_decisions", "INSERT INTO review_decisions (a, b, verdict, probability, note, "
                           "actor, decided_at) SELECT a, b, 'reject', probability, note, actor, "
                           "decided_at FROM review_decisions WHERE id = ?"},
      // Evidence files: the trigger refusing UPDATE is dropped first, as an attacker would.
      {"evidence_files", "DROP TRIGGER evidence_files_immutable; UPDATE evidence_files SET "
                         "ciphertext = substr(ciphertext, 1, length(ciphertext) - 17) WHERE id = ?"},
      {"evidence_files", "DROP TRIGGER evidence_files_immutable; UPDATE evidence_files SET "
                         "ciphertext = substr(ciphertext, 1, 99) || CASE WHEN substr(ciphertext, "
                         "100, 1) = x'00' THEN x'01' ELSE x'00' END || substr(ciphertext, 101) "
                         "WHERE id = ?"},
      {"evidence_files", "DROP TRIGGER evidence_files_immutable; UPDATE evidence_files SET "
                         "ciphertext = substr(ciphertext, 1, 200), ciphertext_sha256 = "
                         "'sha256:' || lower(hex(randomblob(32))) WHERE id = ?"},
      {"evidence_files", "DROP TRIGGER evidence_files_immutable; UPDATE evidence_files SET "
                         "plaintext_sha256 = 'sha256:' || lower(hex(randomblob(32))) WHERE id = ?"},
      {"evidence_files", "DROP TRIGGER evidence_files_immutable; UPDATE evidence_files SET "
                         "file_name = 'other.jpg' WHERE id = ?"},
      {"evidence_files", "DROP TRIGGER evidence_files_immutable; UPDATE evidence_files SET "
                         "source_note = 'found later' WHERE id = ?"},
      {"evidence_files", "DROP TRIGGER evidence_files_immutable; UPDATE evidence_files SET "
                         "record_id = record_id + 1 WHERE id = ?"},
      {"evidence_files", "DROP TRIGGER evidence_files_immutable; UPDATE evidence_files SET "
                         "size = size + 1 WHERE id = ?"},
      {"evidence_files", "DROP TRIGGER evidence_files_immutable; UPDATE evidence_files SET "
                         "wrapped_key = randomblob(73) WHERE id = ?"},
      {"evidence_files", "DELETE FROM evidence_files WHERE id = ?"},
      {"evidence_files", "INSERT INTO evidence_files (record_id, evidence_id, file_name, "
                         "media_type, source_note, size, plaintext_sha256, ciphertext_sha256, "
                         "wrapped_key, actor, attached_at, ciphertext) SELECT record_id, "
                         "evidence_id || 'x', file_name, media_type, source_note, size, "
                         "plaintext_sha256, ciphertext_sha256, wrapped_key, actor, attached_at, "
                         "ciphertext FROM evidence_files WHERE id = ?"},
  };
  std::mt19937 rng(20261129);
  int n = 0;
  for (int round = 0; round < 3; ++round) {
    for (const Mutation& m : kMutations) {
      // Draw an existing row of the table.
      sqlite3* db = nullptr;
      ASSERT_EQ(sqlite3_open((dir_ / "clean.db").c_str(), &db), SQLITE_OK);
      const std::string table = m.table;
      std::string pick = "SELECT " +
                         std::string(table == "audit_log"     ? "seq"
                                     : table == "checkpoints" ? "size"
                                     : table == "identities"  ? "row_number() OVER (ORDER BY id) - 1"
                                                              : "rowid") +
                         " FROM " + table;
      sqlite3_stmt* st = nullptr;
      ASSERT_EQ(sqlite3_prepare_v2(db, pick.c_str(), -1, &st, nullptr), SQLITE_OK)
          << pick << ": " << sqlite3_errmsg(db);
      std::vector<int64_t> rows;
      while (sqlite3_step(st) == SQLITE_ROW) rows.push_back(sqlite3_column_int64(st, 0));
      sqlite3_finalize(st);
      sqlite3_close(db);
      ASSERT_FALSE(rows.empty()) << m.table;
      int64_t row = rows[std::uniform_int_distribution<size_t>(0, rows.size() - 1)(rng)];
      std::string sql = m.sql;
      sql.replace(sql.find('?'), 1, std::to_string(row));
      if (std::string(m.table) == "persons" && sql.find("identity_id IS NOT NULL") != std::string::npos) {
        // Pick a record that still has an identity.
        sql = "UPDATE persons SET identity_id = NULL WHERE id = (SELECT min(id) FROM persons "
              "WHERE identity_id IS NOT NULL)";
      }
      std::string path = Tampered(sql, ++n);
      Result<AuditReport> report = Verify(path);
      if (!report.ok()) continue;  // refusing to read the store at all is also a detection
      EXPECT_FALSE(report->ok()) << "not detected: " << sql;
    }
  }
  EXPECT_EQ(n, 141);
}

TEST_F(AuditVerifyTest, AnOutsideCheckpointCatchesARewrittenHistory) {
  // A partner kept the checkpoint of the clean store; then the whole log is rewritten and
  // re-signed by someone without the key: the partner's copy no longer matches.
  std::string kept;
  {
    auto store = std::move(storage::OpenStore((dir_ / "clean.db").string(),
                                              storage::OpenMode::kOpenExisting).value());
    kept = store->ListCheckpoints()->back().note;
  }
  std::string path = Tampered("DELETE FROM audit_log WHERE seq > 3; DELETE FROM checkpoints "
                              "WHERE size > 3", 1);
  auto store = std::move(storage::OpenStore(path, storage::OpenMode::kOpenExisting).value());
  AuditVerifyOptions options;
  options.log_key = key_->verifier();
  options.external_checkpoints = {kept};
  Result<AuditReport> report = VerifyAudit(*store, options);
  ASSERT_TRUE(report.ok());
  EXPECT_FALSE(report->ok());
  bool named = false;
  for (const std::string& p : report->problems) named |= p.find("outside checkpoint 1") == 0;
  EXPECT_TRUE(named);
}

}  // namespace
}  // namespace recount::app

#include "app/audit_prove.h"
#include "crypto/merkle_verify.h"

namespace recount::app {
namespace {

TEST_F(AuditVerifyTest, ProofsVerifyAgainstTheSignedCheckpoints) {
  auto store = std::move(storage::OpenStore((dir_ / "clean.db").string(),
                                            storage::OpenMode::kOpenExisting).value());
  Result<std::vector<storage::AuditEntry>> history = ReadHistory(*store, 1);
  ASSERT_TRUE(history.ok());
  ASSERT_FALSE(history->empty());
  EXPECT_EQ((*history)[0].op, "create");
  std::vector<int64_t> seqs;
  for (const auto& e : *history) seqs.push_back(e.seq);
  Result<std::vector<InclusionProof>> proofs = ProveInclusion(*store, seqs, std::nullopt);
  ASSERT_TRUE(proofs.ok()) << proofs.status().ToString();
  crypto::CheckpointPolicy policy{key_->name(), key_->verifier(), {}, 0};
  for (const InclusionProof& p : *proofs) {
    Result<crypto::VerifiedCheckpoint> cp = crypto::OpenCheckpoint(p.checkpoint, policy);
    ASSERT_TRUE(cp.ok());
    EXPECT_TRUE(crypto::VerifyMerkleInclusion(crypto::MerkleLeafHash(crypto::AsBytes(p.entry)),
                                              p.seq - 1, p.tree_size, p.path,
                                              cp->checkpoint.root_hash)
                    .ok());
  }
  auto checkpoints = *store->ListCheckpoints();
  Result<ConsistencyProof> c = ProveConsistency(*store, checkpoints[1].size, std::nullopt);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  auto old_cp = crypto::OpenCheckpoint(c->old_checkpoint, policy);
  auto new_cp = crypto::OpenCheckpoint(c->new_checkpoint, policy);
  ASSERT_TRUE(old_cp.ok() && new_cp.ok());
  EXPECT_TRUE(crypto::VerifyMerkleConsistency(c->old_size, c->new_size, c->path,
                                              old_cp->checkpoint.root_hash,
                                              new_cp->checkpoint.root_hash)
                  .ok());
  EXPECT_EQ(ProveConsistency(*store, 999, std::nullopt).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace recount::app
