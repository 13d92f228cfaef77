#include "http/server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <thread>

namespace recount::http {

struct HttpServer::Impl {
  MHD_Daemon* daemon = nullptr;
  Handler handler;
  BodyKindFn body_kind;
  AdmitFn admit_upload;
  ServerLimits limits;
  int port = 0;
};

namespace {

// Per-request state kept by libmicrohttpd between the calls of one request.
struct Pending {
  Request request;
  bool rejected = false;  // a response was queued before the body was read
  size_t body_limit = 0;  // this request's: JSON or upload (ServerLimits)
};

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

MHD_Result CollectHeader(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto* r = static_cast<Request*>(cls);
  r->headers[Lower(key ? key : "")] = value ? value : "";
  return MHD_YES;
}
MHD_Result CollectQuery(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto* r = static_cast<Request*>(cls);
  r->query[key ? key : ""] = value ? value : "";
  return MHD_YES;
}
MHD_Result CollectCookie(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto* r = static_cast<Request*>(cls);
  r->cookies[key ? key : ""] = value ? value : "";
  return MHD_YES;
}

std::string ClientAddress(MHD_Connection* c) {
  const MHD_ConnectionInfo* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  if (info == nullptr || info->client_addr == nullptr) return "";
  char buf[INET6_ADDRSTRLEN] = {};
  const sockaddr* sa = info->client_addr;
  if (sa->sa_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, buf, sizeof buf);
  } else if (sa->sa_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, buf, sizeof buf);
  }
  return buf;
}

MHD_Result Send(MHD_Connection* c, const Response& r) {
  MHD_Response* resp = MHD_create_response_from_buffer(
      r.body.size(), const_cast<char*>(r.body.data()), MHD_RESPMEM_MUST_COPY);
  if (resp == nullptr) return MHD_NO;
  for (const auto& [k, v] : SecurityHeaders()) MHD_add_response_header(resp, k.c_str(), v.c_str());
  MHD_add_response_header(resp, "Content-Type", r.content_type.c_str());
  for (const auto& [k, v] : r.headers) MHD_add_response_header(resp, k.c_str(), v.c_str());
  MHD_Result ret = MHD_queue_response(c, static_cast<unsigned>(r.status), resp);
  MHD_destroy_response(resp);
  return ret;
}

Response ErrorResponse(int status, const std::string& message) {
  Response r;
  r.status = status;
  std::string escaped;
  for (char ch : message) {
    if (ch == '"' || ch == '\\') escaped += '\\';
    escaped += ch;
  }
  r.body = "{\"error\":{\"status\":" + std::to_string(status) + ",\"message\":\"" + escaped +
           "\"}}";
  r.headers.push_back({"Connection", "close"});
  return r;
}

MHD_Result OnRequest(void* cls, MHD_Connection* c, const char* url, const char* method,
                     const char* version, const char* upload_data, size_t* upload_size,
                     void** state) {
  auto* impl = static_cast<HttpServer::Impl*>(cls);
  auto* p = static_cast<Pending*>(*state);
  if (p == nullptr) {
    // First call: headers are complete, the body has not been read.
    p = new Pending();
    *state = p;
    p->request.method = method ? method : "";
    p->request.path = url ? url : "";
    p->request.client = ClientAddress(c);
    int n = MHD_get_connection_values(c, MHD_HEADER_KIND, CollectHeader, &p->request);
    if (n < 0 || static_cast<size_t>(n) > impl->limits.max_header_count) {
      p->rejected = true;
      return Send(c, ErrorResponse(431, "too many request headers (at most " +
                                            std::to_string(impl->limits.max_header_count) + ")"));
    }
    if (version != nullptr && std::strcmp(version, "HTTP/1.1") == 0 &&
        p->request.Header("host") == nullptr) {
      p->rejected = true;  // RFC 9112 section 3.2: an HTTP/1.1 request without Host is a 400
      return Send(c, ErrorResponse(400, "an HTTP/1.1 request needs a Host header"));
    }
    MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, CollectQuery, &p->request);
    MHD_get_connection_values(c, MHD_COOKIE_KIND, CollectCookie, &p->request);
    const bool upload = impl->body_kind && p->request.method != "GET" &&
                        impl->body_kind(p->request.method, p->request.path) == BodyKind::kUpload;
    p->body_limit = upload ? impl->limits.max_upload_bytes : impl->limits.max_body_bytes;
    if (const std::string* len = p->request.Header("content-length")) {
      char* end = nullptr;
      unsigned long long v = std::strtoull(len->c_str(), &end, 10);
      if (end == len->c_str() || *end != '\0' || v > p->body_limit) {
        p->rejected = true;
        return Send(c, ErrorResponse(
                           413, upload ? "the file is larger than " +
                                             std::to_string(p->body_limit) +
                                             " bytes, the server's upload limit (--max-upload)"
                                       : "the request body is larger than " +
                                             std::to_string(p->body_limit) + " bytes"));
      }
    }
    if (upload && impl->admit_upload) {
      if (std::optional<Response> refusal = impl->admit_upload(p->request)) {
        p->rejected = true;
        refusal->headers.push_back({"Connection", "close"});  // the body is never read
        return Send(c, *refusal);
      }
    }
    return MHD_YES;
  }
  if (*upload_size > 0) {
    if (!p->rejected) {
      if (p->request.body.size() + *upload_size > p->body_limit) {
        // A body without Content-Length (chunked) grew past the limit: libmicrohttpd cannot
        // queue a response in the middle of an upload, so the connection is closed instead of
        // reading the rest.
        p->rejected = true;
        return MHD_NO;
      }
      p->request.body.append(upload_data, *upload_size);
    }
    *upload_size = 0;
    return MHD_YES;
  }
  if (p->rejected) return MHD_YES;  // the error response is already queued
  Response r;
  try {
    r = impl->handler(p->request);
  } catch (const std::exception& e) {
    r = ErrorResponse(500, "internal error; please report it");
  }
  return Send(c, r);
}

