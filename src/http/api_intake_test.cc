// Intake and type-ahead through Router::Dispatch (no socket): a testimony entered in the form's
// JSON is validated like an import, stored with its identity sealed and its narrative sealed,
// logged under the signed-in user, readable again; bad forms and duplicates store nothing.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "crypto/totp.h"
#include "http/router.h"

namespace recount::http {
namespace {

constexpr const char* kIntakePassword = "a long enough password";

class IntakeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("intake_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    options_.store_location = (dir_ / "s.db").string();
    options_.login.strength = crypto::PasswordStrength::kTestingOnlyInsecure;
    keys_.master_key = crypto::SecretBytes::Random(32).value();
    keys_.vault_key = crypto::SecretBytes::Random(32).value();
    store_ =
        std::move(storage::OpenStore(options_.store_location, storage::OpenMode::kCreate).value());
    accounts_ = std::move(app::Accounts::Create(*store_, keys_.master_key, options_.login).value());
    router_ = std::make_unique<Router>(options_, keys_);
  }
  void TearDown() override {
    router_.reset();
    accounts_.reset();
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  void SignIn(const std::string& name, const std::string& role) {
    app::NewAccount a = accounts_->AddUser(name, role, kIntakePassword).value();
    Request r;
    r.method = "POST";
    r.path = "/api/login";
    r.client = "10.0.0.1";
    r.body =
        nlohmann::json{{"name", name},
                       {"password", kIntakePassword},
                       {"code", crypto::Totp(crypto::Base32Decode(a.totp_secret_base32).value(),
                                             NowUnixSeconds())}}
            .dump();
    Response out = router_->Dispatch(r);
    ASSERT_EQ(out.status, 200) << out.body;
    for (const auto& [k, v] : out.headers) {
      if (k == "Set-Cookie") cookie_ = v.substr(std::string(kSessionCookie).size() + 1, 64);
    }
    csrf_ = nlohmann::json::parse(out.body)["csrf_token"].get<std::string>();
  }

  Response Call(const std::string& method, const std::string& path, const std::string& body = "",
                std::map<std::string, std::string> query = {}) {
    Request r;
    r.method = method;
    r.path = path;
    r.query = std::move(query);
    r.client = "127.0.0.1";
    r.body = body;
    r.headers["host"] = "localhost:8080";
    r.headers["x-csrf-token"] = csrf_;
    r.cookies[kSessionCookie] = cookie_;
    return router_->Dispatch(r);
  }

  std::filesystem::path dir_;
  ServerOptions options_;
  ServerKeys keys_;
  std::unique_ptr<storage::Store> store_;
  std::unique_ptr<app::Accounts> accounts_;
  std::unique_ptr<Router> router_;
  std::string cookie_, csrf_;
};

const char* kForm = R"({"source": "web",
  "record": {"record_id": "W-1", "full_name": "김영희", "sex": "여성", "birth_date": "about 1985",
             "narrative": "2019년 3월 옌지에서 팔려 갔다."},
  "acts": [{"act": "인신매매", "event_date": "2019-03", "event_place": "옌지"},
           {"act": "forced_marriage", "event_date": "about 2015", "event_place": "Nowhere-town"}]})";

TEST_F(IntakeTest, ATestimonyIsStoredSealedAndLogged) {
  SignIn("kim", "investigator");
  Response r = Call("POST", "/api/records", kForm);
  ASSERT_EQ(r.status, 201) << r.body;
  nlohmann::json j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["record_id"], "W-1");
  EXPECT_EQ(j["acts"], 2);
  EXPECT_EQ(j["unresolved_places"], 1);
  const std::string id = std::to_string(j["id"].get<int64_t>());

  nlohmann::json rec = nlohmann::json::parse(Call("GET", "/api/records/" + id).body);
  EXPECT_EQ(rec["source"], "web");
  EXPECT_EQ(rec["sex"], "female");
  ASSERT_EQ(rec["acts"].size(), 2u);
  EXPECT_EQ(rec["acts"][0]["act"], "trafficking");
  EXPECT_EQ(rec["acts"][0]["place_id"], "cn-jilin-yanbian-yanji");
  EXPECT_EQ(rec["acts"][1]["date"], "2015~");
  EXPECT_EQ(rec["narrative"], "2019년 3월 옌지에서 팔려 갔다.");
  EXPECT_FALSE(rec.contains("identity"));  // names only through the logged endpoint

  nlohmann::json idn = nlohmann::json::parse(Call("GET", "/api/records/" + id + "/identity").body);
  EXPECT_EQ(idn["identity"]["full_name"], "김영희");

  nlohmann::json h = nlohmann::json::parse(Call("GET", "/api/records/" + id + "/history").body);
  ASSERT_GE(h["entries"].size(), 1u);
  EXPECT_EQ(h["entries"][0]["op"], "create");
  EXPECT_EQ(h["entries"][0]["actor"], "kim");

  // The same record id again: refused, nothing added.
  EXPECT_EQ(Call("POST", "/api/records", kForm).status, 409);
  EXPECT_EQ(store_->CountRecords({}).value(), 1);
}

TEST_F(IntakeTest, BadFormsListEveryProblemAndStoreNothing) {
  SignIn("kim", "investigator");
  Response r = Call("POST", "/api/records",
                    R"({"source": "web", "record": {"record_id": "W-2", "sex": "purple",
                        "colour": "red"},
                        "acts": [{"act": "flying", "event_date": "2019-13"}]})");
  EXPECT_EQ(r.status, 400);
  for (const char* field : {"sex", "colour", "act", "event_date", "month 13"}) {
    EXPECT_NE(r.body.find(field), std::string::npos) << field << " in " << r.body;
  }
  EXPECT_EQ(Call("POST", "/api/records", "not json").status, 400);
  EXPECT_EQ(
      Call("POST", "/api/records", R"({"source":"web","record":{"record_id":"W-3"},"acts":[]})")
          .status,
      400);
  EXPECT_EQ(store_->CountRecords({}).value(), 0);
}

TEST_F(IntakeTest, WithoutTheVaultKeyNothingIsStored) {
  SignIn("kim", "investigator");
  keys_.vault_key.reset();
  Response r = Call("POST", "/api/records", kForm);
  EXPECT_NE(r.status, 201);
  EXPECT_NE(r.body.find("identities are locked"), std::string::npos) << r.body;
  EXPECT_EQ(store_->CountRecords({}).value(), 0);
}

TEST_F(IntakeTest, PlacesTypeAheadInHangulAndLatin) {
  SignIn("lee", "viewer");
  for (const char* q : {"옌지", "yanji", "Yanj"}) {
    Response r = Call("GET", "/api/places", "", {{"q", q}});
    ASSERT_EQ(r.status, 200) << r.body;
    nlohmann::json j = nlohmann::json::parse(r.body);
    bool found = false;
    for (const auto& p : j["places"]) found |= p["id"] == "cn-jilin-yanbian-yanji";
    EXPECT_TRUE(found) << q << ": " << r.body;
  }
  nlohmann::json none = nlohmann::json::parse(Call("GET", "/api/places", "", {{"q", ""}}).body);
  EXPECT_TRUE(none["places"].empty());
  // A viewer may not enter testimonies.
  EXPECT_EQ(Call("POST", "/api/records", kForm).status, 403);
}

}  // namespace
}  // namespace recount::http
