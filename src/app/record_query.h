// Use case: the filters of a record list or search as a user gives them (GET /api/records,
// `recount list`, `recount search`), checked and turned into a storage::RecordFilter, so the web
// and the command line filter the same way (docs/http-api.md, "Filters").
//
// The place is a gazetteer id and stands for itself and every place within it at any depth
// (a province finds its cities, counties and detention facilities), through the gazetteer's
// hierarchy (app/places.h). Ages are the victim's age at the time of an act
// (model/victim_age.h): a record matches when one of its acts' possible ages overlaps
// [age_from, age_to]; records with no age information do not match an age filter.
//
// Thread-safe (the gazetteer is loaded once per process).
#pragma once

#include <optional>
#include <string>

#include "app/record_access.h"
#include "base/result.h"
#include "storage/store.h"

namespace recount::app {

struct RecordQuery {
  std::string source;    // "" any
  std::string act;       // act type code, "" any
  std::string sex;       // "" any
  int year_from = 0;     // 0 open
  int year_to = 0;       // 0 open
  std::string place;     // gazetteer id, "" any
  std::optional<int> age_from;
  std::optional<int> age_to;
};

// How the caller names the parameters in error messages ("place" on the web, "--place" on the
// command line).
struct RecordQueryNames {
  std::string place = "place";
  std::string age_from = "age_from";
  std::string age_to = "age_to";
  std::string year_from = "year_from";
  std::string year_to = "year_to";
};

inline constexpr int kMaxFilterAge = 150;

// The store filter for `query`, limited to what `viewer` may see. kInvalidArgument naming the
// parameter for an unknown place id (suggesting the id when the text is a place's name), an age
// outside 0..kMaxFilterAge, or a range whose start is after its end.
Result<storage::RecordFilter> BuildRecordFilter(const RecordQuery& query, const Viewer& viewer,
                                                const RecordQueryNames& names = {});

}  // namespace recount::app
