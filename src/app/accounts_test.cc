// Accounts: roles and permissions, account creation, password + TOTP sign-in with throttling and
// one-time codes, sessions, and refusal of an account changed behind recount's back.
#include "app/accounts.h"
#include "app/audit_verify.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>

#include "base/clock.h"
#include "crypto/encoding.h"
#include "crypto/totp.h"
#include "storage/audit_entry.h"

namespace recount::app {
namespace {

constexpr long long kNow = 1'800'000'000;
constexpr const char* kPassword = "correct horse battery staple";

class AccountsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("accounts_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    path_ = (dir_ / "s.db").string();
    store_ = std::move(storage::OpenStore(path_, storage::OpenMode::kCreate).value());
    key_ = crypto::SecretBytes::Random(32).value();
    LoginPolicy policy;
    policy.strength = crypto::PasswordStrength::kTestingOnlyInsecure;
    accounts_ = std::move(Accounts::Create(*store_, key_, policy).value());
  }
  void TearDown() override {
    accounts_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  // A code for the account's secret at `t`.
  std::string Code(const NewAccount& a, long long t) {
    crypto::Bytes secret = crypto::Base32Decode(a.totp_secret_base32).value();
    return crypto::Totp(secret, t);
  }
  void Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
  }

  std::filesystem::path dir_;
  std::string path_;
  std::unique_ptr<storage::Store> store_;
  crypto::SecretBytes key_;
  std::unique_ptr<Accounts> accounts_;
};

TEST(Roles, DenyByDefaultTable) {
  EXPECT_TRUE(RoleHas(Role::kAdministrator, Permission::kManageUsers));
  for (Role r : AllRoles()) {
    EXPECT_TRUE(RoleHas(r, Permission::kReadRecords)) << RoleName(r);
    EXPECT_EQ(RoleHas(r, Permission::kManageUsers), r == Role::kAdministrator) << RoleName(r);
    EXPECT_EQ(ParseRole(RoleName(r)).value(), r);
  }
  EXPECT_FALSE(RoleHas(Role::kViewer, Permission::kReadIdentities));
  EXPECT_FALSE(RoleHas(Role::kAnalyst, Permission::kReadIdentities));
  EXPECT_FALSE(RoleHas(Role::kReviewer, Permission::kWriteRecords));
  EXPECT_FALSE(RoleHas(Role::kInvestigator, Permission::kReview));
  for (Role r : AllRoles()) {
    EXPECT_EQ(RoleHas(r, Permission::kShareRecords),
              r == Role::kAdministrator || r == Role::kInvestigator)
        << RoleName(r);
  }
  EXPECT_EQ(ParseRole("root").status().code(), StatusCode::kInvalidArgument);
}

TEST(Roles, NamesAndPasswordsAreChecked) {
  EXPECT_TRUE(CheckUserName("kim.minji").ok());
  EXPECT_TRUE(CheckUserName("김민지").ok());
  EXPECT_FALSE(CheckUserName("").ok());
  EXPECT_FALSE(CheckUserName("a b").ok());
  EXPECT_FALSE(CheckUserName("a<b>").ok());
  EXPECT_FALSE(CheckUserName(std::string(65, 'a')).ok());
  EXPECT_FALSE(CheckPassword("short").ok());
  EXPECT_TRUE(CheckPassword("열두글자이상의비밀번호입니다").ok());
}

TEST_F(AccountsTest, SignInWithPasswordAndCodeThenResolveAndLogout) {
  NewAccount a = accounts_->AddUser("minji", "reviewer", kPassword).value();
  EXPECT_EQ(a.account.role, "reviewer");
  EXPECT_NE(a.totp_uri.find("otpauth://totp/recount:minji?secret="), std::string::npos);
  // The stored secret is sealed, not the Base32 the user sees.
  EXPECT_EQ(a.account.totp_secret.find(a.totp_secret_base32), std::string::npos);

  auto in = accounts_->Login("minji", kPassword, Code(a, kNow), "127.0.0.1", kNow);
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_EQ(in->role, Role::kReviewer);
  EXPECT_EQ(in->token.size(), 64u);
  EXPECT_NE(in->session.token_hash.find("sha256:"), std::string::npos);
  EXPECT_EQ(in->session.token_hash.find(in->token), std::string::npos);

  auto again = accounts_->Resolve(in->token, kNow + 120);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->user.name, "minji");
  EXPECT_EQ(again->session.csrf_token, in->session.csrf_token);

