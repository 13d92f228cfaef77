// docs/openapi.yaml describes exactly the routes of RouteTable(): every route with its method and
// permission is documented, and every documented operation exists.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "http/router.h"
#include "base/source_dir.h"

namespace recount::http {
namespace {

// "METHOD path permission" for every operation in the file (a small reader for this file's
// layout: paths at two spaces, methods at four, x-recount-permission at six).
std::set<std::string> DocumentedOperations() {
  std::ifstream in(SourceDir() + "/docs/openapi.yaml");
  EXPECT_TRUE(in.good());
  std::set<std::string> out;
  std::string line, path, method;
  bool in_paths = false;
  std::smatch m;
  while (std::getline(in, line)) {
    if (line == "paths:") in_paths = true;
    if (!in_paths) continue;
    if (std::regex_match(line, m, std::regex("  (/api/[^:]*):"))) path = m[1];
    if (std::regex_match(line, m, std::regex("    (get|post|put|patch|delete):"))) {
      method = m[1];
      for (char& c : method) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    if (std::regex_match(line, m, std::regex("      x-recount-permission: (.*)"))) {
      out.insert(method + " " + path + " " + std::string(m[1]));
    }
  }
  return out;
}

TEST(OpenApi, DocumentsEveryRouteWithItsPermission) {
  std::set<std::string> routes;
  for (const Route& r : RouteTable()) {
    routes.insert(r.method + " " + r.pattern + " " +
                  (r.is_public ? "public" : std::string(app::PermissionName(*r.permission))));
  }
  std::set<std::string> documented = DocumentedOperations();
  for (const std::string& r : routes) EXPECT_TRUE(documented.count(r)) << "undocumented: " << r;
  for (const std::string& d : documented) EXPECT_TRUE(routes.count(d)) << "no such route: " << d;
}

}  // namespace
}  // namespace recount::http
