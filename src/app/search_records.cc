#include "app/search_records.h"

#include "app/name_forms.h"
#include "app/places.h"
#include "base/utf8.h"

namespace recount::app {

Result<std::vector<SearchHit>> SearchRecords(storage::Store& store, const std::string& text,
                                             int64_t limit, IdentityReader& identities,
                                             const Viewer& viewer,
                                             const storage::RecordFilter& filter) {
  if (FoldForSearch(text).empty()) {
    return InvalidArgument("give some text to search for (a name or a place, in any script)");
  }
  ASSIGN_OR_RETURN(std::shared_ptr<const PlaceIndex> places, LoadPlaceIndex());
  const std::vector<std::string> name_query = SearchForms(text, /*is_name=*/true);
  const std::vector<std::string> place_query = SearchForms(text, /*is_name=*/false);
  // A query naming a gazetteer place also matches records whose place resolved to it.
  const std::string query_place = places->Resolve(text);

  std::vector<SearchHit> hits;
  storage::RecordFilter scope = filter;
  scope.limit = -1;
  scope.offset = 0;
  scope.after_id = 0;
  ScopeToViewer(viewer, &scope);
  Status s = store.ScanRecords(scope, [&](storage::StoredRecord&& sr) -> Status {
    if (limit >= 0 && static_cast<int64_t>(hits.size()) >= limit) return Status();
    ASSIGN_OR_RETURN(std::optional<model::Identity> read, identities.Read(sr));
    const model::Identity id = read ? std::move(*read) : model::Identity();  // locked: no names
    std::vector<std::string> names = {id.full_name, id.surname + id.given_name,
                                      id.surname + " " + id.given_name};
    names.insert(names.end(), id.name_variants.begin(), id.name_variants.end());
    for (const std::string& n : names) {
      if (Trim(n).empty()) continue;
      if (FormsMatch(name_query, SearchForms(n, /*is_name=*/true))) {
        hits.push_back({std::move(sr), "name"});
        return Status();
      }
    }
    const model::Record& r = sr.record;
    std::vector<std::pair<std::string, std::string>> place_refs = {
        {r.origin_text, r.origin_place_id}};
    for (const model::Act& a : r.acts) place_refs.emplace_back(a.place_text, a.place_id);
    for (const auto& [place_text, place_id] : place_refs) {
      if (!query_place.empty() && place_id == query_place) {
        hits.push_back({std::move(sr), "place"});
        return Status();
      }
      if (!place_text.empty() && FormsMatch(place_query, SearchForms(place_text, false))) {
        hits.push_back({std::move(sr), "place"});
        return Status();
      }
    }
    return Status();
  });
  RETURN_IF_ERROR(s);
  return hits;
}

}  // namespace recount::app
