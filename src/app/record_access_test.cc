// The access check (record_access.h) and sharing changes (share_record.h) on a SQLite store: a
// restricted record answers "no record" to users it is not shared with, exactly as a missing one;
// lists, searches and the review queue leave it out; a share forged in the database is refused.
#include "app/record_access.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <filesystem>
#include <map>

#include "app/audit_verify.h"
#include "app/review_queue.h"
#include "app/share_record.h"

namespace recount::app {
namespace {

namespace fs = std::filesystem;

class RecordAccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("record_access_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "s.db").string();
    store_ = std::move(storage::OpenStore(path_, storage::OpenMode::kCreate).value());
    store_->SetActor("keyholder");
    auto batch = std::move(store_->BeginImport("ngo", "test").value());
    for (int i = 0; i < 3; ++i) {
      model::Record r;
      r.external_id = "r" + std::to_string(i);
      r.sex = "female";
      ids_.push_back(*batch->Add(r, "", ""));
    }
    ASSERT_TRUE(batch->Commit().ok());
    for (const char* name : {"amina", "bora", "chul"}) {
      storage::UserAccount u;
      u.name = name;
      u.role = "investigator";
      u.password_hash = "x";
      u.totp_secret = "y";
      users_[name] = store_->CreateUser(u).value().id;
    }
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  Viewer As(const std::string& name) { return Viewer::WebUser(users_.at(name)); }
  Result<SharingView> Change(const Viewer& by, model::RowId id, SharingAction a,
                             std::vector<std::string> users) {
    return ChangeSharing(*store_, by, id, SharingChange{a, std::move(users)});
  }
  // The audit problems that name a record's sharing.
  std::vector<std::string> SharingProblems() {
    std::vector<std::string> out;
    const AuditReport report = VerifyAudit(*store_, {}).value();
    for (const std::string& p : report.problems) {
      if (p.find("sharing") != std::string::npos) out.push_back(p);
    }
    return out;
  }
  void Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK) << err;
    sqlite3_free(err);
    sqlite3_close(db);
  }

  fs::path dir_;
  std::string path_;
  std::unique_ptr<storage::Store> store_;
  std::vector<model::RowId> ids_;
  std::map<std::string, int64_t> users_;
};

TEST_F(RecordAccessTest, ARestrictedRecordIsNotFoundForOthersAsIfItDidNotExist) {
  const model::RowId r = ids_[1];
  auto v = Change(As("amina"), r, SharingAction::kRestrict, {"bora"});
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_TRUE(v->restricted);
  EXPECT_EQ(v->users, (std::vector<std::string>{"amina", "bora"}));  // the restricter included

  EXPECT_TRUE(CheckRecordVisible(*store_, As("amina"), r).ok());
  EXPECT_TRUE(CheckRecordVisible(*store_, As("bora"), r).ok());
  EXPECT_TRUE(CheckRecordVisible(*store_, Viewer::WholeStore(), r).ok());
  Status hidden = CheckRecordVisible(*store_, As("chul"), r);
  Status missing = CheckRecordVisible(*store_, As("chul"), 99999);
  EXPECT_EQ(hidden.code(), StatusCode::kNotFound);
  EXPECT_EQ(hidden.message(), "no record " + std::to_string(r));
  EXPECT_EQ(missing.message(), "no record 99999");
  EXPECT_FALSE(LoadVisibleRecord(*store_, As("chul"), r).ok());
  EXPECT_FALSE(DescribeSharing(*store_, As("chul"), r).ok());
  // chul can neither see nor change it.
  EXPECT_EQ(Change(As("chul"), r, SharingAction::kUnrestrict, {}).status().code(),
            StatusCode::kNotFound);

  // Lists leave it out; the whole store keeps it.
  storage::RecordFilter f;
  ScopeToViewer(As("chul"), &f);
  EXPECT_EQ(store_->CountRecords(f).value(), 2);
  ScopeToViewer(Viewer::WholeStore(), &f);
  EXPECT_EQ(store_->CountRecords(f).value(), 3);
  EXPECT_EQ(HiddenRecords(*store_, As("chul")).value(), (std::set<model::RowId>{r}));
  EXPECT_TRUE(HiddenRecords(*store_, As("bora"))->empty());

  // Shared with chul: visible.
  ASSERT_TRUE(Change(As("bora"), r, SharingAction::kShare, {"chul"}).ok());
  EXPECT_TRUE(CheckRecordVisible(*store_, As("chul"), r).ok());
}