  ASSERT_TRUE(accounts_->Logout(in->token).ok());
  EXPECT_EQ(accounts_->Resolve(in->token, kNow + 130).status().code(),
            StatusCode::kUnauthenticated);

  // The sign-in is in the log.
  bool logged = false;
  ASSERT_TRUE(store_->ScanAuditLog([&](int64_t, std::string_view bytes) {
                      auto e = storage::ParseAuditEntry(bytes).value();
                      if (e.op == "login" && e.actor == "minji") logged = true;
                      return Status();
                    }).ok());
  EXPECT_TRUE(logged);
}

TEST_F(AccountsTest, ACodeWorksOnceAndWrongFactorsGetOneMessage) {
  NewAccount a = accounts_->AddUser("jun", "viewer", kPassword).value();
  std::string code = Code(a, kNow);
  ASSERT_TRUE(accounts_->Login("jun", kPassword, code, "c", kNow).ok());
  auto replay = accounts_->Login("jun", kPassword, code, "c", kNow + 5);
  EXPECT_EQ(replay.status().code(), StatusCode::kUnauthenticated);
  auto wrong_pw = accounts_->Login("jun", "not the password!!", Code(a, kNow + 30), "c", kNow + 30);
  auto unknown = accounts_->Login("nobody", kPassword, "123456", "c", kNow);
  EXPECT_EQ(wrong_pw.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(unknown.status().message(), wrong_pw.status().message());
  EXPECT_EQ(replay.status().message(), wrong_pw.status().message());
}

TEST_F(AccountsTest, RepeatedFailuresLockTheAccountForAWhile) {
  NewAccount a = accounts_->AddUser("ara", "analyst", kPassword).value();
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(accounts_->Login("ara", "wrong password 123", "000000", "c", kNow).status().code(),
              StatusCode::kUnauthenticated);
  }
  // Locked now, even with the right password and code.
  auto locked = accounts_->Login("ara", kPassword, Code(a, kNow + 1), "c", kNow + 1);
  EXPECT_EQ(locked.status().code(), StatusCode::kResourceExhausted);
  EXPECT_NE(locked.status().message().find("try again after"), std::string::npos);
  // After the lock (30 s) it works, and the count is reset.
  auto later = accounts_->Login("ara", kPassword, Code(a, kNow + 40), "c", kNow + 40);
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  EXPECT_EQ(store_->FindUser("ara").value()->failed_logins, 0);
}

