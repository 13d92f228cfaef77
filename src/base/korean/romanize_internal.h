// Internals shared by the romanisation files (romanize.cc, common_spelling.cc, names.cc,
// parse_romanized.cc). Not part of the public API.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/korean/hangul.h"
#include "base/korean/romanize.h"

namespace recount::korean::internal {

// What separates two syllables of one word.
enum class Sep : uint8_t {
  kNone,            // written together: sound changes apply
  kSourceHyphen,    // a hyphen in the input; sound changes apply across it (BGN/ALA-LC usage)
  kBlockingHyphen,  // a hyphen in the input that stops sound changes (DPRK 2002: 앞-언덕 Ap-ŏndŏk)
  kInsertedHyphen,  // a hyphen we add before an administrative unit; stops sound changes
  kNameJoin,        // between syllables of a given name: no assimilation, spelled per system
};

// The consonant heard at the end of a syllable after the sound changes.
enum class Coda : int8_t { kNone, kK, kN, kT, kL, kM, kP, kNG, kLK, kLP };

struct Word {
  std::vector<Syllable> syl;
  std::vector<Sep> sep;  // sep[i] separates syl[i-1] and syl[i]; sep[0] is kNone
};

struct Surface {
  int8_t onset = kNone;  // an Initial; kNone = the syllable starts with its vowel
  int8_t medial = kA;
  Coda coda = Coda::kNone;
};

// Applies liaison, nasalisation, lateralisation, ㅎ rules and palatalisation between the
// syllables of `w`. `keep_r_after_consonant` is the North Korean norm (압록 [암록], not [암녹]).
std::vector<Surface> Phonology(const Word& w, bool keep_r_after_consonant);

// Spells one word (syllables and separators) in `system`, without capitalising.
std::string SpellNameWord(const Word& w, RomanizationSystem system);

// One syllable in the usual English spelling of Korean given names ("Soon", "Hee", "Young").
std::string CommonSyllable(const Syllable& s);

// ŏ -> o, ŭ -> u, apostrophes dropped.
std::string StripMcCuneDiacritics(std::string_view s);

// Upper-cases the first letter (ASCII, ŏ, ŭ).
std::string CapitalizeFirst(std::string_view s);

// Romanises a personal name written in Hangul; false when `hangul` is not a plain Hangul name
// (then the caller romanises it as text).
bool RomanizeName(std::string_view hangul, RomanizationSystem system, std::string* out);

}  // namespace recount::korean::internal
