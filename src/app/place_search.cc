#include "app/place_search.h"

#include <algorithm>
#include <memory>
#include <mutex>
#include <tuple>

#include "app/data_dir.h"
#include "model/gazetteer.h"

namespace recount::app {
namespace {

std::string Fold(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Result<std::shared_ptr<const model::Gazetteer>> Gazetteer() {
  static std::mutex mu;
  static std::shared_ptr<const model::Gazetteer> cached;
  std::lock_guard<std::mutex> lock(mu);
  if (!cached) {
    ASSIGN_OR_RETURN(model::Gazetteer g,
                     model::Gazetteer::Load(DataDir() + "/gazetteer/places.csv"));
    cached = std::make_shared<const model::Gazetteer>(std::move(g));
  }
  return cached;
}

}  // namespace

Result<std::vector<PlaceSuggestion>> SearchPlaces(std::string_view text, size_t limit) {
  std::string q = Fold(text);
  while (!q.empty() && q.front() == ' ') q.erase(q.begin());
  while (!q.empty() && q.back() == ' ') q.pop_back();
  if (q.empty()) return std::vector<PlaceSuggestion>();
  ASSIGN_OR_RETURN(std::shared_ptr<const model::Gazetteer> g, Gazetteer());
  struct Hit {
    int rank;  // 0 prefix, 1 contained
    int kind;
    size_t order;
    const model::Place* place;
    std::string matched;
  };
  std::vector<Hit> hits;
  const auto& places = g->places();
  for (size_t i = 0; i < places.size(); ++i) {
    int best = 2;
    std::string matched;
    for (const std::string& name : places[i].AllNames()) {
      size_t at = Fold(name).find(q);
      if (at == std::string::npos) continue;
      int rank = at == 0 ? 0 : 1;
      if (rank == 1 && q.size() < 2) continue;
      if (rank < best) {
        best = rank;
        matched = name;
      }
    }
    if (best < 2) hits.push_back({best, static_cast<int>(places[i].kind), i, &places[i], matched});
  }
  std::sort(hits.begin(), hits.end(), [](const Hit& a, const Hit& b) {
    return std::tie(a.rank, a.kind, a.order) < std::tie(b.rank, b.kind, b.order);
  });
  if (hits.size() > limit) hits.resize(limit);
  std::vector<PlaceSuggestion> out;
  for (const Hit& h : hits) {
    out.push_back({h.place->id, std::string(model::PlaceKindName(h.place->kind)),
                   g->Label(h.place->id, "en"), g->Label(h.place->id, "ko"), h.matched,
                   h.place->parent_id.empty() ? "" : g->Label(h.place->parent_id, "en")});
  }
  return out;
}

}  // namespace recount::app
