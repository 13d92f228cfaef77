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
  // A personal name: surname first (a known two-syllable surname such as 남궁 or 선우 is kept
  // together), no sound changes between the surname and the given name or between the syllables
  // of the given name; spelled per system (RR "Han Boknam", MR "Han Pok-nam", DPRK
  // "Han Pok Nam", common spelling "Han Bok-nam").
  bool is_name = false;
  // A place name: RR and DPRK put a hyphen, with no sound change across it, before an
  // administrative unit that ends a word of three or more syllables (-do, -si, -gun, -gu, -eup,
  // -myeon, -ri, -dong, -ga); RR and MR read an Arabic numeral before such a unit in Sino-Korean
  // ("평리1동" -> "Pyeongni Il-dong").
  bool is_place = false;
};

// Romanises Hangul text. For names, `is_name` applies personal-name conventions (surname spelled
// as usually written, no assimilation across the surname/given-name boundary).
std::string Romanize(std::string_view hangul, RomanizationSystem system, bool is_name = false);
std::string Romanize(std::string_view hangul, RomanizationSystem system,
                     const RomanizeOptions& options);

// Short stable name of a system ("rr", "mr", "mr-ascii", "dprk", "yale", "common").
std::string_view SystemName(RomanizationSystem system);

// Decomposes every Hangul syllable into its conjoining jamo (initial, medial, optional final),
// e.g. "김" -> U+1100 U+1175 U+11AB, as UTF-8.
std::string ToJamo(std::string_view utf8);

// Applies the South Korean initial-sound rule (dueum beopchik) to the first syllable of each word:
// 리 -> 이, 림 -> 임, 로 -> 노, 녀 -> 여 ... North Korean forms become South Korean forms.
std::string NorthToSouthInitial(std::string_view hangul);

// Candidate Hangul readings of a romanised syllable sequence ("Keum Soon", "Kum-sun",
// "Geumsun"), best first, at most `max_candidates`. Empty when nothing plausible is found.
std::vector<std::string> ParseRomanized(std::string_view latin, size_t max_candidates = 8);

}  // namespace recount::korean
