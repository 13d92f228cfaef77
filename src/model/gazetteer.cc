#include "model/gazetteer.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <memory>
#include <sstream>

#include "base/csv_reader.h"
#include "base/korean/romanize.h"
#include "base/utf8.h"

namespace recount::model {
namespace {

constexpr std::array<std::string_view, 13> kColumns = {
    "id", "kind", "parent_id", "name_en", "hangul_north", "hangul_south", "hanzi",
    "pinyin", "mr", "rr", "aliases", "lat", "lon"};

constexpr std::array<std::pair<PlaceKind, std::string_view>, 8> kKinds = {{
    {PlaceKind::kCountry, "country"},
    {PlaceKind::kProvince, "province"},
    {PlaceKind::kPrefecture, "prefecture"},
    {PlaceKind::kCity, "city"},
    {PlaceKind::kCounty, "county"},
    {PlaceKind::kDistrict, "district"},
    {PlaceKind::kTown, "town"},
    {PlaceKind::kFacility, "facility"},
}};

// Administrative suffixes, after FoldForSearch, longest first within each script.
constexpr std::string_view kHangulSuffixes[] = {"로동자구", "노동자구", "특별시", "직할시",
                                                "특급시", "자치주", "자치현", "구역", "시",
                                                "군", "도", "성", "현", "구", "읍", "리"};
constexpr std::string_view kHanziSuffixes[] = {"朝鲜族自治州", "朝鲜族自治县", "满族自治县",
                                               "自治州", "自治县", "特别市", "直辖市", "市",
                                               "县", "省", "区", "道", "郡"};
constexpr std::string_view kLatinSuffixes[] = {
    " korean autonomous prefecture", " autonomous prefecture", " prefecture", " province",
    " county", " city", " district", " guyok", " kuyok", " sheng", " shi", " xian", " si",
    " gun", " kun", " do", " eup", " up", " ri", " ni", " li"};

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

size_t CodePointCount(std::string_view s) { return ToCodePoints(s).size(); }

// `key` without its administrative suffix, or "" when it has none (or too little would remain).
std::string StripSuffix(std::string_view key) {
  for (std::string_view sfx : kLatinSuffixes) {
    if (EndsWith(key, sfx) && key.size() > sfx.size() + 1) {
      return std::string(key.substr(0, key.size() - sfx.size()));
    }
  }
  for (std::string_view sfx : kHangulSuffixes) {
    if (EndsWith(key, sfx) && CodePointCount(key.substr(0, key.size() - sfx.size())) >= 2) {
      return std::string(Trim(key.substr(0, key.size() - sfx.size())));
    }
  }
  for (std::string_view sfx : kHanziSuffixes) {
    if (EndsWith(key, sfx) && CodePointCount(key.substr(0, key.size() - sfx.size())) >= 2) {
      return std::string(Trim(key.substr(0, key.size() - sfx.size())));
    }
  }
  return "";
}

std::string WithoutSpaces(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != ' ') out += c;
  }
  return out;
}

// The lookup keys of a text with their quality (0 exact, 1 normalised, 2 suffix stripped).
std::vector<std::pair<std::string, int>> LookupKeys(std::string_view text) {
  std::vector<std::pair<std::string, int>> keys;
  const std::string base = FoldForSearch(text);
  if (base.empty()) return keys;
  auto add = [&keys](std::string k, int q) {
    if (k.empty()) return;
    for (auto& [key, quality] : keys) {
      if (key == k) {
        quality = std::min(quality, q);
        return;
      }
    }
    keys.emplace_back(std::move(k), q);
  };
  add(base, 0);
  const std::string south = FoldForSearch(korean::NorthToSouthInitial(base));
  add(south, 1);
  add(WithoutSpaces(base), 1);
  add(WithoutSpaces(south), 1);
  for (const std::string& k : {base, south}) {
    const std::string stripped = StripSuffix(k);
    add(stripped, 2);
    add(WithoutSpaces(stripped), 2);
  }
  return keys;
}

int KindRank(PlaceKind k) { return static_cast<int>(k); }

bool IsSlug(std::string_view id) {
  if (id.empty() || id.front() == '-' || id.back() == '-') return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return false;
  }
  return true;
}

Result<std::optional<double>> ParseCoordinate(std::string_view text, double limit,
                                              const std::string& where) {
  text = Trim(text);
  if (text.empty()) return std::optional<double>();
  double v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || ptr != text.data() + text.size() || !std::isfinite(v) ||
      std::fabs(v) > limit) {
    return InvalidArgument(where + ": '" + std::string(text) +
                           "' is not a coordinate in decimal degrees within +/-" +
                           std::to_string(static_cast<int>(limit)) +
                           "; write e.g. 42.88825 or leave the field empty");
  }
  return std::optional<double>(v);
}

}  // namespace

