// Wall-clock helpers. Kept in one place so tests and logs agree on the format.
#pragma once

#include <string>

namespace recount {

// Current UTC time as RFC 3339 with seconds, e.g. "2026-11-29T02:40:00Z".
std::string NowRfc3339();

// `unix_seconds` as RFC 3339 UTC with seconds (same format; such strings sort in time order).
std::string Rfc3339(long long unix_seconds);

// Current Unix time in seconds.
long long NowUnixSeconds();

// Current UTC calendar year.
int CurrentYear();

}  // namespace recount
