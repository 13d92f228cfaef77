// Wall-clock helpers. Kept in one place so tests and logs agree on the format.
#pragma once

#include <string>

namespace recount {

// Current UTC time as RFC 3339 with seconds, e.g. "2026-11-29T02:40:00Z".
std::string NowRfc3339();

// Current UTC calendar year.
int CurrentYear();

}  // namespace recount
