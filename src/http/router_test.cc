// The router's checks, end to end through Dispatch (no socket): every route against every role
// (deny by default), sessions, CSRF, cross-origin refusal, and the sign-in flow.
#include "http/router.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "crypto/totp.h"

namespace recount::http {
namespace {

constexpr const char* kRouterPassword = "a long enough password";

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("router_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    ServerOptions options;
    options.store_location = (dir_ / "s.db").string();
    options.login.strength = crypto::PasswordStrength::kTestingOnlyInsecure;
    keys_.master_key = crypto::SecretBytes::Random(32).value();
    store_ = std::move(storage::OpenStore(options.store_location, storage::OpenMode::kCreate).value());
    accounts_ = std::move(app::Accounts::Create(*store_, keys_.master_key, options.login).value());
    router_ = std::make_unique<Router>(options, keys_);
  }
  void TearDown() override {
    router_.reset();
    accounts_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  struct Session {
    std::string cookie;
    std::string csrf;
  };

  Response Login(const std::string& name, const std::string& secret_b32, long long at) {
    Request r;
    r.method = "POST";
    r.path = "/api/login";
    r.client = "10.0.0." + std::to_string(++client_);
    crypto::Bytes secret = crypto::Base32Decode(secret_b32).value();
    r.body = nlohmann::json{{"name", name},
                            {"password", kRouterPassword},
                            {"code", crypto::Totp(secret, at)}}
                 .dump();
    return router_->Dispatch(r);
  }

  // A signed-in session for a new user of `role`.
  Session SignIn(const std::string& role) {
    const std::string name = "user-" + role;
    app::NewAccount a = accounts_->AddUser(name, role, kRouterPassword).value();
    Response r = Login(name, a.totp_secret_base32, NowUnixSeconds());
    EXPECT_EQ(r.status, 200) << r.body;
    Session s;
    for (const auto& [k, v] : r.headers) {
      if (k == "Set-Cookie") {
        EXPECT_NE(v.find("HttpOnly"), std::string::npos);
        EXPECT_NE(v.find("SameSite=Strict"), std::string::npos);
        s.cookie = v.substr(std::string(kSessionCookie).size() + 1, 64);
      }
    }
    s.csrf = nlohmann::json::parse(r.body)["csrf_token"].get<std::string>();
    return s;
  }

  Response Call(const std::string& method, const std::string& path, const Session* s,
                bool with_csrf = true, std::string body = "{}") {
    Request r;
    r.method = method;
    r.path = path;
    r.client = "127.0.0.1";
    r.body = std::move(body);
    r.headers["host"] = "localhost:8080";
    if (s) {
      r.cookies[kSessionCookie] = s->cookie;
      if (with_csrf) r.headers["x-csrf-token"] = s->csrf;
    }
    return router_->Dispatch(r);
  }

  // A record imported straight into the store; 0 on failure.
  model::RowId AddRecord(const std::string& external_id) {
    store_->SetActor("test");
    auto batch = std::move(store_->BeginImport("ngo", "test").value());
    model::Record rec;
    rec.external_id = external_id;
    Result<model::RowId> id = batch->Add(rec, "", "");
    if (!id.ok() || !batch->Commit().ok()) return 0;
    return *id;
  }

  // A concrete path for a route pattern.
  static std::string PathOf(const std::string& pattern) {
    std::string p = pattern;
    for (const char* name : {"{id}", "{a}", "{b}", "{name}", "{attachment_id}"}) {
      size_t at;
      while ((at = p.find(name)) != std::string::npos) {
        p.replace(at, std::string(name).size(), std::string(name) == "{name}" ? "nobody" : "1");
      }
    }
    return p;
  }

  std::filesystem::path dir_;
  ServerKeys keys_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<app::Accounts> accounts_;
  std::unique_ptr<Router> router_;
  int client_ = 0;
};

TEST_F(RouterTest, EveryRouteAgainstEveryRole) {
  std::map<app::Role, Session> sessions;
  for (app::Role role : app::AllRoles()) sessions[role] = SignIn(std::string(app::RoleName(role)));
  int checked = 0;
  for (const Route& route : RouteTable()) {
    const std::string path = PathOf(route.pattern);
    if (route.is_public) {
      ASSERT_FALSE(route.permission.has_value()) << route.pattern;
      continue;
    }
    ASSERT_TRUE(route.permission.has_value()) << route.pattern << " names no permission";
    // Nobody signed in: 401.
    EXPECT_EQ(Call(route.method, path, nullptr).status, 401) << route.method << " " << path;
    for (app::Role role : app::AllRoles()) {
      if (route.pattern == "/api/logout") continue;  // would end the session used below
      Response r = Call(route.method, path, &sessions[role]);
      const bool allowed = app::RoleHas(role, *route.permission);
      SCOPED_TRACE(route.method + " " + path + " as " + std::string(app::RoleName(role)) +
                   " -> " + std::to_string(r.status) + " " + r.body);
      if (allowed) {
        EXPECT_NE(r.status, 401);
        EXPECT_NE(r.status, 403);
      } else {
        EXPECT_EQ(r.status, 403);
      }
      ++checked;
    }
  }
  EXPECT_GE(checked, 60);
}

TEST_F(RouterTest, StateChangesNeedTheSessionsCsrfTokenAndSameOrigin) {
  Session admin = SignIn("administrator");
  const std::string body =
      R"({"name":"new-user","role":"viewer","password":"another long password"})";
  EXPECT_EQ(Call("POST", "/api/users", &admin, /*with_csrf=*/false, body).status, 403);
  Session other = admin;
  other.csrf = std::string(64, 'a');
  EXPECT_EQ(Call("POST", "/api/users", &other, true, body).status, 403);
  Request cross;
  cross.method = "POST";
  cross.path = "/api/users";
  cross.body = body;
  cross.cookies[kSessionCookie] = admin.cookie;
  cross.headers["x-csrf-token"] = admin.csrf;
  cross.headers["host"] = "localhost:8080";
  cross.headers["origin"] = "https://evil.example";
  EXPECT_EQ(router_->Dispatch(cross).status, 403);
  // Nothing was created by the refused requests; the right one creates the account.
  EXPECT_FALSE(store_->FindUser("new-user").value().has_value());
  Response ok = Call("POST", "/api/users", &admin, true, body);
  EXPECT_EQ(ok.status, 201) << ok.body;
  EXPECT_TRUE(store_->FindUser("new-user").value().has_value());
}

TEST_F(RouterTest, SignInFailuresAreUniformAndLogoutEndsTheSession) {
  app::NewAccount a = accounts_->AddUser("kim", "viewer", kRouterPassword).value();
  Request bad;
  bad.method = "POST";
  bad.path = "/api/login";
  bad.client = "10.1.1.1";
  bad.body = R"({"name":"kim","password":"wrong password here","code":"123456"})";
  Response r1 = router_->Dispatch(bad);
  bad.body = R"({"name":"nobody","password":"wrong password here","code":"123456"})";
  Response r2 = router_->Dispatch(bad);
  EXPECT_EQ(r1.status, 401);
  EXPECT_EQ(r1.body, r2.body);
  bad.body = "not json";
  EXPECT_EQ(router_->Dispatch(bad).status, 400);

  Response in = Login("kim", a.totp_secret_base32, NowUnixSeconds());
  ASSERT_EQ(in.status, 200) << in.body;
  Session s;
  for (const auto& [k, v] : in.headers) {
    if (k == "Set-Cookie") s.cookie = v.substr(std::string(kSessionCookie).size() + 1, 64);
  }
  s.csrf = nlohmann::json::parse(in.body)["csrf_token"].get<std::string>();
  EXPECT_EQ(Call("GET", "/api/session", &s).status, 200);
  EXPECT_EQ(Call("POST", "/api/logout", &s).status, 200);
  EXPECT_EQ(Call("GET", "/api/session", &s).status, 401);
}

TEST_F(RouterTest, SignInAttemptsFromOneAddressAreThrottled) {
  Request r;
  r.method = "POST";
  r.path = "/api/login";
  r.client = "192.0.2.7";
  r.body = R"({"name":"x","password":"y","code":"1"})";
  int limited = 0;
  for (int i = 0; i < 15; ++i) limited += router_->Dispatch(r).status == 429;
  EXPECT_GE(limited, 4);
}

TEST_F(RouterTest, ARestrictedRecordIsAbsentForUsersItIsNotSharedWith) {
  const model::RowId id = AddRecord("r1");
  ASSERT_GT(id, 0);
  Session owner = SignIn("investigator");
  Session other = SignIn("viewer");
  const std::string path = "/api/records/" + std::to_string(id);
  ASSERT_EQ(Call("GET", path, &other).status, 200);
  EXPECT_EQ(Call("POST", path + "/sharing", &other, true, R"({"action":"restrict"})").status, 403);
  Response r = Call("POST", path + "/sharing", &owner, true, R"({"action":"restrict"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(nlohmann::json::parse(r.body)["shared_with"], nlohmann::json::array({"user-investigator"}));
  // The viewer gets what a missing record gets, and an empty list.
  Response hidden = Call("GET", path, &other);
  Response missing = Call("GET", "/api/records/999999", &other);
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(nlohmann::json::parse(hidden.body)["error"]["message"],
            "no record " + std::to_string(id));
  EXPECT_EQ(missing.status, 404);
  for (const char* sub : {"/history", "/sharing"}) {
    EXPECT_EQ(Call("GET", path + sub, &other).status, 404) << sub;
  }
  nlohmann::json list = nlohmann::json::parse(Call("GET", "/api/records", &other).body);
  EXPECT_EQ(list["total"], 0);
  EXPECT_TRUE(list["records"].empty());
  EXPECT_EQ(nlohmann::json::parse(Call("GET", "/api/records", &owner).body)["total"], 1);
  // Shared with the viewer: visible.
  r = Call("POST", path + "/sharing", &owner, true,
           R"({"action":"share","users":["user-viewer"]})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Call("GET", path, &other).status, 200);
  EXPECT_EQ(Call("POST", path + "/sharing", &owner, true, R"({"action":"lock"})").status, 400);
  EXPECT_EQ(Call("POST", path + "/sharing", &owner, true,
                 R"({"action":"share","users":["nobody"]})")
                .status,
            404);
}

TEST_F(RouterTest, AttachmentsGoUpAndComeBackThroughTheAccessCheck) {
  const model::RowId id = AddRecord("r1");
  ASSERT_GT(id, 0);
  Session inv = SignIn("investigator");
  Session admin = SignIn("administrator");
  Session viewer = SignIn("viewer");
  const std::string path = "/api/records/" + std::to_string(id) + "/attachments";
  const std::string bytes = std::string("%PDF-1.4\n") + std::string(5000, '\x01') + "%%EOF";
  auto upload = [&](const Session& s, const std::string& name, const std::string& type) {
    Request r;
    r.method = "POST";
    r.path = path;
    r.client = "127.0.0.1";
    r.body = bytes;
    r.headers["host"] = "localhost:8080";
    r.headers["x-csrf-token"] = s.csrf;
    r.headers["content-type"] = type;
    if (!name.empty()) r.headers["x-recount-file-name"] = name;
    r.cookies[kSessionCookie] = s.cookie;
    return router_->Dispatch(r);
  };
  // Before the body is read: only a signed-in caller with the permission and the CSRF token.
  Request head;
  head.method = "POST";
  head.path = path;
  head.headers["host"] = "localhost:8080";
  std::optional<Response> refused = router_->AdmitUpload(head);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->status, 401);
  head.cookies[kSessionCookie] = viewer.cookie;
  head.headers["x-csrf-token"] = viewer.csrf;
  refused = router_->AdmitUpload(head);
  ASSERT_TRUE(refused.has_value());
  EXPECT_EQ(refused->status, 403);
  head.cookies[kSessionCookie] = inv.cookie;
  head.headers["x-csrf-token"] = viewer.csrf;
  EXPECT_EQ(router_->AdmitUpload(head)->status, 403);
  head.headers["x-csrf-token"] = inv.csrf;
  EXPECT_FALSE(router_->AdmitUpload(head).has_value());
  Response up = upload(inv, "%EC%A6%9D%EC%96%B8.pdf", "application/pdf");
  ASSERT_EQ(up.status, 201) << up.body;
  nlohmann::json j = nlohmann::json::parse(up.body);
  EXPECT_EQ(j["file_name"], "증언.pdf");
  EXPECT_EQ(j["attached_by"], "user-investigator");
  const std::string one = path + "/" + std::to_string(j["id"].get<int64_t>());
  Response down = Call("GET", one, &inv);
  ASSERT_EQ(down.status, 200) << down.body;
  EXPECT_EQ(down.body, bytes);
  EXPECT_EQ(down.content_type, "application/pdf");
  std::map<std::string, std::string> h(down.headers.begin(), down.headers.end());
  EXPECT_EQ(h["Content-Disposition"],
            "attachment; filename=\"__.pdf\"; filename*=UTF-8''%EC%A6%9D%EC%96%B8.pdf");
  EXPECT_EQ(h["Content-Security-Policy"], "sandbox; default-src 'none'");
  EXPECT_EQ(Call("GET", one, &viewer).status, 403);
  EXPECT_EQ(upload(viewer, "a.pdf", "application/pdf").status, 403);
  EXPECT_EQ(upload(inv, "", "application/pdf").status, 400);
  EXPECT_EQ(upload(inv, "a.html", "text/html").status, 400);
  EXPECT_EQ(upload(inv, "a%2", "application/pdf").status, 400);
  EXPECT_EQ(upload(inv, "%FF.pdf", "application/pdf").status, 400);
  // No type from the browser: guessed from the name, then checked.
  EXPECT_EQ(upload(inv, "scan.png", "").status, 201);
  EXPECT_EQ(upload(inv, "page.svg", "application/octet-stream").status, 400);
  // Restricted to the investigator: the administrator gets "no record", both ways.
  ASSERT_EQ(Call("POST", "/api/records/" + std::to_string(id) + "/sharing", &inv, true,
                 R"({"action":"restrict"})")
                .status,
            200);
  Response hidden = upload(admin, "a.pdf", "application/pdf");
  EXPECT_EQ(hidden.status, 404);
  EXPECT_EQ(nlohmann::json::parse(hidden.body)["error"]["message"],
            "no record " + std::to_string(id));
  EXPECT_EQ(Call("GET", one, &admin).status, 404);
  EXPECT_EQ(Call("GET", one, &inv).status, 200);
  EXPECT_EQ(store_->ListEvidenceFiles(id)->size(), 2u);
}

TEST_F(RouterTest, UnknownPathsAndMethods) {
  Session v = SignIn("viewer");
  EXPECT_EQ(Call("GET", "/api/nothing-here", &v).status, 404);
  EXPECT_EQ(Call("DELETE", "/api/records", &v).status, 405);
  EXPECT_EQ(Call("GET", "/api/records/abc", &v).status, 400);
  EXPECT_EQ(Call("GET", "/api/records/999", &v).status, 404);
}

}  // namespace
}  // namespace recount::http
