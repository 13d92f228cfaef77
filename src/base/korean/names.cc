// Personal names: surname split, per-system name conventions. docs/korean.md, "Names".
#include <string>
#include <vector>

#include "base/korean/hangul.h"
#include "base/korean/romanize_internal.h"
#include "base/korean/surnames.h"
#include "base/utf8.h"

namespace recount::korean::internal {
namespace {

std::string SpellPart(const std::vector<Syllable>& syl, RomanizationSystem system) {
  std::string text;
  for (const Syllable& s : syl) AppendUtf8(Compose(s), &text);
  if (system == RomanizationSystem::kCommonSpelling) {
    std::string out;
    for (size_t i = 0; i < syl.size(); ++i) {
      if (i > 0) out += '-';
      out += CommonSyllable(syl[i]);
    }
    return CapitalizeFirst(out);
  }
  return Romanize(text, system);
}

std::string Surname(const std::vector<Syllable>& syl, RomanizationSystem system) {
  std::string hangul;
  for (const Syllable& s : syl) AppendUtf8(Compose(s), &hangul);
  const SurnameInfo* info = FindSurnameByHangul(hangul);
  if (info != nullptr) {
    const bool north_form = hangul == info->hangul_north && hangul != info->hangul_south;
    switch (system) {
      case RomanizationSystem::kCommonSpelling: {
        if (north_form) return std::string(info->dprk);
        const std::string_view c = info->common;
        return std::string(c.substr(0, c.find(';')));
      }
      case RomanizationSystem::kMcCuneReischauer:
        if (!north_form) return std::string(info->mr);
        break;
      case RomanizationSystem::kMcCuneAscii:
        if (!north_form) return StripMcCuneDiacritics(info->mr);
        break;
      default:
        break;
    }
  }
  if (system == RomanizationSystem::kCommonSpelling) {
    std::string out;
    for (const Syllable& s : syl) out += CommonSyllable(s);
    return CapitalizeFirst(out);
  }
  return Romanize(hangul, system);
}

std::string GivenName(const std::vector<Syllable>& syl, RomanizationSystem system) {
  if (syl.empty()) return "";
  if (system == RomanizationSystem::kDprk) {  // Kim Jŏng Ŭn: one word per syllable
    std::string out;
    for (size_t i = 0; i < syl.size(); ++i) {
      if (i > 0) out += ' ';
      out += SpellPart({syl[i]}, system);
    }
    return out;
  }
  if (system == RomanizationSystem::kCommonSpelling) return SpellPart(syl, system);
  if (system == RomanizationSystem::kRevised || system == RomanizationSystem::kYale) {
    // RR 2000, article 3.4.1: given-name syllables written together, without assimilation.
    std::string out;
    for (const Syllable& s : syl) {
      std::string part = SpellPart({s}, system);
      if (!out.empty() && !part.empty() && part[0] >= 'A' && part[0] <= 'Z') {
        part[0] = static_cast<char>(part[0] - 'A' + 'a');  // Romanize capitalised it
      }
      out += part;
    }
    return out;
  }
  // MR: hyphenated, voicing across the hyphen, no other sound change (Kim Tae-jung).
  Word w;
  for (size_t i = 0; i < syl.size(); ++i) {
    w.syl.push_back(syl[i]);
    w.sep.push_back(i == 0 ? Sep::kNone : Sep::kNameJoin);
  }
  return CapitalizeFirst(internal::SpellNameWord(w, system));
}

}  // namespace

bool RomanizeName(std::string_view hangul, RomanizationSystem system, std::string* out) {
  std::vector<std::vector<Syllable>> tokens;
  std::vector<Syllable> cur;
  size_t pos = 0;
  while (pos < hangul.size()) {
    const char32_t cp = DecodeUtf8(hangul, &pos);
    Syllable s;
    if (Decompose(cp, &s)) {
      cur.push_back(s);
    } else if (cp == ' ' || cp == 0x3000) {
      if (!cur.empty()) tokens.push_back(std::move(cur));
      cur.clear();
    } else {
      return false;
    }
  }
  if (!cur.empty()) tokens.push_back(std::move(cur));
  if (tokens.empty()) return false;
  std::vector<Syllable> surname;
  std::vector<Syllable> given;
  if (tokens.size() == 1) {
    const std::vector<Syllable>& t = tokens[0];
    size_t split = 1;
    if (t.size() >= 3) {
      std::string two;
      AppendUtf8(Compose(t[0]), &two);
      AppendUtf8(Compose(t[1]), &two);
      const SurnameInfo* info = FindSurnameByHangul(two);
      if (info != nullptr && info->two_syllables()) split = 2;
    }
    surname.assign(t.begin(), t.begin() + split);
    given.assign(t.begin() + split, t.end());
  } else {
    surname = tokens[0];
    for (size_t i = 1; i < tokens.size(); ++i) given.insert(given.end(), tokens[i].begin(),
                                                            tokens[i].end());
  }
  *out = Surname(surname, system);
  if (!given.empty()) {
    *out += ' ';
    // A North Korean surname spelling (리, 림, 량 ...) marks a name written the North's way: its
    // usual English form is the DPRK system without diacritics, one word per syllable
    // (리명희 Ri Myong Hui, 리설주 Ri Sol Ju).
    std::string hangul;
    for (const Syllable& s : surname) AppendUtf8(Compose(s), &hangul);
    const SurnameInfo* info = FindSurnameByHangul(hangul);
    const bool north_form = info != nullptr && hangul == info->hangul_north &&
                            info->hangul_north != info->hangul_south;
    if (system == RomanizationSystem::kCommonSpelling && north_form) {
      *out += StripMcCuneDiacritics(GivenName(given, RomanizationSystem::kDprk));
    } else {
      *out += GivenName(given, system);
    }
  }
  return true;
}

}  // namespace recount::korean::internal
