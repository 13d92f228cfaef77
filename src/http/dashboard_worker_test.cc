// DashboardWorker against a real SQLite store: which log entries make the model stale, that a
// failed computation is reported rather than retried in a loop, and that Stop() ends the thread.
// (The model itself and stale-then-fresh on an estimable store: tests/e2e/web_ui_test.sh.)
#include "http/dashboard_worker.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "storage/store.h"

namespace recount::http {
namespace {

TEST(ChangesDashboard, OnlyEntriesThatCanChangeTheFigures) {
  for (const char* op : {"create", "update", "edit", "delete", "shred-identity", "link",
                         "link-pairs", "review", "restore", "migrate", "some-future-op"}) {
    EXPECT_TRUE(ChangesDashboard(op)) << op;
  }
  for (const char* op : {"login", "read-identity", "read-attachment", "user", "share", "keys",
                         "attach", "shred-attachment"}) {
    EXPECT_FALSE(ChangesDashboard(op)) << op;
  }
}

class DashboardWorkerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("dashboard_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    location_ = (dir_ / "s.db").string();
    store_ = std::move(storage::OpenStore(location_, storage::OpenMode::kCreate).value());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  // Waits up to 10 s for `pred` over the worker's state.
  template <typename Pred>
  DashboardState WaitFor(DashboardWorker& w, Pred pred) {
    DashboardState st;
    for (int i = 0; i < 1000; ++i) {
      st = w.State();
      if (pred(st)) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    return st;
  }
  void Append(const char* op) {
    storage::AuditEntry e;
    e.op = op;
    e.detail = "test";
    ASSERT_TRUE(store_->AppendAuditEntry(e).ok());
  }

  std::filesystem::path dir_;
  std::string location_;
  std::unique_ptr<storage::Store> store_;
};

TEST_F(DashboardWorkerTest, ClassifiesNewEntriesAndReportsFailures) {
  DashboardWorker::Options o;
  o.store_location = location_;
  o.dashboard = DefaultDashboardOptions().value();
  o.poll_seconds = 0.02;
  o.debounce_seconds = 0.05;
  auto w = DashboardWorker::Start(o);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  // An empty store cannot be estimated: the error is reported, no model, not computing.
  DashboardState st = WaitFor(**w, [](const DashboardState& s) {
    return !s.error.empty() && !s.computing;
  });
  EXPECT_NE(st.error.find("estimation needs at least 3 sources"), std::string::npos) << st.error;
  EXPECT_EQ(st.model, nullptr);
  EXPECT_FALSE(st.dirty);
  // A sign-in does not change the figures: classified, not dirty.
  Append("login");
  const uint64_t after_login = store_->AuditTreeHead().value().size;
  (*w)->Nudge();
  st = WaitFor(**w, [&](const DashboardState& s) { return s.checked_size >= after_login; });
  EXPECT_EQ(st.checked_size, after_login);
  EXPECT_FALSE(st.dirty);
  // A change does: dirty, and computed again after the quiet time (failing again, once).
  Append("create");
  const uint64_t after_create = store_->AuditTreeHead().value().size;
  (*w)->Nudge();
  st = WaitFor(**w, [&](const DashboardState& s) { return s.checked_size >= after_create; });
  EXPECT_TRUE(st.dirty);
  st = WaitFor(**w, [](const DashboardState& s) { return !s.computing; });
  EXPECT_FALSE(st.error.empty());
  // Stop ends the thread promptly.
  const auto t0 = std::chrono::steady_clock::now();
  (*w)->Stop();
  EXPECT_LT(std::chrono::steady_clock::now() - t0, std::chrono::seconds(5));
  (*w)->Stop();  // twice is harmless
}

TEST_F(DashboardWorkerTest, StartNamesAMissingStore) {
  DashboardWorker::Options o;
  o.store_location = (dir_ / "missing.db").string();
  auto w = DashboardWorker::Start(o);
  ASSERT_FALSE(w.ok());
  EXPECT_NE(w.status().message().find("missing.db"), std::string::npos) << w.status().message();
}

}  // namespace
}  // namespace recount::http
