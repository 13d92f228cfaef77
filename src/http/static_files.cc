#include "http/static_files.h"

#include <cstdint>
#include <cstdio>
#include <string_view>
#include <vector>

#include "report/web_assets.h"

namespace recount::http {
namespace app_assets {  // generated: build/src/http/web_app_data.cc
std::string_view AppIndexHtml();
std::string_view AppJs();
std::string_view AppCss();
}  // namespace app_assets

namespace {

struct StaticFile {
  std::string_view path;
  std::string_view content_type;
  std::string_view bytes;
  std::string etag;
};

// FNV-1a, 64 bits: enough to tell versions of a file apart (not a security property).
std::string Etag(std::string_view bytes) {
  uint64_t h = 1469598103934665603ull;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

const std::vector<StaticFile>& Files() {
  static const std::vector<StaticFile> kFiles = [] {
    constexpr std::string_view kHtml = "text/html; charset=utf-8";
    constexpr std::string_view kJs = "text/javascript; charset=utf-8";
    constexpr std::string_view kCss = "text/css; charset=utf-8";
    std::vector<StaticFile> f = {
        {"/", kHtml, app_assets::AppIndexHtml(), ""},
        {"/index.html", kHtml, app_assets::AppIndexHtml(), ""},
        {"/app.js", kJs, app_assets::AppJs(), ""},
        {"/app.css", kCss, app_assets::AppCss(), ""},
        {"/dashboard.js", kJs, report::assets::DashboardJs(), ""},
        {"/dashboard.css", kCss, report::assets::DashboardCss(), ""},
        {"/vendor/d3.min.js", kJs, report::assets::D3Js(), ""},
        {"/vendor/plot.umd.min.js", kJs, report::assets::PlotJs(), ""},
    };
    for (StaticFile& s : f) s.etag = Etag(s.bytes);
    return f;
  }();
  return kFiles;
}

Response Plain(int status, std::string body) {
  Response r;
  r.status = status;
  r.content_type = "text/plain; charset=utf-8";
  r.body = std::move(body);
  r.headers.push_back({"Cache-Control", "no-store"});
  return r;
}

}  // namespace

Response ServeStatic(const Request& request) {
  if (request.method != "GET" && request.method != "HEAD") {
    Response r = Plain(405, request.method + " is not allowed on " + request.path + "\n");
    r.headers.push_back({"Allow", "GET, HEAD"});
    return r;
  }
  for (const StaticFile& f : Files()) {
    if (f.path != request.path) continue;
    Response r;
    r.content_type = std::string(f.content_type);
    r.headers.push_back({"ETag", f.etag});
    r.headers.push_back({"Cache-Control", "no-cache"});
    const std::string* inm = request.Header("if-none-match");
    if (inm != nullptr && inm->find(f.etag) != std::string::npos) {
      r.status = 304;
      return r;
    }
    r.body = std::string(f.bytes);
    return r;
  }
  return Plain(404, "no such page: " + request.path + "\n");
}

}  // namespace recount::http
