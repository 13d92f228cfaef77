// Romanised Korean names back to Hangul: segment each Latin token into syllable spellings drawn
// from every system we know (RR, MR with and without diacritics, DPRK, Yale, common spellings),
// score each reading, and keep the best. The surname comes from the surname table (which also
// knows Chinese pinyin: 朴 Piao). docs/korean.md, "Parsing romanised names".
#include <algorithm>
#include <array>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/korean/hangul.h"
#include "base/korean/romanize.h"
#include "base/korean/surnames.h"
#include "base/utf8.h"

namespace recount::korean {
namespace {

struct Spelling {
  std::string_view text;
  int cost;  // 0 = a standard spelling in some system; higher = rarer or looser
};

struct Alt {
  char32_t syllable;
  int cost;
};

// Bounds on work: input letters, tokens, beam widths.
constexpr size_t kMaxLetters = 96;
constexpr size_t kMaxTokens = 6;
constexpr size_t kMaxTokenLetters = 24;
constexpr size_t kMaxSpellingLength = 8;
constexpr size_t kAltsPerSpelling = 8;
constexpr size_t kBeam = 24;

const std::vector<Spelling>& OnsetSpellings(int initial) {
  static const std::array<std::vector<Spelling>, kInitialCount> kOnsets = {{
      /*ㄱ*/ {{"g", 0}, {"k", 0}},
      /*ㄲ*/ {{"kk", 0}, {"gg", 1}},
      /*ㄴ*/ {{"n", 0}},
      /*ㄷ*/ {{"d", 0}, {"t", 0}},
      /*ㄸ*/ {{"tt", 0}, {"dd", 1}},
      /*ㄹ*/ {{"r", 0}, {"l", 1}},
      /*ㅁ*/ {{"m", 0}},
      /*ㅂ*/ {{"b", 0}, {"p", 0}},
      /*ㅃ*/ {{"pp", 0}, {"bb", 1}},
      /*ㅅ*/ {{"s", 0}, {"sh", 1}},
      /*ㅆ*/ {{"ss", 0}},
      /*ㅇ*/ {{"", 0}},
      /*ㅈ*/ {{"j", 0}, {"ch", 1}, {"c", 2}},  // ch is ㅈ only in MR
      /*ㅉ*/ {{"jj", 0}, {"tch", 0}, {"cc", 2}},
      /*ㅊ*/ {{"ch", 0}, {"chh", 2}},
      /*ㅋ*/ {{"k", 1}, {"kh", 0}},
      /*ㅌ*/ {{"t", 1}, {"th", 0}},
      /*ㅍ*/ {{"p", 1}, {"ph", 0}, {"f", 2}},
      /*ㅎ*/ {{"h", 0}},
  }};
  return kOnsets[initial];
}

const std::vector<Spelling>& VowelSpellings(int medial) {
  static const std::array<std::vector<Spelling>, kMedialCount> kVowels = {{
      /*ㅏ*/ {{"a", 0}, {"ah", 2}},
      /*ㅐ*/ {{"ae", 0}, {"ai", 1}, {"ay", 2}},
      /*ㅑ*/ {{"ya", 0}},
      /*ㅒ*/ {{"yae", 0}, {"yay", 2}},
      /*ㅓ*/ {{"eo", 0}, {"o", 0}, {"u", 1}, {"uh", 2}, {"e", 2}},
      /*ㅔ*/ {{"e", 0}, {"ey", 2}},
      /*ㅕ*/ {{"yeo", 0}, {"yo", 0}, {"yu", 1}, {"ye", 2}},
      /*ㅖ*/ {{"ye", 0}, {"yey", 2}},
      /*ㅗ*/ {{"o", 0}, {"oh", 2}},
      /*ㅘ*/ {{"wa", 0}},
      /*ㅙ*/ {{"wae", 0}, {"way", 2}},
      /*ㅚ*/ {{"oe", 0}, {"oi", 1}, {"we", 1}, {"oy", 2}},
      /*ㅛ*/ {{"yo", 0}},
      /*ㅜ*/ {{"u", 0}, {"oo", 0}, {"wu", 2}, {"woo", 1}},
      /*ㅝ*/ {{"wo", 0}, {"weo", 0}},
      /*ㅞ*/ {{"we", 0}, {"wey", 2}},
      /*ㅟ*/ {{"wi", 0}, {"wee", 1}},
      /*ㅠ*/ {{"yu", 0}, {"yoo", 1}},
      /*ㅡ*/ {{"eu", 0}, {"u", 0}, {"ue", 2}},
      /*ㅢ*/ {{"ui", 0}, {"eui", 0}, {"ee", 1}, {"uy", 2}},
      /*ㅣ*/ {{"i", 0}, {"ee", 1}, {"yi", 1}},
  }};
  return kVowels[medial];
}

struct CodaSpelling {
  int8_t final;
  Spelling spelling;
};

constexpr CodaSpelling kCodas[] = {
    {kNoFinal, {"", 0}}, {kFG, {"k", 0}},  {kFG, {"g", 1}},  {kFN, {"n", 0}},  {kFL, {"l", 0}},
    {kFL, {"r", 2}},     {kFM, {"m", 0}},  {kFB, {"p", 0}},  {kFB, {"b", 1}},  {kFNG, {"ng", 0}},
    {kFS, {"t", 1}},     {kFS, {"s", 2}},  {kFD, {"t", 2}},
};

// Syllables frequent in Korean given names (North and South): readings made of them are
// preferred over equally well-spelled rarer ones. Surnames come from the surname table.
bool IsCommonNameSyllable(char32_t s) {
  static constexpr std::u32string_view kCommon =
      U"영성현민수희숙순자미진경은지혜선옥금명철호준동광남춘화애연주종상용혁일석국복향란"
      U"심덕길봉학해원재우태승기훈섭만분녀련실월매정단송설별빛나래아름슬하늘룡림송윤"
      U"예서하도유준건규창근식환범형진태완열";
  return kCommon.find(s) != std::u32string_view::npos;
}

using Inventory = std::unordered_map<std::string, std::vector<Alt>>;

void AddAlt(Inventory* inv, std::string spelling, char32_t syllable, int cost) {
  std::vector<Alt>& alts = (*inv)[std::move(spelling)];
  for (Alt& a : alts) {
    if (a.syllable == syllable) {
      a.cost = std::min(a.cost, cost);
      return;
    }
  }
  alts.push_back({syllable, cost});
}

// Every spelling of every (initial, vowel, common final) syllable, built once.
const Inventory& SyllableInventory() {
  static const Inventory* inv = [] {
    auto* m = new Inventory();
    for (int i = 0; i < kInitialCount; ++i) {
      for (int v = 0; v < kMedialCount; ++v) {
        for (const CodaSpelling& c : kCodas) {
          const char32_t syl = Compose({static_cast<int8_t>(i), static_cast<int8_t>(v), c.final});
          const int prior = IsCommonNameSyllable(syl) ? 0 : 2;
          for (const Spelling& o : OnsetSpellings(i)) {
            for (const Spelling& vs : VowelSpellings(v)) {
              // "woo" is only the vowel-initial 우.
              if (vs.text == "woo" && i != kNone) continue;
              std::string text = std::string(o.text) + std::string(vs.text) +
                                 std::string(c.spelling.text);
              AddAlt(m, std::move(text), syl, o.cost + vs.cost + c.spelling.cost + prior);
            }
          }
        }
      }
    }
    // Whole-syllable habits of common spelling.
    const std::pair<std::string_view, std::u32string_view> kHabits[] = {
        {"young", U"영"}, {"lee", U"이리"}, {"yi", U"이"}, {"rhee", U"이"}, {"hee", U"희"},
        {"shin", U"신"},  {"shim", U"심"},  {"eui", U"의"}, {"woo", U"우"},  {"won", U"원"},
        {"yoon", U"윤"},  {"choi", U"최"},  {"park", U"박"}, {"oh", U"오"}, {"ahn", U"안"},
    };
    for (const auto& [text, syllables] : kHabits) {
      for (char32_t s : syllables) AddAlt(m, std::string(text), s, 0);
    }
    for (auto& [text, alts] : *m) {
      std::stable_sort(alts.begin(), alts.end(),
                       [](const Alt& a, const Alt& b) { return a.cost < b.cost; });
      if (alts.size() > kAltsPerSpelling) alts.resize(kAltsPerSpelling);
    }
    return m;
  }();
  return *inv;
}

struct Reading {
  std::u32string hangul;
  int cost = 0;
};

void Prune(std::vector<Reading>* r, size_t width) {
  std::stable_sort(r->begin(), r->end(),
                   [](const Reading& a, const Reading& b) { return a.cost < b.cost; });
  // Drop duplicates (the same Hangul reached by two spellings), keeping the cheaper.
  std::vector<Reading> out;
  for (Reading& x : *r) {
    bool dup = false;
    for (const Reading& y : out) dup = dup || y.hangul == x.hangul;
    if (!dup) out.push_back(std::move(x));
    if (out.size() == width) break;
  }
  *r = std::move(out);
}

// Readings of one token of lower-case ASCII letters, best first.
std::vector<Reading> SegmentToken(std::string_view token) {
  const Inventory& inv = SyllableInventory();
  std::vector<std::vector<Reading>> at(token.size() + 1);
  at[0].push_back({});
  for (size_t i = 0; i < token.size(); ++i) {
    if (at[i].empty()) continue;
    Prune(&at[i], kBeam);
    for (size_t len = 1; len <= kMaxSpellingLength && i + len <= token.size(); ++len) {
      const auto it = inv.find(std::string(token.substr(i, len)));
      if (it == inv.end()) continue;
      for (const Alt& a : it->second) {
        Syllable s;
        Decompose(a.syllable, &s);
        for (const Reading& r : at[i]) {
          int cost = r.cost + a.cost;
          if (!r.hangul.empty() && s.initial == kNone) {
            Syllable prev;
            Decompose(r.hangul.back(), &prev);
            // Prefer the consonant as the next onset (mina = 미나, not 민아) except after ng,
            // and one syllable over two vowels in hiatus (soon = 순, not 소운).
            if (prev.final == kNoFinal) {
              cost += 1;
            } else if (prev.final != kFNG) {
              cost += 2;
            }
          }
          Reading next{r.hangul + a.syllable, cost};
          at[i + len].push_back(std::move(next));
        }
      }
    }
  }
  std::vector<Reading> out = std::move(at[token.size()]);
  Prune(&out, kBeam);
  return out;
}

std::string Fold(std::string_view s) {
  std::string out;
  for (char c : FoldForSearch(s)) {
    if (c >= 'a' && c <= 'z') out += c;
  }
  return out;
}

// Folded spelling -> surname readings, built once from the surname table.
using SurnameIndex = std::unordered_map<std::string, std::vector<Reading>>;

const SurnameIndex& SurnameSpellings() {
  static const SurnameIndex* index = [] {
    auto* m = new SurnameIndex();
    auto add = [m](const std::string& spelling, std::string_view hangul, int cost) {
      if (spelling.empty()) return;
      std::vector<Reading>& v = (*m)[spelling];
      const std::u32string h = ToCodePoints(hangul);
      for (Reading& x : v) {
        if (x.hangul == h) {
          x.cost = std::min(x.cost, cost);
          return;
        }
      }
      v.push_back({h, cost});
    };
    for (const SurnameInfo& s : Surnames()) {
      const bool has_north = s.hangul_north != s.hangul_south;
      const std::string dprk = Fold(s.dprk);
      add(dprk, s.hangul_north, 0);
      add(Fold(s.rr), s.hangul_south, 0);
      add(Fold(s.mr), s.hangul_south, 0);
      int rank = 0;
      for (const std::string& c : SplitList(s.common, ';')) {
        const std::string f = Fold(c);
        add(f, s.hangul_south, std::min(rank, 3));
        if (has_north && f == dprk) add(f, s.hangul_north, 0);
        ++rank;
      }
      for (const std::string& p : SplitList(s.pinyin, ';')) add(Fold(p), s.hangul_south, 1);
    }
    return m;
  }();
  return *index;
}

// Surname readings of a token from the surname table.
std::vector<Reading> SurnameReadings(const std::string& token) {
  const auto it = SurnameSpellings().find(token);
  return it == SurnameSpellings().end() ? std::vector<Reading>() : it->second;
}

std::vector<Reading> Combine(const std::vector<Reading>& a, const std::vector<Reading>& b,
                             size_t width) {
  std::vector<Reading> out;
  for (const Reading& x : a) {
    for (const Reading& y : b) out.push_back({x.hangul + y.hangul, x.cost + y.cost});
  }
  Prune(&out, width);
  return out;
}

}  // namespace

std::vector<std::string> ParseRomanized(std::string_view latin, size_t max_candidates) {
  std::vector<std::string> result;
  if (max_candidates == 0) return result;
  // Tokens of ASCII letters; hyphens, spaces, apostrophes and accents fold away.
  const std::string folded = FoldForSearch(latin.substr(0, 4 * kMaxLetters));
  std::vector<std::string> tokens;
  std::string cur;
  size_t letters = 0;
  for (char c : folded) {
    if (c >= 'a' && c <= 'z') {
      cur += c;
      ++letters;
    } else if (!cur.empty()) {
      tokens.push_back(std::move(cur));
      cur.clear();
    }
  }
  if (!cur.empty()) tokens.push_back(std::move(cur));
  if (tokens.empty() || tokens.size() > kMaxTokens || letters > kMaxLetters) return result;
  for (const std::string& t : tokens) {
    if (t.size() > kMaxTokenLetters) return result;
  }
  const size_t width = std::max<size_t>(64, max_candidates);
  std::vector<std::vector<Reading>> per_token;
  for (const std::string& t : tokens) per_token.push_back(SegmentToken(t));

  std::vector<Reading> all;
  // Surname first (Korean order), from the table when it knows the spelling.
  {
    std::vector<Reading> first = SurnameReadings(tokens[0]);
    for (const Reading& r : per_token[0]) first.push_back({r.hangul, r.cost + 3});
    Prune(&first, kBeam);
    std::vector<Reading> acc = first;
    for (size_t i = 1; i < tokens.size(); ++i) acc = Combine(acc, per_token[i], width);
    all.insert(all.end(), acc.begin(), acc.end());
  }
  // Surname last (Western order: "Keum-soon Kim"), written back surname first.
  if (tokens.size() >= 2) {
    std::vector<Reading> last = SurnameReadings(tokens.back());
    if (!last.empty()) {
      std::vector<Reading> acc = per_token[0];
      for (size_t i = 1; i + 1 < tokens.size(); ++i) acc = Combine(acc, per_token[i], width);
      for (Reading& r : last) r.cost += 1;
      for (const Reading& s : last) {
        for (const Reading& g : acc) all.push_back({s.hangul + g.hangul, s.cost + g.cost});
      }
    }
  }
  Prune(&all, max_candidates);
  for (const Reading& r : all) {
    if (!r.hangul.empty()) result.push_back(FromCodePoints(r.hangul));
  }
  return result;
}

}  // namespace recount::korean
