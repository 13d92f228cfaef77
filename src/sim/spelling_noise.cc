#include "sim/spelling_noise.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

#include "base/korean/romanize.h"
#include "base/utf8.h"
#include "sim/population.h"

namespace recount::sim {

namespace {

constexpr int kMcCuneReischauer = 1;
constexpr int kDprk = 3;
constexpr int kMcCuneAscii = 2;
constexpr int kCommonSpelling = 5;

std::string Capitalize(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

std::string Lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

std::string Upper(std::string s) {
  for (char& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

SpellingNoise::SpellingNoise(const NameModel& names, RomanizeFn romanize)
    : names_(names), romanize_(romanize) {}

std::string SpellingNoise::AdHoc(std::string_view syllable, Rng& rng) {
  // Spellings seen in passports and NGO lists for the same syllable.
  struct Sub {
    std::string_view from, to;
  };
  static constexpr Sub kSubs[] = {
      {"un", "oon"}, {"u", "oo"},   {"ui", "ee"}, {"hui", "hee"}, {"i", "ee"},
      {"eu", "u"},   {"eo", "u"},   {"eo", "o"},  {"ae", "ai"},   {"g", "k"},
      {"j", "ch"},   {"yeo", "yo"}, {"wo", "wu"}, {"ch'", "ch"},  {"k'", "kh"},
  };
  std::string s(syllable);
  std::string lower = Lower(s);
  // Try a few substitutions at random; apply the first that matches.
  for (int attempt = 0; attempt < 4; ++attempt) {
    const Sub& sub = kSubs[rng.Below(sizeof(kSubs) / sizeof(kSubs[0]))];
    size_t pos = lower.find(sub.from);
    if (pos == std::string::npos) continue;
    // Initial-consonant swaps (g->k, j->ch) only at the start of the syllable.
    if ((sub.from == "g" || sub.from == "j") && pos != 0) continue;
    lower.replace(pos, sub.from.size(), sub.to);
    break;
  }
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') lower = Capitalize(lower);
  return lower;
}

std::string SpellingNoise::Typo(std::string_view s, Rng& rng) {
  std::u32string cps = ToCodePoints(s);
  if (cps.empty()) return std::string(s);
  // Choose a position holding a letter or syllable.
  std::vector<size_t> positions;
  for (size_t i = 0; i < cps.size(); ++i) {
    char32_t c = cps[i];
    if ((c < 128 && IsAsciiLetter(static_cast<char>(c))) || (c >= 0xAC00 && c <= 0xD7A3)) {
      positions.push_back(i);
    }
  }
  if (positions.empty()) return std::string(s);
  const size_t i = positions[rng.Below(positions.size())];
  char32_t c = cps[i];
  if (c >= 0xAC00 && c <= 0xD7A3) {
    const int index = static_cast<int>(c - 0xAC00);
    int l = index / (21 * 28), v = (index / 28) % 21, t = index % 28;
    // Confusable vowels: ae/e, eo/o, u/eu, ui/i, yeo/yo.
    static constexpr int kPairs[][2] = {{1, 5}, {4, 8}, {13, 18}, {19, 20}, {6, 12}};
    bool changed = false;
    if (t != 0 && rng.Bernoulli(0.3)) {
      t = 0;
      changed = true;
    } else {
      for (const auto& pr : kPairs) {
        if (v == pr[0] || v == pr[1]) {
          v = v == pr[0] ? pr[1] : pr[0];
          changed = true;
          break;
        }
      }
    }
    if (!changed) {
      if (t != 0) {
        t = 0;
      } else {
        t = 4;  // add final ㄴ
      }
    }
    cps[i] = static_cast<char32_t>(0xAC00 + (l * 21 + v) * 28 + t);
    return FromCodePoints(cps);
  }
  switch (rng.Below(4)) {
    case 0:  // drop
      if (cps.size() > 2) cps.erase(i, 1);
      break;
    case 1:  // double
      cps.insert(i, 1, c);
      break;
    case 2:  // swap with the next letter
      if (i + 1 < cps.size() && cps[i + 1] < 128 && IsAsciiLetter(static_cast<char>(cps[i + 1]))) {
        std::swap(cps[i], cps[i + 1]);
      } else if (cps.size() > 2) {
        cps.erase(i, 1);
      }
      break;
    default: {  // confusable letter
      static constexpr std::string_view kFrom = "aeioukgbpdtjcsnmlr";
      static constexpr std::string_view kTo = "eaeuoogpbtdcjzmnrl";
      const bool upper = c >= 'A' && c <= 'Z';
      char lc = static_cast<char>(upper ? c - 'A' + 'a' : c);
      size_t p = kFrom.find(lc);
      if (p != std::string_view::npos) lc = kTo[p];
      cps[i] = static_cast<char32_t>(upper ? lc - 'a' + 'A' : lc);
      break;
    }
  }
  return FromCodePoints(cps);
}

std::string SpellingNoise::Romanized(const KoreanName& n, int system, const RenderStyle& style,
                                     Rng& rng) const {
  const bool north = system == kDprk || (system == kMcCuneReischauer && rng.Bernoulli(0.5));
  std::string surname = romanize_(names_.Surname(n, north), system, true);
  std::string g1 = Lower(romanize_(names_.GivenSyllable(n, 1, north), system, true));
  std::string g2 = Lower(romanize_(names_.GivenSyllable(n, 2, north), system, true));
  if (rng.Bernoulli(0.2)) g1 = AdHoc(g1, rng);
  if (rng.Bernoulli(0.2)) g2 = AdHoc(g2, rng);
  surname = Capitalize(surname);
  if (rng.Bernoulli(style.upper_surname)) surname = Upper(surname);
  std::string given;
  const double u = rng.Uniform();
  if (u < style.given_hyphen) {
    given = Capitalize(g1) + "-" + g2;
  } else if (u < style.given_hyphen + style.given_space) {
    given = Capitalize(g1) + " " + Capitalize(g2);
  } else {
    given = Capitalize(g1 + g2);
  }
  if (rng.Bernoulli(style.western_order)) return given + " " + surname;
  return surname + " " + given;
}

RenderedName SpellingNoise::Name(const KoreanName& n, const RenderStyle& style, Rng& rng) const {
  RenderedName out;
  if (rng.Bernoulli(style.name_missing)) return out;
  const auto script = static_cast<NameScript>(PickIndex(style.name_script, rng));
  const bool have_romanizer = romanize_ != nullptr;
  if (script == NameScript::kRomanized && have_romanizer) {
    const int system = static_cast<int>(PickIndex(style.romanization, rng));
    // Split form: romanise the parts; whole form: keep the source's word order.
    const bool north = system == kDprk;
    out.surname = Capitalize(romanize_(names_.Surname(n, north), system, true));
    std::string g1 = Lower(romanize_(names_.GivenSyllable(n, 1, north), system, true));
    std::string g2 = Lower(romanize_(names_.GivenSyllable(n, 2, north), system, true));
    out.given = style.given_hyphen > 0.5 ? Capitalize(g1) + "-" + g2 : Capitalize(g1 + g2);
    out.full = Romanized(n, system, style, rng);
  } else {
    const bool north = script == NameScript::kHangulNorth;
    out.surname = names_.Surname(n, north);
    out.given = names_.Given(n, north);
    out.full = out.surname + out.given;
    if (rng.Bernoulli(0.05)) out.full = out.surname + " " + out.given;
  }
  if (rng.Bernoulli(style.name_typo)) {
    // The typo falls in the given name or the surname; the full name shows the same typo.
    if (rng.Bernoulli(0.7)) {
      std::string typo = Typo(out.given, rng);
      size_t pos = out.full.find(out.given);
      if (pos != std::string::npos) out.full.replace(pos, out.given.size(), typo);
      out.given = typo;
    } else {
      out.full = Typo(out.full, rng);
    }
  }
  if (rng.Bernoulli(style.name_variant)) {
    // Another spelling the witness gave: the other Hangul form or another romanisation.
    if (have_romanizer && rng.Bernoulli(0.6)) {
      out.variant = Romanized(n, rng.Bernoulli(0.5) ? kMcCuneAscii : kCommonSpelling, style, rng);
    } else {
      const bool north = rng.Bernoulli(0.5);
      out.variant = names_.Surname(n, north) + names_.Given(n, north);
      if (out.variant == out.full) out.variant = Typo(out.variant, rng);
    }
  }
  return out;
}

std::string FormatDate(int year, int month, int day, DatePrecision precision, bool korean,
                       Rng& rng) {
  char buf[64];
  switch (precision) {
    case DatePrecision::kDay:
      if (korean) {
        std::snprintf(buf, sizeof buf, "%d년 %d월 %d일", year, month, day);
      } else {
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, month, day);
      }
      return buf;
    case DatePrecision::kMonth:
      if (korean) {
        std::snprintf(buf, sizeof buf, "%d년 %d월", year, month);
      } else {
        std::snprintf(buf, sizeof buf, "%04d-%02d", year, month);
      }
      return buf;
    case DatePrecision::kYear:
      if (korean) {
        std::snprintf(buf, sizeof buf, "%d년", year);
      } else {
        std::snprintf(buf, sizeof buf, "%04d", year);
      }
      return buf;
    case DatePrecision::kApproximate: {
      static constexpr const char* kLatin[] = {"%04d~", "c. %04d", "about %04d"};
      const char* fmt = korean ? "약 %04d" : kLatin[rng.Below(3)];
      std::snprintf(buf, sizeof buf, fmt, year);
      return buf;
    }
    case DatePrecision::kRange:
    default: {
      if (rng.Bernoulli(0.5)) {
        const int lo = year - rng.Between(0, 2);
        const int hi = std::min(year + rng.Between(1, 2), std::max(year, kLastYear + 1));
        std::snprintf(buf, sizeof buf, "%04d/%04d", lo, hi);
      } else {
        int lo_m = month - rng.Between(0, 3), hi_m = month + rng.Between(1, 3);
        int lo_y = year, hi_y = year;
        if (lo_m < 1) {
          lo_m += 12;
          --lo_y;
        }
        if (hi_m > 12) {
          hi_m -= 12;
          ++hi_y;
        }
        if (hi_y > kLastYear + 1 && hi_y > year) {
          hi_y = year;
          hi_m = 12;
        }
        std::snprintf(buf, sizeof buf, "%04d-%02d/%04d-%02d", lo_y, lo_m, hi_y, hi_m);
      }
      return buf;
    }
  }
}

std::string_view Label(const VocabTerm& term, LabelStyle style, Rng& rng, double hangul_alias) {
  switch (style) {
    case LabelStyle::kCode:
      return term.code;
    case LabelStyle::kEnglish:
      return term.en;
    case LabelStyle::kKorean:
      return term.ko;
    case LabelStyle::kAlias:
    default: {
      if (term.aliases.empty()) return term.en;
      const bool want_hangul = rng.Bernoulli(hangul_alias);
      const std::string* fit[32];
      size_t n = 0;
      for (const auto& a : term.aliases) {
        if (n < 32 && korean::ContainsHangul(a) == want_hangul) fit[n++] = &a;
      }
      if (n == 0) return term.aliases[rng.Below(term.aliases.size())];
      return *fit[rng.Below(n)];
    }
  }
}

std::string_view PlaceName(const SimPlace& place, PlaceScript script, Rng& rng) {
  switch (script) {
    case PlaceScript::kHangulNorth:
      return place.hangul_north;
    case PlaceScript::kHangulSouth:
      return place.hangul_south;
    case PlaceScript::kHanzi:
      return place.hanzi;
    case PlaceScript::kLatinAlt:
      return place.latin_alt;
    case PlaceScript::kAlias:
      if (!place.aliases.empty()) return place.aliases[rng.Below(place.aliases.size())];
      return place.name_en;
    case PlaceScript::kEnglish:
    default:
      return place.name_en;
  }
}

namespace {
std::string RomanizeWithKorean(std::string_view hangul, int system, bool is_name) {
  return korean::Romanize(hangul, static_cast<korean::RomanizationSystem>(system), is_name);
}
}  // namespace

RomanizeFn DefaultRomanizer() { return &RomanizeWithKorean; }

}  // namespace recount::sim
