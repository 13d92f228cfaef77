// Web accounts and sessions (Store::CreateUser ... DeleteSessions) against every backend: account
// changes are logged with the digest of the row, stale changes are refused, a TOTP step is claimed
// once, sessions are found by token hash and deleted one by one or per user.
#include <gtest/gtest.h>

#include "storage/audit_entry.h"
#include "storage/store.h"
#include "storage/store_test_backends.h"
#include "storage/user_account.h"

namespace recount::storage {
namespace {

using storetest::BackendName;
using storetest::Backends;
using storetest::BackendTest;

template <typename B>
class AccountsTest : public BackendTest<B> {
 protected:
  Store& Open() {
    store_ = std::move(OpenStore(this->location_, OpenMode::kCreate).value());
    store_->SetActor("admin");
    return *store_;
  }
  std::unique_ptr<Store> store_;
};
TYPED_TEST_SUITE(AccountsTest, Backends, BackendName);

UserAccount NewUser(std::string name, std::string role) {
  UserAccount u;
  u.name = std::move(name);
  u.role = std::move(role);
  u.password_hash = "$argon2id$v=19$m=8,t=1,p=1$c2FsdA$aGFzaA";
  u.totp_secret = "sealed-totp";
  return u;
}

// The log entry the account row points at.
AuditEntry EntryOf(Store& store, const UserAccount& u) {
  auto bytes = store.AuditEntryAt(u.log_seq);
  EXPECT_TRUE(bytes.ok() && bytes->has_value());
  return ParseAuditEntry(**bytes).value();
}

TYPED_TEST(AccountsTest, CreateLogsTheAccountAndRefusesATakenName) {
  Store& store = this->Open();
  auto u = store.CreateUser(NewUser("minji", "investigator"));
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_GT(u->id, 0);
  EXPECT_EQ(u->version, 1);
  EXPECT_FALSE(u->created_at.empty());
  AuditEntry e = EntryOf(store, *u);
  EXPECT_EQ(e.op, "user");
  EXPECT_EQ(e.record, u->id);
  EXPECT_EQ(e.version, 1);
  EXPECT_EQ(e.actor, "admin");
  EXPECT_EQ(e.digest, UserAccountDigest(*u));

  auto found = store.FindUser("minji");
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ(UserAccountDigest(**found), e.digest);
  EXPECT_EQ((*found)->log_seq, u->log_seq);
  EXPECT_EQ((*found)->totp_last_step, -1);

  auto again = store.CreateUser(NewUser("minji", "viewer"));
  EXPECT_EQ(again.status().code(), StatusCode::kAlreadyExists);
  EXPECT_EQ(store.ListUsers()->size(), 1u);
  EXPECT_FALSE(store.FindUser("nobody")->has_value());
}

TYPED_TEST(AccountsTest, UpdateChecksTheVersionAndLogsTheChange) {
  Store& store = this->Open();
  UserAccount u = store.CreateUser(NewUser("jun", "viewer")).value();
  ASSERT_TRUE(store.SetLoginFailures(u.id, 4, "2030-01-01T00:00:00Z").ok());
  UserAccount change = u;
  change.role = "reviewer";
  auto updated = store.UpdateUser(change, "role");
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->version, 2);
  UserAccount stored = store.FindUser("jun").value().value();
  EXPECT_EQ(stored.role, "reviewer");
  EXPECT_EQ(stored.version, 2);
  EXPECT_EQ(stored.failed_logins, 0);
  EXPECT_EQ(stored.locked_until, "");
  AuditEntry e = EntryOf(store, stored);
  EXPECT_EQ(e.version, 2);
  EXPECT_EQ(e.digest, UserAccountDigest(stored));
  EXPECT_NE(e.detail.find("role"), std::string::npos);

  // A change made from the old version is refused and changes nothing.
  change.role = "administrator";
  auto stale = store.UpdateUser(change, "role");
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_EQ(store.FindUser("jun").value()->role, "reviewer");

  UserAccount ghost = stored;
  ghost.id = 999;
  EXPECT_EQ(store.UpdateUser(ghost, "role").status().code(), StatusCode::kNotFound);
}

TYPED_TEST(AccountsTest, ATotpStepIsClaimedOnce) {
  Store& store = this->Open();
  UserAccount u = store.CreateUser(NewUser("ara", "analyst")).value();
  EXPECT_TRUE(store.ClaimTotpStep(u.id, 100).value());
  EXPECT_FALSE(store.ClaimTotpStep(u.id, 100).value());
  EXPECT_FALSE(store.ClaimTotpStep(u.id, 99).value());
  EXPECT_TRUE(store.ClaimTotpStep(u.id, 101).value());
  EXPECT_EQ(store.FindUser("ara").value()->totp_last_step, 101);
}

TYPED_TEST(AccountsTest, SessionsAreFoundTouchedAndDeleted) {
  Store& store = this->Open();
  UserAccount a = store.CreateUser(NewUser("a", "viewer")).value();
  UserAccount b = store.CreateUser(NewUser("b", "viewer")).value();
  auto session = [](std::string hash, int64_t user) {
    WebSession s;
    s.token_hash = std::move(hash);
    s.user_id = user;
    s.csrf_token = "csrf-" + s.token_hash;
    s.created_at = s.last_seen = "2026-11-29T10:00:00Z";
    s.expires_at = "2026-11-29T22:00:00Z";
    s.client = "127.0.0.1";
    return s;
  };
  ASSERT_TRUE(store.SaveSession(session("h1", a.id)).ok());
  ASSERT_TRUE(store.SaveSession(session("h2", a.id)).ok());
  ASSERT_TRUE(store.SaveSession(session("h3", b.id)).ok());
  EXPECT_FALSE(store.SaveSession(session("h1", b.id)).ok());  // token hashes are unique

  auto s1 = store.FindSession("h1").value();
  ASSERT_TRUE(s1.has_value());
  EXPECT_EQ(s1->user_id, a.id);
  EXPECT_EQ(s1->csrf_token, "csrf-h1");
  EXPECT_EQ(s1->user_name, "a");
  ASSERT_TRUE(store.TouchSession("h1", "2026-11-29T11:00:00Z").ok());
  EXPECT_EQ(store.FindSession("h1").value()->last_seen, "2026-11-29T11:00:00Z");

  ASSERT_TRUE(store.DeleteSessions("h1", 0).ok());
  EXPECT_FALSE(store.FindSession("h1").value().has_value());
  EXPECT_TRUE(store.FindSession("h2").value().has_value());
  ASSERT_TRUE(store.DeleteSessions("", a.id).ok());
  EXPECT_FALSE(store.FindSession("h2").value().has_value());
  EXPECT_TRUE(store.FindSession("h3").value().has_value());
}

}  // namespace
}  // namespace recount::storage
