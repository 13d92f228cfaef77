// Korean text: Hangul syllables and jamo, the North/South initial-consonant rule, and romanisation
// of Hangul into the systems seen in testimony lists. Algorithms and references: docs/korean.md.
//
// Contract: inputs are UTF-8; non-Hangul characters pass through unchanged (romanisers) or are
// skipped (jamo functions). Functions are pure and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace recount::korean {

enum class RomanizationSystem {
  kRevised,          // Revised Romanization of Korean (South Korea, 2000)
  kMcCuneReischauer, // McCune-Reischauer (with breves and apostrophes, as in the BGN/PCGN form)
  kMcCuneAscii,      // McCune-Reischauer without diacritics (o/u for ŏ/ŭ, apostrophes dropped)
  kDprk,             // the DPRK's own 2002 national system
  kYale,             // Yale romanization (linguistics)
  kCommonSpelling,   // the usual ad-hoc English spelling of names (Kim, Lee, Park, Choi ...)
};

// True if `cp` is a precomposed Hangul syllable (U+AC00..U+D7A3).
bool IsHangulSyllable(char32_t cp);

// True if the text contains at least one Hangul syllable or jamo.
bool ContainsHangul(std::string_view utf8);

// How to read the input. Defaults romanise running text.
struct RomanizeOptions {
  // A personal name in Hangul: surname first (the first word if there is a space, else the
  // first syllable, or two for 남궁, 선우 ...), no sound changes between the surname and the
  // given name or between the syllables of the given name (MR still voices: Kim Tae-jung);
  // spelled per system: RR "Han Boknam", MR "Han Pok-nam" (이 = Yi), DPRK "Han Pok Nam", common
  // spelling "Han Bok-nam" (surname from the table: Lee, Park, Choi; a North Korean surname
  // form such as 리 gives the North's usage "Ri Myong Hui"). Text that is not a plain Hangul
  // name is romanised as running text.
  bool is_name = false;
  // A place name: RR and DPRK put a hyphen, with no sound change across it, before an
  // administrative unit that ends a word of three or more syllables (-do, -si, -gun, -gu, -eup,
  // -myeon, -ri, -dong, -ga); RR and MR read an Arabic numeral before such a unit in Sino-Korean
  // ("평리1동" -> "Pyeongni Il-dong").
  bool is_place = false;
};

// Romanises Hangul text: sound changes inside words, each word capitalised (except Yale), other
// characters copied. Invalid UTF-8 bytes become U+FFFD. For names, `is_name` applies the
// personal-name conventions described in RomanizeOptions.
std::string Romanize(std::string_view hangul, RomanizationSystem system, bool is_name = false);
std::string Romanize(std::string_view hangul, RomanizationSystem system,
                     const RomanizeOptions& options);

// Short stable name of a system ("rr", "mr", "mr-ascii", "dprk", "yale", "common").
std::string_view SystemName(RomanizationSystem system);

// Decomposes every Hangul syllable into its conjoining jamo (initial, medial, optional final),
// e.g. "김" -> U+1100 U+1175 U+11B7, as UTF-8. Jamo in the input are kept.
std::string ToJamo(std::string_view utf8);

// Applies the South Korean initial-sound rule (dueum beopchik) to the first syllable of each word:
// 리 -> 이, 림 -> 임, 로 -> 노, 녀 -> 여 ...; inside a word 렬/률 after a vowel or ㄴ become 열/율.
// North Korean forms become South Korean forms; other text is unchanged.
std::string NorthToSouthInitial(std::string_view hangul);

// Candidate Hangul readings of a romanised name or syllable sequence ("Keum Soon", "Kum-sun",
// "Geumsun", "Ri Myong Hui", "Piao"), best first, at most `max_candidates`, each written without
// spaces with the surname first ("Keum-soon Kim" -> 김금순). The first (or, for Western order,
// the last) word is also read through the surname table, including Chinese pinyin. Empty when
// nothing plausible is found or the input exceeds the work bounds (6 words, 24 letters per
// word, 96 letters).
std::vector<std::string> ParseRomanized(std::string_view latin, size_t max_candidates = 8);

}  // namespace recount::korean
