// Db's statement cache (sqlite_db.h): a cached statement is reused, a nested use of the same SQL
// gets its own statement, a statement handed back holds no read transaction (it sees another
// connection's later writes), and the cache stays bounded.
#include "storage/sqlite/sqlite_db.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

namespace recount::storage::sqlite {
namespace {

class SqliteDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("sqlite_db_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "t.db").string();
    db_ = std::move(Db::Open(path_, true).value());
    ASSERT_TRUE(db_->Exec("PRAGMA journal_mode = WAL").ok());
    ASSERT_TRUE(db_->Exec("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)").ok());
    ASSERT_TRUE(db_->Exec("INSERT INTO t VALUES (1, 'one'), (2, 'two')").ok());
  }
  void TearDown() override {
    db_.reset();
    std::filesystem::remove_all(dir_);
  }
  // The value of key `k` read through the cached statement.
  std::string Read(int64_t k) {
    auto st = db_->PrepareCached("SELECT v FROM t WHERE k = ?");
    EXPECT_TRUE(st.ok());
    st->Bind(1, k);
    auto row = st->Step();
    EXPECT_TRUE(row.ok());
    return row.ok() && *row ? st->Text(0) : "";
  }

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<Db> db_;
};

TEST_F(SqliteDbTest, ACachedStatementIsReusedWithFreshBindings) {
  sqlite3_stmt* first = nullptr;
  {
    auto st = db_->PrepareCached("SELECT v FROM t WHERE k = ?");
    ASSERT_TRUE(st.ok());
    first = st->raw();
    st->Bind(1, int64_t{1});
    ASSERT_TRUE(st->Step().value());
    EXPECT_EQ(st->Text(0), "one");
  }
  auto again = db_->PrepareCached("SELECT v FROM t WHERE k = ?");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->raw(), first);
  // The binding of the previous use was cleared: an unbound parameter is NULL, no row.
  EXPECT_FALSE(again->Step().value());
}

TEST_F(SqliteDbTest, ANestedUseOfTheSameSqlGetsItsOwnStatement) {
  auto outer = db_->PrepareCached("SELECT v FROM t WHERE k = ?");
  ASSERT_TRUE(outer.ok());
  outer->Bind(1, int64_t{1});
  ASSERT_TRUE(outer->Step().value());
  EXPECT_EQ(Read(2), "two");  // borrowed while the outer one is out
  EXPECT_EQ(outer->Text(0), "one");
  {
    auto inner = db_->PrepareCached("SELECT v FROM t WHERE k = ?");
    ASSERT_TRUE(inner.ok());
    EXPECT_NE(inner->raw(), outer->raw());
  }
}

TEST_F(SqliteDbTest, AHandedBackStatementSeesLaterWritesOfOtherConnections) {
  EXPECT_EQ(Read(1), "one");
  // Another connection (a hand edit, or another server thread) changes the row.
  auto other = Db::Open(path_, false).value();
  ASSERT_TRUE(other->Exec("UPDATE t SET v = 'uno' WHERE k = 1").ok());
  EXPECT_EQ(Read(1), "uno");
  // The cached statement holds no read transaction between uses: a full checkpoint, which needs
  // every reader gone, completes (its first column says whether it was blocked).
  auto checkpoint = other->Prepare("PRAGMA wal_checkpoint(TRUNCATE)");
  ASSERT_TRUE(checkpoint.ok());
  ASSERT_TRUE(checkpoint->Step().value());
  EXPECT_EQ(checkpoint->Int(0), 0);
}

TEST_F(SqliteDbTest, TheCacheIsBoundedAndStillCorrectPastItsSize) {
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 100; ++i) {
      auto st = db_->PrepareCached("SELECT v, " + std::to_string(i) + " FROM t WHERE k = 2");
      ASSERT_TRUE(st.ok());
      ASSERT_TRUE(st->Step().value());
      EXPECT_EQ(st->Text(0), "two");
      EXPECT_EQ(st->Int(1), i);
    }
  }
  EXPECT_EQ(Read(1), "one");
  EXPECT_FALSE(db_->PrepareCached("SELECT nothing FROM nowhere").ok());
  EXPECT_EQ(Read(2), "two");
}

}  // namespace
}  // namespace recount::storage::sqlite
