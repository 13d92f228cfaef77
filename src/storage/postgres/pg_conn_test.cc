// Conn's prepared-statement cache (pg_conn.h), against the test cluster (store_test_backends.h;
// skipped without one).
#include "storage/postgres/pg_conn.h"

#include <gtest/gtest.h>

#include "storage/store_test_backends.h"

namespace recount::storage::postgres {
namespace {

class PgConnTest : public storetest::BackendTest<storetest::PostgresBackend> {};

TEST_F(PgConnTest, PreparesEachStatementOnceAndRecoversFromChangedTables) {
  auto conn = std::move(Conn::Connect(location_).value());
  const std::string count = "SELECT count(*) FROM pg_prepared_statements WHERE name LIKE $1";
  for (int i = 0; i < 3; ++i) {
    auto rows = conn->Query(count, {"recount_%"});
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    EXPECT_EQ(rows->Int(0, 0), 1);  // itself, prepared once
  }
  EXPECT_EQ(conn->prepared_count(), 1u);

  // A statement the server refuses returns the server's own error and is not kept.
  auto bad = conn->Query("SELEC 1");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("syntax error"), std::string::npos)
      << bad.status().ToString();
  EXPECT_EQ(conn->prepared_count(), 1u);

  // The table's columns change under a prepared statement: that use fails, the next one
  // prepares it again and sees the new columns.
  ASSERT_TRUE(conn->Exec("CREATE TEMP TABLE t (a bigint); INSERT INTO t VALUES (7)").ok());
  const std::string all = "SELECT * FROM t";
  ASSERT_TRUE(conn->Query(all).ok());
  ASSERT_TRUE(conn->Exec("ALTER TABLE t ADD COLUMN b text DEFAULT 'x'").ok());
  {
    auto stale = conn->Query(all);
    ASSERT_FALSE(stale.ok());
    EXPECT_EQ(conn->last_sqlstate(), "0A000") << stale.status().ToString();
  }
  auto changed = conn->Query(all);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(changed->Text(0, 1), "x");

  // Parameters keep their formats: a bytea parameter in binary, NULL, text.
  auto echo = conn->Query("SELECT $1::bytea = '\\x00ff'::bytea, $2::text IS NULL, $3::bigint + 1",
                          {Param::Bytes(std::string("\0\xFF", 2)), Param::Null(), 41});
  ASSERT_TRUE(echo.ok()) << echo.status().ToString();
  EXPECT_EQ(echo->Text(0, 0), "t");
  EXPECT_EQ(echo->Text(0, 1), "t");
  EXPECT_EQ(echo->Int(0, 2), 42);
}

}  // namespace
}  // namespace recount::storage::postgres
