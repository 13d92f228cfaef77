// The estimates dashboard's model (docs/report.md, schema "recount-dashboard/1"), the same JSON
// `recount report --json` prints, for the web app's estimates page (docs/http-api.md).
//
// Estimating every method over every breakdown can take a minute on a large store, so the web
// default is the quick pair loglinear,chao and the audit log is not recomputed unless asked
// (?verify=1); ?method= and ?by= take the values of `recount report --method/--by`.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/log_signing.h"
#include "app/report_dashboard.h"
#include "http/api_handlers.h"

namespace recount::http {
namespace {

std::vector<std::string> SplitCommas(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t comma = s.find(',', start);
    if (comma == std::string::npos) comma = s.size();
    if (comma > start) out.push_back(s.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

}  // namespace

Result<Response> HandleDashboard(Call& call) {
  app::DashboardOptions o;
  const std::string methods = call.request.Query("method", "loglinear,chao");
  if (methods.size() > 64) return InvalidArgument("method: at most 64 bytes");
  for (const std::string& m : SplitCommas(methods)) {
    ASSIGN_OR_RETURN(std::vector<stats::Method> ms, stats::ParseMethods(m));
    for (stats::Method x : ms) {
      if (std::find(o.methods.begin(), o.methods.end(), x) == o.methods.end()) {
        o.methods.push_back(x);
      }
    }
  }
  if (o.methods.empty())
    return InvalidArgument("method: name at least one of loglinear, lcmcr, dga, chao");
  const std::string by = call.request.Query("by", "year,place,act");
  o.by = SplitCommas(by);
  for (const std::string& b : o.by) {
    if (b != "year" && b != "place" && b != "act" && b != "sex") {
      return InvalidArgument("by: cannot break down by '" + b +
                             "'; use year, place, act or sex (comma-separated)");
    }
  }
  const std::string verify = call.request.Query("verify", "0");
  if (verify != "0" && verify != "1") return InvalidArgument("verify must be 0 or 1");
  o.verify_audit = verify == "1";
  if (o.verify_audit) {
    ASSIGN_OR_RETURN(crypto::NoteSigner key, app::DeriveLogKey(call.keys.master_key));
    o.log_key = key.verifier();
    o.log_key_source = "the key derived from the unlocked store";
  }
  o.settings = {{"method", methods}, {"by", by}, {"seed", std::to_string(o.mse.seed)}};
  ASSIGN_OR_RETURN(std::string model, app::DashboardJson(call.store(), o));
  return JsonResponse(200, model);
}

}  // namespace recount::http
