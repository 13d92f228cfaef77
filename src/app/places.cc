#include "app/places.h"

#include <mutex>

#include "app/data_dir.h"
#include "base/utf8.h"
#include "model/gazetteer.h"

namespace recount::app {
namespace {

class GazetteerPlaceIndex : public PlaceIndex {
 public:
  explicit GazetteerPlaceIndex(model::Gazetteer g) : g_(std::move(g)) {}

  std::string Resolve(std::string_view text) const override {
    const model::Place* p = g_.Find(text);
    return p == nullptr ? std::string() : p->id;
  }
  bool Known(std::string_view id) const override { return g_.Get(id) != nullptr; }
  std::string Label(std::string_view id, std::string_view language) const override {
    return g_.Get(id) == nullptr ? std::string(id) : g_.Label(id, language);
  }
  std::string Province(std::string_view id) const override {
    // The outermost ancestor below the country level, or the place itself.
    std::string best(id);
    for (const std::string& a : g_.Ancestors(id)) {
      const model::Place* p = g_.Get(a);
      if (p != nullptr && p->kind != model::PlaceKind::kCountry) best = a;
    }
    return best;
  }
  std::vector<std::string> Names(std::string_view id) const override {
    std::vector<std::string> out;
    const model::Place* p = g_.Get(id);
    if (p == nullptr) return out;
    for (const std::string& n : p->AllNames()) out.push_back(FoldForSearch(n));
    return out;
  }
  std::vector<std::string> Within(std::string_view id) const override {
    std::vector<std::string> out;
    for (const model::Place& p : g_.places()) {
      if (g_.IsWithin(p.id, id)) out.push_back(p.id);
    }
    return out;
  }

 private:
  model::Gazetteer g_;
};

}  // namespace

Result<std::shared_ptr<const PlaceIndex>> LoadPlaceIndex() {
  static std::mutex mu;
  static std::shared_ptr<const PlaceIndex> cached;
  std::lock_guard<std::mutex> lock(mu);
  if (cached) return cached;
  ASSIGN_OR_RETURN(model::Gazetteer g,
                   model::Gazetteer::Load(DataDir() + "/gazetteer/places.csv"));
  cached = std::make_shared<GazetteerPlaceIndex>(std::move(g));
  return cached;
}

}  // namespace recount::app
