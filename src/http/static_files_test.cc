#include "http/static_files.h"

#include <gtest/gtest.h>

#include <string>

namespace recount::http {
namespace {

Request Get(const std::string& path) {
  Request r;
  r.method = "GET";
  r.path = path;
  return r;
}

std::string HeaderOf(const Response& r, const std::string& name) {
  for (const auto& [k, v] : r.headers) {
    if (k == name) return v;
  }
  return "";
}

TEST(StaticFilesTest, ServesTheAppAndItsAssetsWithTheirTypes) {
  struct Case {
    const char* path;
    const char* type_prefix;
    const char* contains;
  } cases[] = {
      {"/", "text/html", "<script src=\"/app.js\""},
      {"/index.html", "text/html", "<html"},
      {"/app.js", "text/javascript", "RecountApp"},
      {"/app.css", "text/css", "@media print"},
      {"/dashboard.js", "text/javascript", "renderDashboard"},
      {"/dashboard.css", "text/css", ".rc-"},
      {"/vendor/d3.min.js", "text/javascript", "d3"},
      {"/vendor/plot.umd.min.js", "text/javascript", "Plot"},
  };
  for (const Case& c : cases) {
    Response r = ServeStatic(Get(c.path));
    SCOPED_TRACE(c.path);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type.rfind(c.type_prefix, 0), 0u) << r.content_type;
    EXPECT_NE(r.body.find(c.contains), std::string::npos);
    EXPECT_EQ(HeaderOf(r, "Cache-Control"), "no-cache");
    EXPECT_EQ(HeaderOf(r, "ETag").front(), '"');
  }
}

TEST(StaticFilesTest, AnUnchangedFileIsNotSentAgain) {
  Response first = ServeStatic(Get("/app.js"));
  Request again = Get("/app.js");
  again.headers["if-none-match"] = HeaderOf(first, "ETag");
  Response r = ServeStatic(again);
  EXPECT_EQ(r.status, 304);
  EXPECT_TRUE(r.body.empty());
  again.headers["if-none-match"] = "\"0000000000000000\"";
  EXPECT_EQ(ServeStatic(again).status, 200);
}

TEST(StaticFilesTest, UnknownPathsAndTraversalAre404) {
  for (const char* p : {"/nothing.js", "/../etc/passwd", "/vendor/../app.js", "/vendor/",
                        "/app.js/", "//app.js", "/APP.JS", "/app.js%00", "/etc/passwd"}) {
    Response r = ServeStatic(Get(p));
    EXPECT_EQ(r.status, 404) << p;
    EXPECT_EQ(r.body.find("root:"), std::string::npos);
  }
}

TEST(StaticFilesTest, OnlyGetAndHead) {
  Request head = Get("/");
  head.method = "HEAD";
  EXPECT_EQ(ServeStatic(head).status, 200);
  Request post = Get("/");
  post.method = "POST";
  Response r = ServeStatic(post);
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(HeaderOf(r, "Allow"), "GET, HEAD");
}

}  // namespace
}  // namespace recount::http
