#include "linkage/normalize.h"

#include <algorithm>
#include <unordered_map>

#include "base/utf8.h"

namespace recount::linkage {

std::string SortTokens(std::string_view folded) {
  std::vector<std::string_view> tokens;
  size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && folded[i] == ' ') ++i;
    size_t j = i;
    while (j < folded.size() && folded[j] != ' ') ++j;
    if (j > i) tokens.push_back(folded.substr(i, j - i));
    i = j;
  }
  std::sort(tokens.begin(), tokens.end());
  std::string out;
  for (auto t : tokens) {
    if (!out.empty()) out += ' ';
    out += t;
  }
  return out;
}

std::string PhoneticKey(std::string_view s) {
  // Soundex classes for a..z; 0 = vowel-like (dropped, but separates repeats), 7 = h/w (ignored).
  static constexpr char kClass[27] = "01230127022455012623017202";
  std::string key;
  char last = 0;
  for (unsigned char c : s) {
    if (c == ' ') continue;
    if (c >= 0x80 || !((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
      if (key.empty()) key.push_back(static_cast<char>(c));
      if (key.size() >= 4) break;
      continue;
    }
    if (c >= '0' && c <= '9') continue;
    char cls = kClass[c - 'a'];
    if (key.empty()) {
      key.push_back(static_cast<char>(c));
      last = cls;
      continue;
    }
    if (cls == '7') continue;
    if (cls != '0' && cls != last) key.push_back(cls);
    last = cls;
    if (key.size() >= 4) break;
  }
  return key;
}

namespace {

std::string Join(const std::vector<std::string>& variants) {
  std::string out;
  for (size_t k = 0; k < variants.size(); ++k) {
    const std::string& v = variants[k];
    if (v.empty()) continue;
    if (std::find(variants.begin(), variants.begin() + k, v) != variants.begin() + k) continue;
    if (!out.empty()) out += '|';
    out += v;
  }
  return out;
}

std::vector<std::string> FoldAll(const std::vector<std::string>& in, bool sort_tokens,
                                 const std::vector<std::unique_ptr<NameStage>>* stages) {
  std::vector<std::string> out;
  out.reserve(in.size());
  for (const auto& s : in) {
    std::string f = FoldForSearch(s);
    if (!f.empty()) out.push_back(std::move(f));
  }
  if (stages != nullptr) {
    for (const auto& st : *stages) st->Apply(&out);
  }
  for (auto& s : out) {
    std::replace(s.begin(), s.end(), '|', ' ');
    if (sort_tokens) s = SortTokens(s);
  }
  return out;
}

std::string FirstVariant(std::string_view joined) {
  size_t bar = joined.find('|');
  return std::string(bar == std::string_view::npos ? joined : joined.substr(0, bar));
}

}  // namespace

Prepared Prepare(const std::vector<Record>& records, const Schema& schema,
                 const std::vector<std::unique_ptr<NameStage>>& stages) {
  Prepared p;
  const size_t n = records.size();
  bool has_surname = schema.has_surname, has_given = schema.has_given;
  bool use_full = schema.has_full_name && !(has_surname && has_given);
  if (has_surname) p.fields.push_back({"surname", CompareKind::kName});
  if (has_given) p.fields.push_back({"given_name", CompareKind::kName});
  if (use_full) p.fields.push_back({"full_name", CompareKind::kName});
  if (schema.has_sex) p.fields.push_back({"sex", CompareKind::kExact});
  if (schema.has_birth) p.fields.push_back({"birth_date", CompareKind::kDate});
  if (schema.has_place) p.fields.push_back({"place", CompareKind::kString});
  for (const auto& o : schema.other) {
    CompareKind k = o.kind == FieldKind::kExact       ? CompareKind::kExact
                    : o.kind == FieldKind::kNumber    ? CompareKind::kNumber
                    : o.kind == FieldKind::kSet       ? CompareKind::kSet
                    : o.kind == FieldKind::kNumberSet ? CompareKind::kNumberSet
                    : o.kind == FieldKind::kPlaceSet  ? CompareKind::kPlaceSet
                                                      : CompareKind::kString;
    p.fields.push_back({o.name, k});
  }
  const size_t nf = p.fields.size();
  p.text.assign(nf, {});
  p.tf.assign(nf, {});
  for (size_t f = 0; f < nf; ++f) {
    if (p.fields[f].kind == CompareKind::kDate) {
      p.date_field = static_cast<int>(f);
    } else {
      p.text[f].resize(n);
    }
    if (p.fields[f].name == "surname") p.surname_field = static_cast<int>(f);
    if (p.fields[f].name == "given_name") p.given_field = static_cast<int>(f);
  }
  if (p.date_field >= 0) p.birth.resize(n);
  p.ids.resize(n);
  p.source.resize(n);
  p.surname_key.resize(n);
  p.given_key.resize(n);
  p.name_keys.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const Record& r = records[i];
    p.ids[i] = r.id;
    p.source[i] = r.source;
    size_t f = 0;
    if (has_surname) p.text[f++][i] = Join(FoldAll(r.surnames, false, &stages));
    if (has_given) p.text[f++][i] = Join(FoldAll(r.given_names, false, &stages));
    if (use_full) p.text[f++][i] = Join(FoldAll(r.full_names, true, &stages));
    if (schema.has_sex) {
      std::string s = FoldForSearch(r.sex);
      if (s == "f" || s == "female" || s == "woman" || s == "여" || s == "여자" || s == "여성") {
        s = "f";
      } else if (s == "m" || s == "male" || s == "man" || s == "남" || s == "남자" ||
                 s == "남성") {
        s = "m";
      } else {
        s.clear();
      }
      p.text[f++][i] = s;
    }
    if (schema.has_birth) p.birth[i] = r.birth, ++f;
    if (schema.has_place) p.text[f++][i] = Join(FoldAll(r.places, false, nullptr));
    for (size_t o = 0; o < schema.other.size(); ++o, ++f) {
      if (o >= r.other.size()) continue;
      const FieldKind kind = schema.other[o].kind;
      if (kind == FieldKind::kSet || kind == FieldKind::kNumberSet || kind == FieldKind::kPlaceSet) {
        // Fold item by item (folding drops the '|' separators), sorted and unique.
        std::vector<std::string> items;
        ForEachVariant(r.other[o], [&](std::string_view v) {
          std::string folded = FoldForSearch(v);
          if (!folded.empty()) items.push_back(std::move(folded));
        });
        std::sort(items.begin(), items.end());
        items.erase(std::unique(items.begin(), items.end()), items.end());
        p.text[f][i] = Join(items);
      } else {
        p.text[f][i] = FoldForSearch(r.other[o]);
      }
    }
    // Keys for blocking: the first variant, or the last token of a full name.
    std::string sur = p.surname_field >= 0 ? FirstVariant(p.text[p.surname_field][i]) : "";
    std::string giv = p.given_field >= 0 ? FirstVariant(p.text[p.given_field][i]) : "";
    if (use_full && (sur.empty() || giv.empty())) {
      std::string full = FirstVariant(p.text[has_surname + has_given][i]);
      size_t sp = full.find(' ');
      if (sur.empty()) sur = full.substr(sp == std::string::npos ? 0 : sp + 1);
      if (giv.empty()) giv = full.substr(0, sp);
    }
    p.surname_key[i] = PhoneticKey(sur);
    p.given_key[i] = PhoneticKey(giv);
    // Keys of every variant (the first kKeyVariants of each field).
    auto firsts = [](std::string_view joined) {
      std::vector<std::string> out;
      ForEachVariant(joined, [&](std::string_view v) {
        if (out.size() < kKeyVariants) out.emplace_back(v);
      });
      return out;
    };
    auto& keys = p.name_keys[i];
    auto add_key = [&keys](std::string s, std::string g) {
      std::pair<std::string, std::string> k{PhoneticKey(s), PhoneticKey(g)};
      if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(std::move(k));
    };
    if (!use_full) {
      std::vector<std::string> ss = p.surname_field >= 0 ? firsts(p.text[p.surname_field][i])
                                                         : std::vector<std::string>{};
      std::vector<std::string> gs = p.given_field >= 0 ? firsts(p.text[p.given_field][i])
                                                       : std::vector<std::string>{};
      if (ss.empty()) ss.push_back("");
      if (gs.empty()) gs.push_back("");
      for (const auto& s : ss) {
        for (const auto& g : gs) add_key(s, g);
      }
    } else {
      for (const std::string& full : firsts(p.text[has_surname + has_given][i])) {
        size_t sp = full.find(' ');
        add_key(full.substr(sp == std::string::npos ? 0 : sp + 1), full.substr(0, sp));
      }
    }
  }
  // Term frequencies of name values (first variant).
  for (size_t f = 0; f < nf; ++f) {
    if (p.fields[f].kind != CompareKind::kName || n == 0) continue;
    std::unordered_map<std::string, int> counts;
    for (size_t i = 0; i < n; ++i) {
      if (!p.text[f][i].empty()) ++counts[FirstVariant(p.text[f][i])];
    }
    size_t nonempty = 0;
    for (auto& kv : counts) nonempty += kv.second;
    p.tf[f].assign(n, 0.0f);
    for (size_t i = 0; i < n; ++i) {
      if (p.text[f][i].empty()) continue;
      p.tf[f][i] = static_cast<float>(counts[FirstVariant(p.text[f][i])]) /
                   static_cast<float>(std::max<size_t>(nonempty, 1));
    }
  }
  return p;
}

}  // namespace recount::linkage
