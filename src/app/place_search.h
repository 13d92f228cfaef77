// Use case: place type-ahead for the intake form (GET /api/places?q=): gazetteer places any of
// whose names (English, both Hangul forms, Hanzi, pinyin, McCune-Reischauer, Revised
// Romanization, aliases) starts with the typed text, or contains it for 2+ characters; ASCII
// case is ignored. Prefix matches come first, then larger places (country before facility).
// Thread-safe: the gazetteer is loaded once per process (data/gazetteer/places.csv).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace recount::app {

struct PlaceSuggestion {
  std::string id;
  std::string kind;  // "country", "province", ... "facility"
  std::string label_en;
  std::string label_ko;
  std::string matched;  // the name that matched
  std::string within;   // the parent's English label ("" at the top)
};

Result<std::vector<PlaceSuggestion>> SearchPlaces(std::string_view text, size_t limit);

}  // namespace recount::app
