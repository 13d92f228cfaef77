// Gazetteer: the places testimonies name (countries, provinces, prefectures, cities, counties,
// districts, towns and detention facilities in North Korea and China), each with its names in
// every script and its containing place. Shipped as data/gazetteer/places.csv; the format, the
// sources and how lookup works are in docs/gazetteer.md.
//
// Lookup (Find) accepts a name or alias in any script or romanisation: text is compared after
// FoldForSearch (case, accents, apostrophes, hyphens and spacing do not matter), after the
// South Korean initial-sound rule (량강도 = 양강도, 룡정 = 용정), with or without spaces
// ("Hamgyong-bukto" = "Hamgyongbukto"), and with or without a trailing administrative suffix
// (시 군 도 성 현 구역 市 县 省 -si -gun -do city county province ...).
//
// Immutable after loading; safe to share between threads. Pointers returned stay valid for the
// lifetime of the Gazetteer (moving it keeps them valid: places live in a vector that is moved).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"

namespace recount {
class CsvReader;
}

namespace recount::model {

enum class PlaceKind { kCountry, kProvince, kPrefecture, kCity, kCounty, kDistrict, kTown, kFacility };

// "country", "province", ... as written in places.csv.
std::string_view PlaceKindName(PlaceKind kind);
// The kind named `name`, or an error listing the valid kinds.
Result<PlaceKind> ParsePlaceKind(std::string_view name);

struct Place {
  std::string id;         // stable slug, e.g. "cn-jilin-yanbian-yanji"
  PlaceKind kind = PlaceKind::kCity;
  std::string parent_id;  // the containing place; empty for a top-level place
  std::string name_en;
  std::string hangul_north;  // North Korean / Yanbian Korean form (연길, 량강도)
  std::string hangul_south;  // South Korean form (옌지, 양강도)
  std::string hanzi;
  std::string pinyin;
  std::string mr;  // McCune-Reischauer of hangul_north
  std::string rr;  // Revised Romanization of hangul_south
  std::vector<std::string> aliases;
  std::optional<double> lat;
  std::optional<double> lon;

  // Every non-empty name and alias, in column order, without duplicates.
  std::vector<std::string> AllNames() const;
};

class Gazetteer {
 public:
  Gazetteer() = default;

  // Reads places.csv. Errors name the file and line: wrong header, wrong field count, bad id,
  // unknown kind, duplicate id, unknown parent, a parent cycle, bad coordinates, a place with
  // no name.
  static Result<Gazetteer> Load(const std::string& path);
  // Same, from CSV text; `name` is used in messages.
  static Result<Gazetteer> Parse(std::string_view csv_text, const std::string& name);

  // The place with this id, or nullptr.
  const Place* Get(std::string_view id) const;

  // The best place `text` names, or nullptr. Ties are broken by match quality (exact before
  // normalised before suffix-stripped), then by kind (country first, facility last), then by
  // file order.
  const Place* Find(std::string_view text) const;
  // Every place `text` may name, best first (e.g. "Jilin": the province, then the city).
  std::vector<const Place*> FindAll(std::string_view text) const;

  // Ids of the containing places, parent first, up to the top level; empty for an unknown id.
  std::vector<std::string> Ancestors(std::string_view id) const;
  // True if `id` is `ancestor_id` or lies (transitively) within it.
  bool IsWithin(std::string_view id, std::string_view ancestor_id) const;

  // Display name: "ko" -> South Korean Hangul, "ko-KP" -> North Korean Hangul, "zh" -> Hanzi,
  // "en" (and anything else) -> English; falls back to another name when that one is empty.
  // Empty for an unknown id.
  std::string Label(std::string_view id, std::string_view language) const;

  const std::vector<Place>& places() const { return places_; }
  size_t size() const { return places_.size(); }

 private:
  struct Hit {
    size_t index;
    int quality;  // 0 exact, 1 normalised, 2 suffix stripped
  };
  static Result<Gazetteer> FromReader(CsvReader* reader);
  Status Index();
  void AddKey(std::string key, size_t index, int quality);

  std::vector<Place> places_;
  std::unordered_map<std::string, size_t> by_id_;
  std::unordered_map<std::string, std::vector<Hit>> by_key_;
};

}  // namespace recount::model
