// The web app's static files (web/app/ and the dashboard's scripts), embedded in the binary at
// build time (src/http/CMakeLists.txt, cmake/EmbedFiles.cmake) and served by `recount serve` for
// GET and HEAD requests outside /api/ (docs/web.md).
//
// Contract: "/" and "/index.html" give the app's page; a fixed list of asset names gives the
// assets with their Content-Type; anything else is 404. Paths are looked up in that fixed table,
// never on the file system, so no path (with "..", encoded slashes or anything else) can reach
// a file that is not in the table. Caching: every file carries a strong ETag (a hash of its
// bytes) and `Cache-Control: no-cache`, so browsers revalidate and get 304 when unchanged; a new
// binary with new files is therefore picked up at once.
//
// Thread-safety: the table is built once (thread-safe static) and read-only after.
#pragma once

#include "http/http_types.h"

namespace recount::http {

// The response for a non-API path: the file, 304 when If-None-Match names its ETag, 404 for an
// unknown path, 405 for methods other than GET and HEAD (HEAD gets the headers of GET; the
// server sends no body for HEAD).
Response ServeStatic(const Request& request);

}  // namespace recount::http
