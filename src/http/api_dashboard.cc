// The estimates dashboard's model (docs/report.md, schema "recount-dashboard/1"), the same JSON
// `recount report --json` prints, for the web app's estimates page (docs/http-api.md), in an
// envelope that says which state of the store it shows.
//
// The default dashboard (method loglinear,chao, by year,place,act, no log verification: what the
// page asks for) comes from the background worker (dashboard_worker.h): the request never
// computes it. The answer is the latest model with the log size it was computed at, the log's
// current size, whether it is stale (an entry that may change the figures came after it, or an
// entry the worker has not looked at yet) and whether a newer one is being computed.
//
// Other options (?method=, ?by=, ?verify=1: the audit page's verification) are computed in the
// request, with a cache of the last few option sets kept with the size of the log they were
// computed at: served from it only while the log has not grown, so never stale.
#include <algorithm>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>

#include "app/log_signing.h"
#include "app/record_access.h"
#include "app/report_dashboard.h"
#include "base/clock.h"
#include "http/api_handlers.h"
#include "http/dashboard_worker.h"

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

struct CachedModel {
  std::string options;  // the query's method/by/verify
  uint64_t log_size = 0;
  std::shared_ptr<const std::string> model;
  std::string computed_at;
};

// Process-wide, guarded by CacheMutex(); at most kCacheSize entries, newest first.
constexpr size_t kCacheSize = 8;
std::mutex& CacheMutex() {
  static std::mutex mu;
  return mu;
}
std::deque<CachedModel>& Cache() {
  static std::deque<CachedModel> cache;
  return cache;
}

// {"model": ..., "log_size", "computed_at", "current_log_size", "stale", "computing",
// "background", "error"}: the model's JSON text is spliced in as it is (it can be large).
Response Envelope(const std::shared_ptr<const std::string>& model, nlohmann::json meta) {
  std::string body = meta.dump();
  body.insert(1, std::string("\"model\":") + (model ? *model : "null") + ",");
  return JsonResponse(200, body);
}

Result<Response> BackgroundDashboard(Call& call) {
  ASSIGN_OR_RETURN(storage::LogTreeHead head, call.store().AuditTreeHead());
  DashboardState st = call.dashboard->State();
  // Entries the worker has not classified yet count as changes until it has.
  const bool unchecked = head.size > st.checked_size;
  if (unchecked) call.dashboard->Nudge();
  nlohmann::json meta = {{"current_log_size", head.size},
                         {"stale", st.model != nullptr && (st.dirty || unchecked)},
                         {"computing", st.computing},
                         {"background", true}};
  if (st.model) {
    meta["log_size"] = st.log_size;
    meta["computed_at"] = st.computed_at;
  } else {
    meta["log_size"] = nullptr;
    meta["computed_at"] = nullptr;
  }
  if (!st.error.empty()) meta["error"] = st.error;
  return Envelope(st.model, std::move(meta));
}

}  // namespace

Result<Response> HandleDashboard(Call& call) {
  app::DashboardOptions o;
  const std::string methods = call.request.Query("method", kDefaultDashboardMethods);
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
  const std::string by = call.request.Query("by", kDefaultDashboardBy);
  o.by = SplitCommas(by);
  for (const std::string& b : o.by) {
    if (b != "year" && b != "place" && b != "act" && b != "sex") {
      return InvalidArgument("by: cannot break down by '" + b +
                             "'; use year, place, act or sex (comma-separated)");
    }
  }
  const std::string verify = call.request.Query("verify", "0");
  if (verify != "0" && verify != "1") return InvalidArgument("verify must be 0 or 1");
  if (call.dashboard != nullptr && methods == kDefaultDashboardMethods &&
      by == kDefaultDashboardBy && verify == "0") {
    return BackgroundDashboard(call);
  }
  o.verify_audit = verify == "1";
  if (o.verify_audit) {
    ASSIGN_OR_RETURN(crypto::NoteSigner key, app::DeriveLogKey(call.keys.master_key));
    o.log_key = key.verifier();
    o.log_key_source = "the key derived from the unlocked store";
  }
  o.settings = {{"method", methods}, {"by", by}, {"seed", std::to_string(o.mse.seed)}};
  const std::string key = methods + "|" + by + "|" + verify;
  ASSIGN_OR_RETURN(storage::LogTreeHead head, call.store().AuditTreeHead());
  nlohmann::json meta = {{"log_size", head.size},
                         {"current_log_size", head.size},
                         {"stale", false},
                         {"computing", false},
                         {"background", false}};
  {
    std::lock_guard<std::mutex> lock(CacheMutex());
    for (const CachedModel& c : Cache()) {
      if (c.options == key && c.log_size == head.size) {
        meta["computed_at"] = c.computed_at;
        return Envelope(c.model, std::move(meta));
      }
    }
  }
  // Estimates count restricted records (docs/access.md); the model is the same for every user,
  // which is also what lets one cache serve them all.
  std::string model;
  RETURN_IF_ERROR(app::ReadWholeStoreForAggregates(call.store(), call.viewer(), [&]() -> Status {
    ASSIGN_OR_RETURN(model, app::DashboardJson(call.store(), o));
    return Status();
  }));
  auto shared = std::make_shared<const std::string>(std::move(model));
  const std::string computed_at = NowRfc3339();
  {
    std::lock_guard<std::mutex> lock(CacheMutex());
    auto& cache = Cache();
    std::erase_if(cache, [&](const CachedModel& c) { return c.options == key; });
    cache.push_front({key, static_cast<uint64_t>(head.size), shared, computed_at});
    if (cache.size() > kCacheSize) cache.pop_back();
  }
  meta["computed_at"] = computed_at;
  return Envelope(shared, std::move(meta));
}

}  // namespace recount::http
