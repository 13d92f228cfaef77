#include "app/record_query.h"

#include "app/places.h"

namespace recount::app {

Result<storage::RecordFilter> BuildRecordFilter(const RecordQuery& q, const Viewer& viewer,
                                                const RecordQueryNames& names) {
  storage::RecordFilter f;
  f.source = q.source;
  f.act_type = q.act;
  f.sex = q.sex;
  if (q.year_from != 0 && q.year_to != 0 && q.year_from > q.year_to) {
    return InvalidArgument(names.year_from + " (" + std::to_string(q.year_from) +
                           ") is after " + names.year_to + " (" + std::to_string(q.year_to) +
                           ")");
  }
  f.year_from = q.year_from;
  f.year_to = q.year_to;
  for (const auto& [name, age] : {std::pair{&names.age_from, q.age_from},
                                  std::pair{&names.age_to, q.age_to}}) {
    if (age && (*age < 0 || *age > kMaxFilterAge)) {
      return InvalidArgument(*name + ": " + std::to_string(*age) +
                             " is not an age; give a whole number of years from 0 to " +
                             std::to_string(kMaxFilterAge));
    }
  }
  if (q.age_from && q.age_to && *q.age_from > *q.age_to) {
    return InvalidArgument(names.age_from + " (" + std::to_string(*q.age_from) +
                           ") is above " + names.age_to + " (" + std::to_string(*q.age_to) + ")");
  }
  f.age_from = q.age_from.value_or(-1);
  f.age_to = q.age_to.value_or(-1);
  if (!q.place.empty()) {
    ASSIGN_OR_RETURN(std::shared_ptr<const PlaceIndex> places, LoadPlaceIndex());
    f.place_ids = places->Within(q.place);
    if (f.place_ids.empty()) {
      std::string hint;
      if (q.place.size() <= 200) {
        if (std::string id = places->Resolve(q.place); !id.empty()) {
          hint = " ('" + q.place + "' is the name of " + id + ": give that id)";
        }
      }
      return InvalidArgument(names.place + ": no gazetteer place has the id '" +
                             q.place.substr(0, 200) + "'" + hint +
                             "; place ids come from the place type-ahead (GET /api/places?q=) "
                             "or data/gazetteer/places.csv");
    }
  }
  ScopeToViewer(viewer, &f);
  return f;
}

}  // namespace recount::app
