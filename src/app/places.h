// PlaceIndex: resolves place text in any script to a gazetteer id for the import, search and
// stats use cases. It wraps the gazetteer (model/gazetteer.h) loaded from the data directory.
//
// Immutable after loading; safe to share between threads.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace recount::app {

class PlaceIndex {
 public:
  virtual ~PlaceIndex() = default;
  // The gazetteer id `text` names, or "" when it names no known place.
  virtual std::string Resolve(std::string_view text) const = 0;
  // True if `id` is a gazetteer id.
  virtual bool Known(std::string_view id) const = 0;
  // Display name of a place id in "ko" or "en"; the id itself when unknown.
  virtual std::string Label(std::string_view id, std::string_view language) const = 0;
  // The province (or top-level region below the country) containing `id`, or `id` itself.
  virtual std::string Province(std::string_view id) const = 0;
  // Every name and alias of `id` (for search), folded.
  virtual std::vector<std::string> Names(std::string_view id) const = 0;
  // `id` and the ids of every place within it at any depth, in gazetteer order; empty when
  // `id` is unknown.
  virtual std::vector<std::string> Within(std::string_view id) const = 0;
};

// Loads the gazetteer from the data directory (cached for the process).
Result<std::shared_ptr<const PlaceIndex>> LoadPlaceIndex();

}  // namespace recount::app