TEST_F(AccountsTest, SessionsEndWhenIdleExpiredOrDisabled) {
  NewAccount a = accounts_->AddUser("hye", "investigator", kPassword).value();
  auto in = accounts_->Login("hye", kPassword, Code(a, kNow), "c", kNow).value();
  EXPECT_EQ(accounts_->Resolve(in.token, kNow + 31 * 60).status().code(),
            StatusCode::kUnauthenticated);  // idle 31 min
  auto in2 = accounts_->Login("hye", kPassword, Code(a, kNow + 60), "c", kNow + 60).value();
  ASSERT_TRUE(accounts_->Resolve(in2.token, kNow + 600).ok());
  ASSERT_TRUE(accounts_->ChangeUser("hye", std::nullopt, true, std::nullopt).ok());
  EXPECT_EQ(accounts_->Resolve(in2.token, kNow + 660).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(accounts_->Resolve("not-a-token", kNow).status().code(),
            StatusCode::kUnauthenticated);
}

TEST_F(AccountsTest, TheLastUseIsWrittenAtMostOncePerTouchInterval) {
  NewAccount a = accounts_->AddUser("jin", "viewer", kPassword).value();
  auto in = accounts_->Login("jin", kPassword, Code(a, kNow), "c", kNow).value();
  auto last_seen = [&]() {
    return store_->FindSession(SessionTokenHash(in.token)).value()->last_seen;
  };
  ASSERT_TRUE(accounts_->Resolve(in.token, kNow + 30).ok());
  EXPECT_EQ(last_seen(), Rfc3339(kNow));  // within touch_seconds (60): no write
  ASSERT_TRUE(accounts_->Resolve(in.token, kNow + 90).ok());
  EXPECT_EQ(last_seen(), Rfc3339(kNow + 90));
  ASSERT_TRUE(accounts_->Resolve(in.token, kNow + 140).ok());
  EXPECT_EQ(last_seen(), Rfc3339(kNow + 90));
  // Idle 30 min counted from the last write (kNow + 90), so the session ends between
  // idle_seconds - touch_seconds and idle_seconds after the last request (kNow + 140).
  EXPECT_EQ(accounts_->Resolve(in.token, kNow + 90 + 30 * 60 + 1).status().code(),
            StatusCode::kUnauthenticated);
}

TEST_F(AccountsTest, APasswordHashChangedInTheDatabaseIsRefusedMidSession) {
  NewAccount a = accounts_->AddUser("eve", "viewer", kPassword).value();
  NewAccount b = accounts_->AddUser("ben", "viewer", kPassword).value();
  auto in = accounts_->Login("eve", kPassword, Code(a, kNow), "c", kNow).value();
  ASSERT_TRUE(accounts_->Login("ben", kPassword, Code(b, kNow), "c", kNow).ok());
  ASSERT_TRUE(accounts_->Resolve(in.token, kNow + 1).ok());
  // ben's row, copied into eve's, matches ben's log entry, not eve's.
  Sql("UPDATE users SET password_hash = (SELECT password_hash FROM users WHERE name = 'ben') "
      "WHERE name = 'eve'");
  EXPECT_EQ(accounts_->Resolve(in.token, kNow + 2).status().code(), StatusCode::kDataLoss);
}

TEST_F(AccountsTest, ARoleChangedInTheDatabaseIsRefused) {
  NewAccount a = accounts_->AddUser("mallory", "viewer", kPassword).value();
  auto in = accounts_->Login("mallory", kPassword, Code(a, kNow), "c", kNow).value();
  // A request before the change: the row's match with its log entry is now remembered, and the
  // change must still be seen on the very next request.
  ASSERT_EQ(accounts_->Resolve(in.token, kNow + 30)->role, Role::kViewer);
  Sql("UPDATE users SET role = 'administrator' WHERE name = 'mallory'");
  auto resolved = accounts_->Resolve(in.token, kNow + 31);
  EXPECT_EQ(resolved.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(accounts_->Resolve(in.token, kNow + 90).status().code(), StatusCode::kDataLoss);
  auto login = accounts_->Login("mallory", kPassword, Code(a, kNow + 60), "c", kNow + 60);
  EXPECT_EQ(login.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(login.status().message().find("changed outside recount"), std::string::npos);
  // audit verify reports it too.
  auto report = VerifyAudit(*store_, AuditVerifyOptions{});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_FALSE(report->ok());
  bool named = false;
  for (const auto& p : report->problems) named |= p.find("user account 'mallory'") != std::string::npos;
  EXPECT_TRUE(named);
}

TEST_F(AccountsTest, AuditVerifyAcceptsAccountsChangedThroughRecount) {
  NewAccount a = accounts_->AddUser("dae", "viewer", kPassword).value();
  ASSERT_TRUE(accounts_->ChangeUser("dae", Role::kAnalyst, std::nullopt, std::nullopt).ok());
  ASSERT_TRUE(accounts_->Login("dae", kPassword, Code(a, kNow), "c", kNow).ok());
  auto report = VerifyAudit(*store_, AuditVerifyOptions{});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  // (This test store has no log key, so verify also says the entries are unsigned.)
  for (const auto& p : report->problems) EXPECT_EQ(p.find("user account"), std::string::npos) << p;
  EXPECT_EQ(report->users, 1u);
}

TEST_F(AccountsTest, RoleChangesThroughRecountAreLoggedAndTakeEffect) {
  NewAccount a = accounts_->AddUser("soo", "viewer", kPassword).value();
  auto in = accounts_->Login("soo", kPassword, Code(a, kNow), "c", kNow).value();
  auto changed = accounts_->ChangeUser("soo", Role::kReviewer, std::nullopt, std::nullopt);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(accounts_->Resolve(in.token, kNow + 10)->role, Role::kReviewer);
  // A password change ends the user's sessions.
  ASSERT_TRUE(
      accounts_->ChangeUser("soo", std::nullopt, std::nullopt, "a brand new passphrase").ok());
  EXPECT_FALSE(accounts_->Resolve(in.token, kNow + 20).ok());
  EXPECT_FALSE(accounts_->AddUser("soo", "viewer", kPassword).ok());
  EXPECT_EQ(accounts_->AddUser("x", "viewer", "short").status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace recount::app
