#include "http/router.h"

#include <chrono>

#include "base/clock.h"
#include "crypto/encoding.h"
#include "http/static_files.h"

namespace recount::http {
namespace {

bool ChangesState(const std::string& method) {
  return method == "POST" || method == "PUT" || method == "PATCH" || method == "DELETE";
}

double NowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

// The client address: the socket peer, or with --trust-proxy the last address nginx appended
// to X-Forwarded-For.
std::string ClientOf(const Request& r, bool trust_proxy) {
  if (trust_proxy) {
    if (const std::string* xff = r.Header("x-forwarded-for")) {
      size_t comma = xff->rfind(',');
      std::string last = comma == std::string::npos ? *xff : xff->substr(comma + 1);
      while (!last.empty() && last.front() == ' ') last.erase(last.begin());
      if (!last.empty() && last.size() <= 64) return last;
    }
  }
  return r.client;
}

// True when an Origin header, if present, names this server (Host header).
bool SameOrigin(const Request& r) {
  const std::string* origin = r.Header("origin");
  if (origin == nullptr) return true;
  const std::string* host = r.Header("host");
  if (host == nullptr) return false;
  return *origin == "http://" + *host || *origin == "https://" + *host;
}

}  // namespace

bool MatchPath(const std::string& pattern, const std::string& path,
               std::map<std::string, std::string>* params) {
  size_t i = 0, j = 0;
  while (i < pattern.size() && j < path.size()) {
    if (pattern[i] == '{') {
      size_t close = pattern.find('}', i);
      std::string name = pattern.substr(i + 1, close - i - 1);
      size_t end = path.find('/', j);
      if (end == std::string::npos) end = path.size();
      if (end == j) return false;
      (*params)[name] = path.substr(j, end - j);
      i = close + 1;
      j = end;
    } else {
      if (pattern[i] != path[j]) return false;
      ++i;
      ++j;
    }
  }
  return i == pattern.size() && j == path.size();
}

BodyKind BodyKindOf(const std::string& method, const std::string& path) {
  for (const Route& r : RouteTable()) {
    std::map<std::string, std::string> p;
    if (r.body != BodyKind::kJson && r.method == method && MatchPath(r.pattern, path, &p)) {
      return r.body;
    }
  }
  return BodyKind::kJson;
}

Router::Router(ServerOptions options, ServerKeys& keys)
    : options_(std::move(options)), keys_(&keys), pool_(options_, keys) {}

Status Router::CheckCaller(const Route& route, const Request& request, Connection& c,
                           std::optional<app::SignedIn>* user) {
  // PostgreSQL's row-level security reads as this request's user (docs/access.md); a public
  // route reads as no one, whatever the connection served before.
  if (route.is_public) return c.store->SetReadScope(int64_t{0});
  auto cookie = request.cookies.find(kSessionCookie);
  if (cookie == request.cookies.end()) return Unauthenticated("not signed in");
  ASSIGN_OR_RETURN(app::SignedIn u, c.accounts->Resolve(cookie->second, NowUnixSeconds()));
  *user = std::move(u);
  RETURN_IF_ERROR(c.store->SetReadScope((*user)->user.id));
  if (ChangesState(request.method)) {
    const std::string* token = request.Header("x-csrf-token");
    if (token == nullptr ||
        !crypto::ConstantTimeEquals(crypto::AsBytes(*token),
                                    crypto::AsBytes((*user)->session.csrf_token))) {
      return PermissionDenied("missing or wrong X-CSRF-Token header (from GET /api/session)");
    }
    if (!SameOrigin(request)) return PermissionDenied("cross-origin request refused");
  }
  if (!route.permission || !app::RoleHas((*user)->role, *route.permission)) {
    return PermissionDenied("the role '" + std::string(app::RoleName((*user)->role)) +
                            "' may not do this");
  }
  c.store->SetActor((*user)->user.name);
  return Status();
}

Status Router::StartDashboard(DashboardWorker::Options options) {
  if (options.store_location.empty()) options.store_location = options_.store_location;
  ASSIGN_OR_RETURN(dashboard_, DashboardWorker::Start(std::move(options)));
  return Status();
}

void Router::StopDashboard() {
  if (dashboard_) dashboard_->Stop();
}

std::optional<Response> Router::AdmitUpload(const Request& headers_only) {
  for (const Route& r : RouteTable()) {
    std::map<std::string, std::string> p;
    if (r.body != BodyKind::kUpload || r.method != headers_only.method ||
        !MatchPath(r.pattern, headers_only.path, &p)) {
      continue;
    }
    Result<std::unique_ptr<Connection>> conn = pool_.Acquire();
    if (!conn.ok()) return ErrorJson(conn.status().WithContext("opening the store"));
    std::optional<app::SignedIn> user;
    Status denied = CheckCaller(r, headers_only, **conn, &user);
    pool_.Release(std::move(*conn));
    if (!denied.ok()) return ErrorJson(denied);
    return std::nullopt;
  }
  return std::nullopt;
}

Response Router::Dispatch(const Request& request) {
  // Paths outside /api/ are the web app's static files (no session needed: they hold no data).
  if (request.path != "/api" && request.path.rfind("/api/", 0) != 0) return ServeStatic(request);
  const Route* route = nullptr;
  std::map<std::string, std::string> params;
  bool path_known = false;
  for (const Route& r : RouteTable()) {
    std::map<std::string, std::string> p;
    if (!MatchPath(r.pattern, request.path, &p)) continue;
    path_known = true;
    if (r.method == request.method) {
      route = &r;
      params = std::move(p);
      break;
    }
  }
  if (route == nullptr) {
    if (path_known) {
      Response r = ErrorJson(Status(StatusCode::kInvalidArgument,
                                    request.method + " is not allowed on " + request.path));
      r.status = 405;
      return r;
    }
    return ErrorJson(NotFound("no API endpoint " + request.path +
                              "; docs/http-api.md lists them"));
  }
  // The request as handlers see it: with --trust-proxy the client is nginx's X-Forwarded-For
  // (copied only then, not on every request).
  std::optional<Request> rewritten;
  if (std::string client = ClientOf(request, options_.trust_proxy); client != request.client) {
    rewritten = request;
    rewritten->client = std::move(client);
  }
  const Request& effective = rewritten ? *rewritten : request;
  if (route->pattern == "/api/login" &&
      !throttle_.Allow(effective.client, NowSeconds())) {
    Response r = ErrorJson(ResourceExhausted(
        "too many sign-in attempts from this address; wait a minute and try again"));
    r.status = 429;
    r.headers.push_back({"Retry-After", "60"});
    return r;
  }

  Result<std::unique_ptr<Connection>> conn = pool_.Acquire();
  if (!conn.ok()) return ErrorJson(conn.status().WithContext("opening the store"));
  Connection& c = **conn;
  Response out;
  std::optional<app::SignedIn> user;
  Status denied = CheckCaller(*route, effective, c, &user);
  if (!denied.ok()) {
    out = ErrorJson(denied);
  } else {
    Call call{effective, std::move(params), user ? &*user : nullptr, c, options_, *keys_,
              dashboard_.get()};
    Result<Response> r = route->handler(call);
    out = r.ok() ? std::move(*r) : ErrorJson(r.status());
    // A change may have made the dashboard stale: let the worker look at the log now.
    if (dashboard_ && r.ok() && ChangesState(effective.method)) dashboard_->Nudge();
  }
  pool_.Release(std::move(*conn));
  return out;
}

}  // namespace recount::http
