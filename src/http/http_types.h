// The request and response values the HTTP layer passes between the server (server.h), the router
// (router.h) and the handlers (api_*.cc). Plain values: the server fills a Request from the
// wire, a handler returns a Response, the server writes it. Header names are lower case.
//
// Thread-safety: plain values.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace recount::http {

// What a route's request body is, which decides its size limit (server.h, ServerLimits): JSON
// (max_body_bytes) or a file upload (max_upload_bytes).
enum class BodyKind { kJson, kUpload };

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string path;    // decoded path, without the query
  std::map<std::string, std::string> query;    // decoded query arguments (last one wins)
  std::map<std::string, std::string> headers;  // lower-case names
  std::map<std::string, std::string> cookies;
  std::string body;
  std::string client;  // client address (the proxy's when behind one, see --trust-proxy)

  const std::string* Header(const std::string& lower_name) const {
    auto it = headers.find(lower_name);
    return it == headers.end() ? nullptr : &it->second;
  }
  std::string Query(const std::string& name, const std::string& fallback = "") const {
    auto it = query.find(name);
    return it == query.end() ? fallback : it->second;
  }
};

struct Response {
  int status = 200;
  std::string content_type = "application/json; charset=utf-8";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;  // added to the security headers
};

}  // namespace recount::http