std::string_view PlaceKindName(PlaceKind kind) {
  for (const auto& [k, name] : kKinds) {
    if (k == kind) return name;
  }
  return "unknown";
}

Result<PlaceKind> ParsePlaceKind(std::string_view name) {
  for (const auto& [k, n] : kKinds) {
    if (n == name) return k;
  }
  std::string valid;
  for (const auto& [k, n] : kKinds) valid += (valid.empty() ? "" : ", ") + std::string(n);
  return InvalidArgument("unknown place kind '" + std::string(name) + "' (valid: " + valid + ")");
}

std::vector<std::string> Place::AllNames() const {
  std::vector<std::string> out;
  auto add = [&out](const std::string& s) {
    if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
  };
  for (const std::string* s : {&name_en, &hangul_north, &hangul_south, &hanzi, &pinyin, &mr, &rr}) {
    add(*s);
  }
  for (const std::string& a : aliases) add(a);
  return out;
}

Result<Gazetteer> Gazetteer::Load(const std::string& path) {
  auto reader = CsvReader::Open(path);
  if (!reader.ok()) return reader.status().WithContext("loading the gazetteer");
  return FromReader(reader->get());
}

Result<Gazetteer> Gazetteer::Parse(std::string_view csv_text, const std::string& name) {
  std::istringstream in{std::string(csv_text)};
  CsvReader reader(&in, name);
  return FromReader(&reader);
}

Result<Gazetteer> Gazetteer::FromReader(CsvReader* reader) {
  Gazetteer g;
  std::vector<int64_t> lines;
  std::vector<std::string> row;
  bool header = true;
  const std::string& name = reader->name();
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader->Next(&row));
    if (!more) break;
    const std::string where = name + ":" + std::to_string(reader->record_line());
    if (header) {
      header = false;
      std::string want;
      for (std::string_view c : kColumns) want += (want.empty() ? "" : ",") + std::string(c);
      bool same = row.size() == kColumns.size();
      for (size_t i = 0; same && i < row.size(); ++i) same = Trim(row[i]) == kColumns[i];
      if (!same) {
        return InvalidArgument(where + ": the header must be exactly '" + want + "'");
      }
      continue;
    }
    if (row.size() != kColumns.size()) {
      return InvalidArgument(where + ": expected " + std::to_string(kColumns.size()) +
                             " fields, found " + std::to_string(row.size()) +
                             " (quote fields that contain commas)");
    }
    Place p;
    p.id = std::string(Trim(row[0]));
    if (!IsSlug(p.id)) {
      return InvalidArgument(where + ": id '" + p.id +
                             "' must be a non-empty slug of a-z, 0-9 and '-' (e.g. kp-hamgyongbuk)");
    }
    auto kind = ParsePlaceKind(Trim(row[1]));
    if (!kind.ok()) return kind.status().WithContext(where + ": field kind");
    p.kind = *kind;
    p.parent_id = std::string(Trim(row[2]));
    p.name_en = std::string(Trim(row[3]));
    p.hangul_north = std::string(Trim(row[4]));
    p.hangul_south = std::string(Trim(row[5]));
    p.hanzi = std::string(Trim(row[6]));
    p.pinyin = std::string(Trim(row[7]));
    p.mr = std::string(Trim(row[8]));
    p.rr = std::string(Trim(row[9]));
    p.aliases = SplitList(row[10], ';');
    ASSIGN_OR_RETURN(p.lat, ParseCoordinate(row[11], 90, where + ": field lat"));
    ASSIGN_OR_RETURN(p.lon, ParseCoordinate(row[12], 180, where + ": field lon"));
    if (p.lat.has_value() != p.lon.has_value()) {
      return InvalidArgument(where + ": give both lat and lon, or neither");
    }
    if (p.AllNames().empty()) {
      return InvalidArgument(where + ": place '" + p.id + "' has no name in any column");
    }
    if (auto it = g.by_id_.find(p.id); it != g.by_id_.end()) {
      return InvalidArgument(where + ": duplicate id '" + p.id + "' (first defined on line " +
                             std::to_string(lines[it->second]) + ")");
    }
    g.by_id_.emplace(p.id, g.places_.size());
    g.places_.push_back(std::move(p));
    lines.push_back(reader->record_line());
  }
  if (header) return InvalidArgument(name + ": empty file; expected a header line");
  // Parents exist and the parent chains end.
  for (size_t i = 0; i < g.places_.size(); ++i) {
    const Place& p = g.places_[i];
    const std::string where = name + ":" + std::to_string(lines[i]);
    if (p.parent_id.empty()) continue;
    if (p.parent_id == p.id) return InvalidArgument(where + ": place '" + p.id + "' is its own parent");
    if (g.by_id_.find(p.parent_id) == g.by_id_.end()) {
      return InvalidArgument(where + ": place '" + p.id + "' has unknown parent_id '" +
                             p.parent_id + "'; add that place or fix the id");
    }
    std::string chain = p.id;
    std::string cur = p.parent_id;
    for (size_t steps = 0; !cur.empty(); ++steps) {
      chain += " -> " + cur;
      if (cur == p.id || steps > g.places_.size()) {
        return InvalidArgument(where + ": parent cycle " + chain);
      }
      cur = g.places_[g.by_id_.at(cur)].parent_id;
    }
  }
  RETURN_IF_ERROR(g.Index());
  return g;
}

