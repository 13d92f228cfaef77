// Record sharing endpoints: see and change who may see a restricted record (docs/access.md,
// docs/http-api.md). The rules are app/share_record.h's.
#include <nlohmann/json.hpp>

#include "app/share_record.h"
#include "http/api_handlers.h"

namespace recount::http {
namespace {

Response SharingJson(int status, const app::SharingView& v) {
  nlohmann::json j = {{"id", v.record},
                      {"restricted", v.restricted},
                      {"shared_with", v.users},
                      {"version", v.version}};
  return JsonResponse(status, j.dump());
}

}  // namespace

Result<Response> HandleGetSharing(Call& call) {
  ASSIGN_OR_RETURN(int64_t id, IdParam(call, "id"));
  ASSIGN_OR_RETURN(app::SharingView v, app::DescribeSharing(call.store(), call.viewer(), id));
  return SharingJson(200, v);
}

Result<Response> HandleChangeSharing(Call& call) {
  ASSIGN_OR_RETURN(int64_t id, IdParam(call, "id"));
  nlohmann::json body = nlohmann::json::parse(call.request.body, nullptr, false);
  const Status shape = InvalidArgument(
      "the body must be {\"action\": \"restrict\"|\"unrestrict\"|\"share\"|\"unshare\", "
      "\"users\": [user names]}");
  if (body.is_discarded() || !body.is_object() || !body.contains("action") ||
      !body["action"].is_string()) {
    return shape;
  }
  app::SharingChange change;
  ASSIGN_OR_RETURN(change.action, app::ParseSharingAction(body["action"].get<std::string>()));
  if (body.contains("users")) {
    if (!body["users"].is_array() || body["users"].size() > 100) return shape;
    for (const auto& u : body["users"]) {
      if (!u.is_string()) return shape;
      change.users.push_back(u.get<std::string>());
    }
  }
  ASSIGN_OR_RETURN(app::SharingView v, app::ChangeSharing(call.store(), call.viewer(), id, change));
  return SharingJson(200, v);
}

}  // namespace recount::http
