// The estimates dashboard's model (docs/report.md, schema "recount-dashboard/1"), the same JSON
// `recount report --json` prints, for the web app's estimates page (docs/http-api.md).
//
// Estimating every method over every breakdown can take a minute on a large store, so the web
// default is the quick pair loglinear,chao and the audit log is not recomputed unless asked
// (?verify=1); ?method= and ?by= take the values of `recount report --method/--by`.
//
// Cache: the model of the last few option sets is kept with the size of the tamper-evident log it
// was computed at. Every change to records, links or review decisions appends to the log, so a
// model is served from the cache only while the log has not grown: never stale, and a repeated
// view of an unchanged store is instant (on a 3,000-person, 5-list store one computation takes
// about 30 s). Other log entries (sign-ins, identity reads) also invalidate it: conservative.
#include <algorithm>
#include <deque>
#include <mutex>
#include <nlohmann/json.hpp>

#include "app/log_signing.h"
#include "app/record_access.h"
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

struct CachedModel {
  std::string options;  // the query's method/by/verify
  uint64_t log_size = 0;
  std::string model;
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
  const std::string key = methods + "|" + by + "|" + verify;
  ASSIGN_OR_RETURN(storage::LogTreeHead head, call.store().AuditTreeHead());
  {
    std::lock_guard<std::mutex> lock(CacheMutex());
    for (const CachedModel& c : Cache()) {
      if (c.options == key && c.log_size == head.size) return JsonResponse(200, c.model);
    }
  }
  // Estimates count restricted records (docs/access.md); the model is the same for every user,
  // which is also what lets one cache serve them all.
  std::string model;
  RETURN_IF_ERROR(app::ReadWholeStoreForAggregates(call.store(), call.viewer(), [&]() -> Status {
    ASSIGN_OR_RETURN(model, app::DashboardJson(call.store(), o));
    return Status();
  }));
  {
    std::lock_guard<std::mutex> lock(CacheMutex());
    auto& cache = Cache();
    std::erase_if(cache, [&](const CachedModel& c) { return c.options == key; });
    cache.push_front({key, static_cast<uint64_t>(head.size), model});
    if (cache.size() > kCacheSize) cache.pop_back();
  }
  return JsonResponse(200, model);
}

}  // namespace recount::http