void OnCompleted(void*, MHD_Connection*, void** state, MHD_RequestTerminationCode) {
  delete static_cast<Pending*>(*state);
  *state = nullptr;
}

unsigned ThreadCount(const ServerLimits& limits) {
  if (limits.threads != 0) return limits.threads;
  return std::max(2u, std::thread::hardware_concurrency());
}

}  // namespace

const std::vector<std::pair<std::string, std::string>>& SecurityHeaders() {
  static const std::vector<std::pair<std::string, std::string>> kHeaders = {
      {"Content-Security-Policy",
       "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'"},
      {"X-Content-Type-Options", "nosniff"},
      {"X-Frame-Options", "DENY"},
      {"Referrer-Policy", "no-referrer"},
      {"Cross-Origin-Opener-Policy", "same-origin"},
      {"Cross-Origin-Resource-Policy", "same-origin"},
  };
  return kHeaders;
}

Result<std::pair<std::string, int>> ParseListenAddress(const std::string& address) {
  std::string host;
  std::string port;
  if (!address.empty() && address[0] == '[') {
    size_t close = address.find(']');
    if (close == std::string::npos || close + 1 >= address.size() || address[close + 1] != ':') {
      return InvalidArgument("--listen '" + address + "': write an IPv6 address as [::1]:8080");
    }
    host = address.substr(1, close - 1);
    port = address.substr(close + 2);
  } else {
    size_t colon = address.rfind(':');
    if (colon == std::string::npos) {
      return InvalidArgument("--listen '" + address + "' needs HOST:PORT, e.g. 127.0.0.1:8080");
    }
    host = address.substr(0, colon);
    port = address.substr(colon + 1);
  }
  char* end = nullptr;
  long p = std::strtol(port.c_str(), &end, 10);
  if (port.empty() || *end != '\0' || p < 0 || p > 65535) {
    return InvalidArgument("--listen '" + address + "': the port must be a number 0-65535");
  }
  return std::make_pair(host, static_cast<int>(p));
}

Result<std::unique_ptr<HttpServer>> HttpServer::Start(const std::string& address, Handler handler,
                                                      const ServerLimits& limits,
                                                      BodyKindFn body_kind,
                                                      AdmitFn admit_upload) {
  ASSIGN_OR_RETURN(auto hp, ParseListenAddress(address));
  auto impl = std::make_unique<Impl>();
  impl->handler = std::move(handler);
  impl->body_kind = std::move(body_kind);
  impl->admit_upload = std::move(admit_upload);
  impl->limits = limits;
  sockaddr_storage ss{};
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG;
  if (inet_pton(AF_INET, hp.first.c_str(), &reinterpret_cast<sockaddr_in*>(&ss)->sin_addr) == 1) {
    auto* in = reinterpret_cast<sockaddr_in*>(&ss);
    in->sin_family = AF_INET;
    in->sin_port = htons(static_cast<uint16_t>(hp.second));
  } else if (inet_pton(AF_INET6, hp.first.c_str(),
                       &reinterpret_cast<sockaddr_in6*>(&ss)->sin6_addr) == 1) {
    auto* in6 = reinterpret_cast<sockaddr_in6*>(&ss);
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(static_cast<uint16_t>(hp.second));
    flags |= MHD_USE_IPv6;
  } else {
    return InvalidArgument("--listen '" + address +
                           "': the host must be an IP address such as 127.0.0.1 or [::1]");
  }
  impl->daemon = MHD_start_daemon(
      flags, static_cast<uint16_t>(hp.second), nullptr, nullptr, &OnRequest, impl.get(),
      MHD_OPTION_SOCK_ADDR, reinterpret_cast<sockaddr*>(&ss),
      MHD_OPTION_THREAD_POOL_SIZE, ThreadCount(limits),
      MHD_OPTION_CONNECTION_LIMIT, static_cast<unsigned>(limits.max_connections),
      MHD_OPTION_PER_IP_CONNECTION_LIMIT, static_cast<unsigned>(limits.max_connections_per_client),
      MHD_OPTION_CONNECTION_TIMEOUT, static_cast<unsigned>(limits.idle_timeout_seconds),
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, static_cast<size_t>(limits.connection_memory),
      MHD_OPTION_NOTIFY_COMPLETED, &OnCompleted, nullptr,
      MHD_OPTION_END);
  if (impl->daemon == nullptr) {
    return FailedPrecondition("cannot listen on " + address +
                              ": the port is in use or not allowed; choose another with --listen");
  }
  const MHD_DaemonInfo* info = MHD_get_daemon_info(impl->daemon, MHD_DAEMON_INFO_BIND_PORT);
  impl->port = info ? info->port : hp.second;
  return std::unique_ptr<HttpServer>(new HttpServer(std::move(impl)));
}

HttpServer::HttpServer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpServer::~HttpServer() { Stop(); }

int HttpServer::port() const { return impl_->port; }

void HttpServer::Stop() {
  if (impl_ && impl_->daemon) {
    MHD_stop_daemon(impl_->daemon);
    impl_->daemon = nullptr;
  }
}

}  // namespace recount::http
