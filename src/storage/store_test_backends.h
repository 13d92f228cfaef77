// Test support: the storage backends that the typed storage tests run against (store_test.cc,
// store_safety_test.cc, audit_log_test.cc). Each backend gives every test a fresh, private store
// location: a file in a temporary folder (SQLite), or a database of its own (PostgreSQL), so the
// tests can run in parallel.
//
// PostgreSQL needs a server: RECOUNT_TEST_PG_URL (an admin URL whose role may CREATE DATABASE,
// e.g. postgresql://recount_owner@%2Ftmp%2Fc%2Fsock/postgres; its password from PGPASSFILE), or
// else the private cluster the CTest fixture pg_cluster starts (tests/pg/cluster.sh) in
// RECOUNT_TEST_PG_DIR. Without either the PostgreSQL cases skip and say so.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "storage/postgres/pg_conn.h"
#include "storage/store.h"

namespace recount::storage::storetest {

inline std::string TestName() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  return std::string(info->test_suite_name()) + "_" + info->name();
}

// A web account row for tests of sharing and visibility (an investigator; the password hash and
// TOTP secret are placeholders, never checked by the store).
inline UserAccount TestUser(std::string name) {
  UserAccount u;
  u.name = std::move(name);
  u.role = "investigator";
  u.password_hash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA";
  u.totp_secret = "sealed";
  return u;
}

class SqliteBackend {
 public:
  static constexpr const char* kName = "SQLite";
  static constexpr bool kIsSqlite = true;
  // Empty when ready; else why the backend is unavailable.
  std::string SetUp() {
    std::string name = TestName();
    for (char& c : name) {
      if (c == '/') c = '_';
    }
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("store_" + std::to_string(::getpid()) + "_" + name);
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    return "";
  }
  void TearDown() { std::filesystem::remove_all(dir_); }
  // A new store location (the first call: the test's main store).
  std::string NewLocation(const std::string& tag = "s") { return (dir_ / (tag + ".db")).string(); }
  const std::filesystem::path& dir() const { return dir_; }
  // Runs SQL on the store from outside recount (as tests that damage a store must).
  Status Exec(const std::string& location, const std::string& sql) {
    sqlite3* db = nullptr;
    Status s;
    char* err = nullptr;
    if (sqlite3_open(location.c_str(), &db) != SQLITE_OK ||
        sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      s = Internal(std::string("sqlite: ") + (err ? err : sqlite3_errmsg(db)));
    }
    sqlite3_free(err);
    sqlite3_close(db);
    return s;
  }
  // The first column of the first row of `sql`, as an integer.
  Result<int64_t> QueryInt(const std::string& location, const std::string& sql) {
    sqlite3* db = nullptr;
    sqlite3_stmt* st = nullptr;
    Result<int64_t> out = Internal("sqlite: cannot run " + sql);
    if (sqlite3_open(location.c_str(), &db) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      out = static_cast<int64_t>(sqlite3_column_int64(st, 0));
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return out;
  }

 private:
  std::filesystem::path dir_;
};

class PostgresBackend {
 public:
  static constexpr const char* kName = "PostgreSQL";
  static constexpr bool kIsSqlite = false;

  std::string SetUp() {
    const char* env = std::getenv("RECOUNT_TEST_PG_URL");
    if (env != nullptr && *env != '\0') {
      admin_url_ = env;
    } else {
#ifdef RECOUNT_TEST_PG_DIR
      std::ifstream in(std::string(RECOUNT_TEST_PG_DIR) + "/url");
      std::getline(in, admin_url_);
      if (!admin_url_.empty() && std::getenv("PGPASSFILE") == nullptr) {
        ::setenv("PGPASSFILE", (std::string(RECOUNT_TEST_PG_DIR) + "/pgpass").c_str(), 1);
      }
#endif
    }
    if (admin_url_.empty()) {
      return "no PostgreSQL server for the tests: RECOUNT_TEST_PG_URL is unset and the private "
             "cluster is not running (run the tests through ctest, which starts it, or "
             "tests/pg/cluster.sh start DIR and set RECOUNT_TEST_PG_URL)";
    }
    auto conn = postgres::Conn::Connect(admin_url_);
    if (!conn.ok()) return "cannot reach the test server: " + conn.status().ToString();
    admin_ = std::move(*conn);
    return "";
  }
  void TearDown() {
    if (!admin_) return;
    for (const std::string& db : databases_) {
      admin_->Exec("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)").IgnoreError();
    }
  }
  // A new, empty database of its own; its URL.
  std::string NewLocation(const std::string& tag = "s") {
    static std::atomic<int> counter{0};
    std::string name = "rt_" + std::to_string(::getpid()) + "_" + std::to_string(++counter) +
                       "_" + tag;
    for (char& c : name) {
      const auto u = static_cast<unsigned char>(c);
      c = std::isalnum(u) ? static_cast<char>(std::tolower(u)) : '_';
    }
    Status s = admin_->Exec("CREATE DATABASE " + name);
    EXPECT_TRUE(s.ok()) << s.ToString();
    databases_.push_back(name);
    return admin_url_.substr(0, admin_url_.rfind('/') + 1) + name;
  }
  // Runs SQL on the store from outside recount (as tests that damage a store must), seeing the
  // whole store as the key holder does (row-level security, docs/postgres.md).
  Status Exec(const std::string& url, const std::string& sql) {
    ASSIGN_OR_RETURN(auto conn, WholeStore(url));
    return conn->Exec(sql);
  }
  Result<int64_t> QueryInt(const std::string& url, const std::string& sql) {
    ASSIGN_OR_RETURN(auto conn, WholeStore(url));
    ASSIGN_OR_RETURN(postgres::Rows rows, conn->Query(sql));
    if (rows.size() == 0) return Internal("no row from " + sql);
    return rows.Int(0, 0);
  }

 private:
  static Result<std::unique_ptr<postgres::Conn>> WholeStore(const std::string& url) {
    ASSIGN_OR_RETURN(auto conn, postgres::Conn::Connect(url));
    RETURN_IF_ERROR(conn->Exec("SELECT set_config('recount.scope', 'all', false)"));
    return conn;
  }

  std::string admin_url_;
  std::unique_ptr<postgres::Conn> admin_;
  std::vector<std::string> databases_;
};

using Backends = ::testing::Types<SqliteBackend, PostgresBackend>;

struct BackendName {
  template <typename B>
  static std::string GetName(int) {
    return B::kName;
  }
};

// A fixture giving each test a backend `backend_` and a store location `location_`.
template <typename B>
class BackendTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string why = backend_.SetUp();
    if (!why.empty()) GTEST_SKIP() << why;
    location_ = backend_.NewLocation();
  }
  void TearDown() override { backend_.TearDown(); }

  B backend_;
  std::string location_;
};

}  // namespace recount::storage::storetest
