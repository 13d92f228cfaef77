// Session endpoints: health, sign-in, sign-out, who am I (docs/http-api.md, "Session").
#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "http/api_handlers.h"

namespace recount::http {
namespace {

nlohmann::json SessionJson(const app::SignedIn& in) {
  nlohmann::json perms = nlohmann::json::array();
  for (app::Permission p : app::AllPermissions()) {
    if (app::RoleHas(in.role, p)) perms.push_back(std::string(app::PermissionName(p)));
  }
  return {{"user", in.user.name},
          {"role", std::string(app::RoleName(in.role))},
          {"permissions", perms},
          {"csrf_token", in.session.csrf_token},
          {"expires_at", in.session.expires_at}};
}

std::string SessionCookie(const std::string& value, bool secure, bool clear) {
  std::string c = std::string(kSessionCookie) + "=" + value +
                  "; Path=/; HttpOnly; SameSite=Strict";
  if (secure) c += "; Secure";
  if (clear) c += "; Max-Age=0";
  return c;
}

}  // namespace

Result<Response> HandleHealth(Call&) { return JsonResponse(200, R"({"ok":true})"); }

Result<Response> HandleLogin(Call& call) {
  nlohmann::json body = nlohmann::json::parse(call.request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return InvalidArgument("the body must be a JSON object {\"name\", \"password\", \"code\"}");
  }
  auto text = [&](const char* key) -> std::string {
    auto it = body.find(key);
    return it != body.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  const std::string name = text("name"), password = text("password"), code = text("code");
  if (name.empty() || password.empty() || code.empty()) {
    return InvalidArgument("sign-in needs \"name\", \"password\" and \"code\" (the 6 digits of "
                           "the authenticator app)");
  }
  call.store().SetActor(name);
  Result<app::SignedIn> signed_in = call.conn.accounts->Login(
      name, password, code, call.request.client, NowUnixSeconds());
  if (!signed_in.ok()) {
    Response locked = ErrorJson(signed_in.status());
    if (signed_in.status().code() == StatusCode::kResourceExhausted) locked.status = 429;
    return locked;
  }
  const app::SignedIn& in = *signed_in;
  Response r = JsonResponse(200, SessionJson(in).dump());
  r.headers.push_back({"Set-Cookie", SessionCookie(in.token, call.options.secure_cookies, false)});
  return r;
}

Result<Response> HandleLogout(Call& call) {
  auto it = call.request.cookies.find(kSessionCookie);
  if (it != call.request.cookies.end()) RETURN_IF_ERROR(call.conn.accounts->Logout(it->second));
  Response r = JsonResponse(200, R"({"ok":true})");
  r.headers.push_back({"Set-Cookie", SessionCookie("", call.options.secure_cookies, true)});
  return r;
}

Result<Response> HandleSession(Call& call) {
  return JsonResponse(200, SessionJson(*call.user).dump());
}

}  // namespace recount::http