TEST_F(RecordAccessTest, TheRulesOfChanges) {
  const model::RowId r = ids_[0];
  const Viewer key = Viewer::WholeStore();
  // The command line must name someone; share/unshare need a restricted record.
  EXPECT_EQ(Change(key, r, SharingAction::kRestrict, {}).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Change(key, r, SharingAction::kShare, {"bora"}).status().code(),
            StatusCode::kFailedPrecondition);
  Status unknown = Change(key, r, SharingAction::kRestrict, {"nobody"}).status();
  EXPECT_EQ(unknown.code(), StatusCode::kNotFound);
  EXPECT_NE(unknown.message().find("'nobody'"), std::string::npos);
  ASSERT_TRUE(Change(key, r, SharingAction::kRestrict, {"amina"}).ok());
  // Unsharing the last user is refused; a change that changes nothing is not logged.
  EXPECT_EQ(Change(key, r, SharingAction::kUnshare, {"amina"}).status().code(),
            StatusCode::kFailedPrecondition);
  const int64_t version = store_->GetSharing(r)->version;
  ASSERT_TRUE(Change(key, r, SharingAction::kShare, {"amina"}).ok());
  EXPECT_EQ(store_->GetSharing(r)->version, version);
  auto open = Change(key, r, SharingAction::kUnrestrict, {});
  ASSERT_TRUE(open.ok());
  EXPECT_FALSE(open->restricted);
  EXPECT_TRUE(open->users.empty());
  EXPECT_TRUE(CheckRecordVisible(*store_, As("chul"), r).ok());
  EXPECT_EQ(ParseSharingAction("lock").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(SplitUserList(" a, b,,c "), (std::vector<std::string>{"a", "b", "c"}));
}

TEST_F(RecordAccessTest, AShareForgedInTheDatabaseIsRefused) {
  const model::RowId r = ids_[2];
  ASSERT_TRUE(Change(As("amina"), r, SharingAction::kRestrict, {}).ok());
  EXPECT_EQ(CheckRecordVisible(*store_, As("chul"), r).code(), StatusCode::kNotFound);
  EXPECT_TRUE(SharingProblems().empty());
  Sql("INSERT INTO record_shares (record_id, user_id) VALUES (" + std::to_string(r) + ", " +
      std::to_string(users_["chul"]) + ")");
  Status forged = CheckRecordVisible(*store_, As("chul"), r);
  EXPECT_EQ(forged.code(), StatusCode::kDataLoss);
  EXPECT_NE(forged.message().find("record " + std::to_string(r)), std::string::npos);
  std::vector<std::string> reported = SharingProblems();
  ASSERT_EQ(reported.size(), 1u);
  EXPECT_NE(reported[0].find("the sharing of record " + std::to_string(r) + " differs"),
            std::string::npos)
      << reported[0];
  // Lifting the restriction in the database is refused the same way.
  Sql("DELETE FROM record_shares WHERE user_id = " + std::to_string(users_["chul"]) +
      "; UPDATE record_sharing SET restricted = 0");
  EXPECT_EQ(CheckRecordVisible(*store_, As("chul"), r).code(), StatusCode::kDataLoss);
  // Rows for a record that was never restricted, or deleted rows, are reported too.
  Sql("INSERT INTO record_shares (record_id, user_id) VALUES (" + std::to_string(ids_[0]) +
      ", 1); DELETE FROM record_sharing; DELETE FROM record_shares WHERE record_id = " +
      std::to_string(r));
  reported = SharingProblems();
  ASSERT_EQ(reported.size(), 2u);
  EXPECT_NE(reported[0].find("has no log entry"), std::string::npos) << reported[0];
  EXPECT_NE(reported[1].find("not in the tables"), std::string::npos) << reported[1];
}

TEST_F(RecordAccessTest, ReviewPairsWithAHiddenRecordAreNotOffered) {
  storage::LinkageRun run;
  run.description = "test";
  for (int i = 0; i < 3; ++i) run.clusters.push_back({ids_[i], "P" + std::to_string(i)});
  run.pairs = {{ids_[0], ids_[1], 0.5}, {ids_[1], ids_[2], 0.5}, {ids_[0], ids_[2], 0.5}};
  ASSERT_TRUE(store_->SaveLinkage(run).ok());
  ASSERT_TRUE(Change(As("amina"), ids_[1], SharingAction::kRestrict, {}).ok());
  EXPECT_EQ(BuildReviewQueue(*store_, {}, As("amina"))->items.size(), 3u);
  auto q = BuildReviewQueue(*store_, {}, As("bora"));
  ASSERT_TRUE(q.ok());
  ASSERT_EQ(q->items.size(), 1u);
  EXPECT_EQ(q->items[0].a, ids_[0]);
  EXPECT_EQ(q->items[0].b, ids_[2]);
  EXPECT_EQ(DecidePair(*store_, ids_[0], ids_[1], storage::ReviewVerdict::kAccept, "", As("bora"))
                .status()
                .code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace recount::app
