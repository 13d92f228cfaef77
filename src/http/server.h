// HttpServer: the HTTP/1.1 listener of `recount serve`, over libmicrohttpd (docs/web.md, "HTTP
// library"). It owns the daemon and its limits, assembles each request (headers, query, cookies,
// body up to the limit) and hands it to one handler function; the handler's Response is sent
// with the security headers of docs/web.md added.
//
// Limits are enforced before the handler runs: request line and headers by libmicrohttpd's
// per-connection memory limit, header count and body size here (431 / 413), connection counts
// and idle time by the daemon. The handler runs on one of the daemon's worker threads and may be
// called concurrently from all of them.
//
// Ownership: the server owns the daemon; Stop() (or destruction) waits for running handlers.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "base/result.h"
#include "http/http_types.h"

namespace recount::http {

struct ServerLimits {
  size_t max_body_bytes = 1 << 20;      // 1 MiB: JSON bodies
  size_t max_upload_bytes = 25 << 20;   // 25 MiB: routes whose body is a file (BodyKind::kUpload)
  size_t max_header_count = 64;
  size_t connection_memory = 16 << 10;  // request line + headers + buffers per connection
  unsigned max_connections = 256;
  unsigned max_connections_per_client = 64;
  unsigned idle_timeout_seconds = 10;
  // Worker threads; 0: one per core, at least 2. A request is CPU work (SQLite reads from the
  // page cache, JSON), so threads beyond the cores only add switching (docs/web.md, "Performance").
  unsigned threads = 0;
};

using Handler = std::function<Response(const Request&)>;
// Which limit applies to a request's body, asked once its headers are in (router.h BodyKindOf).
using BodyKindFn = std::function<BodyKind(const std::string& method, const std::string& path)>;
// For an upload route, asked before its body is read: nullopt lets the body in, a Response is
// sent instead (router.h AdmitUpload: not signed in, no CSRF token, no permission), so only
// callers allowed to upload make the server buffer up to max_upload_bytes.
using AdmitFn = std::function<std::optional<Response>(const Request& headers_only)>;

class HttpServer {
 public:
  // Listens on `address` ("127.0.0.1:8080"; port 0 picks a free one; IPv4 or "[::1]:port").
  // kInvalidArgument for a malformed address, kFailedPrecondition when it cannot listen (port in
  // use, no permission), naming the address.
  // `body_kind` null: every body has max_body_bytes. `admit_upload` null: no check before
  // an upload's body is read.
  static Result<std::unique_ptr<HttpServer>> Start(const std::string& address, Handler handler,
                                                   const ServerLimits& limits,
                                                   BodyKindFn body_kind = nullptr,
                                                   AdmitFn admit_upload = nullptr);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  int port() const;
  void Stop();

  struct Impl;

 private:
  explicit HttpServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The headers every response carries (CSP, nosniff, frame and referrer policy).
const std::vector<std::pair<std::string, std::string>>& SecurityHeaders();

// Parses "host:port" / "[v6]:port" into its parts; kInvalidArgument naming the problem.
Result<std::pair<std::string, int>> ParseListenAddress(const std::string& address);

}  // namespace recount::http
