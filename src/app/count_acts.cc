#include "app/count_acts.h"

#include <map>

#include "app/data_dir.h"
#include "app/places.h"
#include "model/vocabulary.h"

namespace recount::app {

Result<CountTable> CountActs(storage::Store& store, const std::vector<std::string>& by,
                             const std::string& language) {
  std::vector<storage::Dimension> dims;
  for (const std::string& d : by) {
    if (d == "act") {
      dims.push_back(storage::Dimension::kAct);
    } else if (d == "year") {
      dims.push_back(storage::Dimension::kYear);
    } else if (d == "place") {
      dims.push_back(storage::Dimension::kPlace);
    } else if (d == "sex") {
      dims.push_back(storage::Dimension::kSex);
    } else if (d == "source") {
      dims.push_back(storage::Dimension::kSource);
    } else {
      return InvalidArgument("cannot count by '" + d + "'; use act, year, place, sex or source");
    }
  }
  if (language != "en" && language != "ko") {
    return InvalidArgument("language must be en or ko");
  }
  ASSIGN_OR_RETURN(model::Vocabularies vocab, model::Vocabularies::Load(DataDir()));
  ASSIGN_OR_RETURN(std::shared_ptr<const PlaceIndex> places, LoadPlaceIndex());
  ASSIGN_OR_RETURN(auto rows, store.CountActs(dims));

  CountTable table;
  table.dimensions = by;
  // Places roll up to provinces, so rows with the same keys after roll-up are merged. Victim
  // counts of merged rows are added, which can count a victim twice if she suffered acts in two
  // places of the same province; the total below is exact.
  std::map<std::vector<std::string>, CountTable::Row> merged;
  for (const storage::CountRow& r : rows) {
    CountTable::Row out;
    for (size_t i = 0; i < dims.size(); ++i) {
      std::string key = r.keys[i];
      std::string label = key.empty() ? (language == "ko" ? "(미상)" : "(unknown)") : key;
      switch (dims[i]) {
        case storage::Dimension::kAct:
          if (!key.empty()) label = vocab.act_types.Label(key, language);
          break;
        case storage::Dimension::kSex:
          if (!key.empty()) label = vocab.sexes.Label(key, language);
          break;
        case storage::Dimension::kPlace:
          if (!key.empty() && places->Known(key)) {
            key = places->Province(key);
            label = places->Label(key, language);
          }
          break;
        default:
          break;
      }
      out.keys.push_back(key);
      out.labels.push_back(label);
    }
    CountTable::Row& slot = merged[out.keys];
    if (slot.keys.empty()) {
      slot.keys = out.keys;
      slot.labels = out.labels;
    }
    slot.acts += r.acts;
    slot.victims += r.victims;
    table.total_acts += r.acts;
  }
  for (auto& [keys, row] : merged) table.rows.push_back(std::move(row));
  ASSIGN_OR_RETURN(table.total_victims, store.CountRecords({}));
  return table;
}

}  // namespace recount::app
