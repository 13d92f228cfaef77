// Administration endpoints: audit status and accounts (docs/http-api.md, "Audit", "Users").
#include <nlohmann/json.hpp>

#include "crypto/encoding.h"
#include "http/api_handlers.h"

namespace recount::http {
namespace {

nlohmann::json UserJson(const storage::UserAccount& u) {
  return {{"id", u.id},         {"name", u.name},
          {"role", u.role},     {"disabled", u.disabled},
          {"created_at", u.created_at}, {"locked_until", u.locked_until}};
}

}  // namespace

Result<Response> HandleAudit(Call& call) {
  ASSIGN_OR_RETURN(storage::LogTreeHead head, call.store().AuditTreeHead());
  ASSIGN_OR_RETURN(std::vector<storage::StoredCheckpoint> cps, call.store().ListCheckpoints());
  ASSIGN_OR_RETURN(std::optional<std::string> vkey, call.store().GetSetting("log_vkey"));
  nlohmann::json out = {{"log_size", head.size},
                        {"root", crypto::HexEncode(head.root)},
                        {"log_vkey", vkey.value_or("")},
                        {"checkpoints", cps.size()}};
  if (!cps.empty()) {
    out["latest_checkpoint"] = {{"size", cps.back().size},
                                {"created_at", cps.back().created_at},
                                {"note", cps.back().note}};
  }
  return JsonResponse(200, out.dump());
}

Result<Response> HandleListUsers(Call& call) {
  ASSIGN_OR_RETURN(std::vector<storage::UserAccount> users, call.store().ListUsers());
  nlohmann::json out = {{"users", nlohmann::json::array()}};
  for (const auto& u : users) out["users"].push_back(UserJson(u));
  return JsonResponse(200, out.dump());
}

Result<Response> HandleAddUser(Call& call) {
  nlohmann::json body = nlohmann::json::parse(call.request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.value("name", nlohmann::json()).is_string() ||
      !body.value("role", nlohmann::json()).is_string() ||
      !body.value("password", nlohmann::json()).is_string()) {
    return InvalidArgument("the body must be {\"name\", \"role\", \"password\"}");
  }
  ASSIGN_OR_RETURN(app::NewAccount a,
                   call.conn.accounts->AddUser(body["name"].get<std::string>(),
                                               body["role"].get<std::string>(),
                                               body["password"].get<std::string>()));
  nlohmann::json out = UserJson(a.account);
  out["totp_secret"] = a.totp_secret_base32;
  out["totp_uri"] = a.totp_uri;
  return JsonResponse(201, out.dump());
}

Result<Response> HandleChangeUser(Call& call) {
  auto it = call.params.find("name");
  const std::string name = it == call.params.end() ? "" : it->second;
  nlohmann::json body = nlohmann::json::parse(call.request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    return InvalidArgument("the body must be a JSON object with \"role\" and/or \"disabled\"");
  }
  std::optional<app::Role> role;
  if (body.contains("role")) {
    if (!body["role"].is_string()) return InvalidArgument("\"role\" must be a string");
    ASSIGN_OR_RETURN(app::Role r, app::ParseRole(body["role"].get<std::string>()));
    role = r;
  }
  std::optional<bool> disabled;
  if (body.contains("disabled")) {
    if (!body["disabled"].is_boolean()) return InvalidArgument("\"disabled\" must be true/false");
    disabled = body["disabled"].get<bool>();
  }
  if (name == call.user->user.name && ((role && *role != app::Role::kAdministrator) ||
                                       (disabled && *disabled))) {
    return FailedPrecondition("administrators cannot demote or disable their own account; ask "
                              "another administrator");
  }
  ASSIGN_OR_RETURN(storage::UserAccount u,
                   call.conn.accounts->ChangeUser(name, role, disabled, std::nullopt));
  return JsonResponse(200, UserJson(u).dump());
}

}  // namespace recount::http
