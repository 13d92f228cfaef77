// Use case: documented counts (`recount stats`): acts and distinct victim records grouped by act
// type, year, place (rolled up to the province), sex and source. These are counts of what the
// lists documented, not estimates of the total (see `recount estimate`).
#pragma once

#include <string>
#include <vector>

#include "base/result.h"
#include "storage/store.h"

namespace recount::app {

struct CountTable {
  std::vector<std::string> dimensions;  // e.g. {"act", "year"}
  struct Row {
    std::vector<std::string> keys;    // codes / ids ("" = unknown)
    std::vector<std::string> labels;  // display labels in the chosen language
    int64_t acts = 0;
    int64_t victims = 0;
  };
  std::vector<Row> rows;
  int64_t total_acts = 0;
  int64_t total_victims = 0;  // distinct victim records in the store
};

// `by` names dimensions: act, year, place, sex, source. `language` is "en" or "ko".
Result<CountTable> CountActs(storage::Store& store, const std::vector<std::string>& by,
                             const std::string& language);

}  // namespace recount::app
