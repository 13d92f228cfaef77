// Router: the API's route table and the checks every request passes before its handler runs
// (docs/web.md, "Roles and permissions"): path matching, session, CSRF, permission.
//
// Deny by default: a route either names the permission it needs (app::Permission) or is marked
// public; RouteTable() is the one list of routes, and the role-matrix test walks it for every
// role. Order of checks for a non-public route:
//   1. session cookie -> signed-in user (401 when missing or ended);
//   2. state-changing methods (POST, PUT, PATCH, DELETE): X-CSRF-Token must equal the session's
//      token (constant-time), and an Origin header, when sent, must be this server's (403);
//   3. the user's role must have the route's permission (403).
// Handler errors become JSON error bodies with the HTTP status of their code (base/status.h).
//
// Thread-safety: Dispatch may be called from many threads at once (it takes a connection from the
// pool per request).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts.h"
#include "http/api_context.h"
#include "http/dashboard_worker.h"
#include "http/login_throttle.h"

namespace recount::http {

using RouteHandler = std::function<Result<Response>(Call&)>;

struct Route {
  std::string method;   // GET, POST, ...
  std::string pattern;  // "/api/records/{id}": {name} matches one path segment
  std::optional<app::Permission> permission;  // nullopt only with is_public
  bool is_public = false;
  RouteHandler handler;
  std::string summary;
  BodyKind body = BodyKind::kJson;  // kUpload: the body is a file, with its own size limit
};

// Every API route (api_routes.cc).
const std::vector<Route>& RouteTable();

class Router {
 public:
  Router(ServerOptions options, ServerKeys& keys);
  Response Dispatch(const Request& request);
  // For an upload route, before its body is read (server.h AdmitFn): the checks Dispatch makes
  // before a handler (session, CSRF and origin, permission); nullopt when they pass, the error
  // response otherwise. Dispatch checks again with the body.
  std::optional<Response> AdmitUpload(const Request& headers_only);
  const ServerOptions& options() const { return options_; }
  // Starts the background dashboard (dashboard_worker.h) over this server's store; without it
  // GET /api/dashboard computes in the request. Stopped with the router (or StopDashboard()).
  Status StartDashboard(DashboardWorker::Options options);
  void StopDashboard();

 private:
  // The checks before a route's handler; fills `user` for a signed-in caller.
  Status CheckCaller(const Route& route, const Request& request, Connection& c,
                     std::optional<app::SignedIn>* user);
  ServerOptions options_;
  ServerKeys* keys_;
  ConnectionPool pool_;
  LoginThrottle throttle_;
  std::unique_ptr<DashboardWorker> dashboard_;
};

// The body kind of the route `method` `path` would reach (kJson when none): the server asks
// before reading a body, to choose its size limit.
BodyKind BodyKindOf(const std::string& method, const std::string& path);

// True when `path` matches `pattern`; fills `params`.
bool MatchPath(const std::string& pattern, const std::string& path,
               std::map<std::string, std::string>* params);

inline constexpr const char* kSessionCookie = "recount_session";

}  // namespace recount::http