Status Gazetteer::Index() {
  for (size_t i = 0; i < places_.size(); ++i) {
    const Place& p = places_[i];
    std::vector<std::string> names = p.AllNames();
    // Romanisations computed from the Hangul, so that lists spelled in any system match even
    // when the CSV gives only one (e.g. "Chongjin" for 청진 via MR without diacritics).
    using korean::RomanizationSystem;
    for (const std::string* h : {&p.hangul_north, &p.hangul_south}) {
      if (h->empty()) continue;
      korean::RomanizeOptions place;
      place.is_place = true;
      for (RomanizationSystem s : {RomanizationSystem::kRevised,
                                   RomanizationSystem::kMcCuneReischauer,
                                   RomanizationSystem::kDprk}) {
        names.push_back(korean::Romanize(*h, s, place));
        names.push_back(korean::Romanize(*h, s));
      }
    }
    for (const std::string& n : names) {
      for (auto& [key, quality] : LookupKeys(n)) AddKey(key, i, quality);
    }
  }
  return Status::Ok();
}

void Gazetteer::AddKey(std::string key, size_t index, int quality) {
  std::vector<Hit>& hits = by_key_[std::move(key)];
  for (Hit& h : hits) {
    if (h.index == index) {
      h.quality = std::min(h.quality, quality);
      return;
    }
  }
  hits.push_back({index, quality});
}

const Place* Gazetteer::Get(std::string_view id) const {
  const auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : &places_[it->second];
}

std::vector<const Place*> Gazetteer::FindAll(std::string_view text) const {
  std::unordered_map<size_t, int> best;  // place index -> best quality
  for (const auto& [key, query_quality] : LookupKeys(text)) {
    const auto it = by_key_.find(key);
    if (it == by_key_.end()) continue;
    for (const Hit& h : it->second) {
      const int q = std::max(query_quality, h.quality);
      auto [pos, inserted] = best.emplace(h.index, q);
      if (!inserted) pos->second = std::min(pos->second, q);
    }
  }
  std::vector<std::pair<size_t, int>> ranked(best.begin(), best.end());
  std::sort(ranked.begin(), ranked.end(), [this](const auto& a, const auto& b) {
    if (a.second != b.second) return a.second < b.second;
    const int ka = KindRank(places_[a.first].kind);
    const int kb = KindRank(places_[b.first].kind);
    if (ka != kb) return ka < kb;
    return a.first < b.first;
  });
  std::vector<const Place*> out;
  out.reserve(ranked.size());
  for (const auto& [index, quality] : ranked) out.push_back(&places_[index]);
  return out;
}

const Place* Gazetteer::Find(std::string_view text) const {
  std::vector<const Place*> all = FindAll(text);
  return all.empty() ? nullptr : all.front();
}

std::vector<std::string> Gazetteer::Ancestors(std::string_view id) const {
  std::vector<std::string> out;
  const Place* p = Get(id);
  // Load() rejected cycles, so this ends; the bound is a second guard.
  while (p != nullptr && !p->parent_id.empty() && out.size() <= places_.size()) {
    out.push_back(p->parent_id);
    p = Get(p->parent_id);
  }
  return out;
}

bool Gazetteer::IsWithin(std::string_view id, std::string_view ancestor_id) const {
  if (Get(id) == nullptr || Get(ancestor_id) == nullptr) return false;
  if (id == ancestor_id) return true;
  for (const std::string& a : Ancestors(id)) {
    if (a == ancestor_id) return true;
  }
  return false;
}

std::string Gazetteer::Label(std::string_view id, std::string_view language) const {
  const Place* p = Get(id);
  if (p == nullptr) return "";
  auto first = [](std::initializer_list<const std::string*> names) {
    for (const std::string* n : names) {
      if (!n->empty()) return *n;
    }
    return std::string();
  };
  if (language == "ko" || language == "ko-KR") {
    return first({&p->hangul_south, &p->hangul_north, &p->name_en, &p->hanzi});
  }
  if (language == "ko-KP") return first({&p->hangul_north, &p->hangul_south, &p->name_en});
  if (language == "zh" || language == "zh-CN") return first({&p->hanzi, &p->name_en});
  return first({&p->name_en, &p->rr, &p->mr, &p->pinyin, &p->hangul_south, &p->hanzi});
}

}  // namespace recount::model
