// Hangul syllable structure: a precomposed syllable (U+AC00..U+D7A3) is one initial consonant,
// one medial vowel and an optional final consonant (cluster), in the order of Unicode's
// arithmetic decomposition (Unicode 15, section 3.12). This file is the only place that knows the
// index numbering; docs/korean.md describes it.
//
// Contract: pure functions, thread-safe; out-of-range input is reported, never asserted.
#pragma once

#include <cstdint>

namespace recount::korean {

// Initial consonants (choseong), in Unicode order.
enum Initial : int8_t {
  kG = 0, kGG, kN, kD, kDD, kR, kM, kB, kBB, kS, kSS, kNone /* ㅇ */, kJ, kJJ, kCh, kK, kT, kP, kH,
};
inline constexpr int kInitialCount = 19;

// Medial vowels (jungseong), in Unicode order.
enum Medial : int8_t {
  kA = 0, kAe, kYa, kYae, kEo, kE, kYeo, kYe, kO, kWa, kWae, kOe, kYo, kU, kWo, kWe, kWi, kYu,
  kEu, kUi, kI,
};
inline constexpr int kMedialCount = 21;

// Final consonants (jongseong), in Unicode order; 0 = no final.
enum Final : int8_t {
  kNoFinal = 0, kFG, kFGG, kFGS, kFN, kFNJ, kFNH, kFD, kFL, kFLG, kFLM, kFLB, kFLS, kFLT, kFLP,
  kFLH, kFM, kFB, kFBS, kFS, kFSS, kFNG, kFJ, kFCh, kFK, kFT, kFP, kFH,
};
inline constexpr int kFinalCount = 28;

struct Syllable {
  int8_t initial = kNone;
  int8_t medial = kA;
  int8_t final = kNoFinal;
  bool operator==(const Syllable&) const = default;
};

// True for U+AC00..U+D7A3.
bool IsHangulSyllable(char32_t cp);

// True for conjoining jamo (U+1100..U+11FF, U+A960..U+A97F, U+D7B0..U+D7FF) and compatibility
// jamo (U+3130..U+318F).
bool IsHangulJamo(char32_t cp);

// Splits a precomposed syllable; false (and *out untouched) when `cp` is not one.
bool Decompose(char32_t cp, Syllable* out);

// The precomposed syllable for valid indices; U+FFFD when an index is out of range.
char32_t Compose(const Syllable& s);

// A final consonant as a sequence of at most two initial consonants (ㄺ -> ㄹ ㄱ); returns how
// many were written to `out` (0 for kNoFinal).
int FinalAsInitials(int8_t final, int8_t out[2]);

// The final consonant for a single initial consonant (ㄱ -> kFG), or kNoFinal when that consonant
// cannot close a syllable alone (ㄸ ㅃ ㅉ).
int8_t InitialAsFinal(int8_t initial);

// The final cluster made of two initials (ㄹ + ㄱ -> kFLG), or kNoFinal when there is none.
int8_t ClusterFinal(int8_t first, int8_t second);

// True when the medial begins with a y-glide or is ㅣ (the contexts of the initial-sound rule).
bool IsIotizedOrI(int8_t medial);

}  // namespace recount::korean
