#include "base/korean/hangul.h"

#include <string>

#include "base/korean/romanize.h"
#include "base/utf8.h"

namespace recount::korean {
namespace {

constexpr char32_t kSBase = 0xAC00;
constexpr char32_t kSLast = 0xD7A3;
constexpr char32_t kLBase = 0x1100;
constexpr char32_t kVBase = 0x1161;
constexpr char32_t kTBase = 0x11A7;  // kTBase + 0 is "no final"

// Finals as initial-consonant pairs; -1 marks an unused slot.
constexpr int8_t kFinalParts[kFinalCount][2] = {
    {-1, -1}, {kG, -1},  {kGG, -1}, {kG, kS},  {kN, -1}, {kN, kJ},  {kN, kH},
    {kD, -1}, {kR, -1},  {kR, kG},  {kR, kM},  {kR, kB}, {kR, kS},  {kR, kT},
    {kR, kP}, {kR, kH},  {kM, -1},  {kB, -1},  {kB, kS}, {kS, -1},  {kSS, -1},
    {kNone, -1}, {kJ, -1}, {kCh, -1}, {kK, -1}, {kT, -1}, {kP, -1}, {kH, -1},
};

}  // namespace

bool IsHangulSyllable(char32_t cp) { return cp >= kSBase && cp <= kSLast; }

bool IsHangulJamo(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x11FF) || (cp >= 0xA960 && cp <= 0xA97F) ||
         (cp >= 0xD7B0 && cp <= 0xD7FF) || (cp >= 0x3130 && cp <= 0x318F);
}

bool Decompose(char32_t cp, Syllable* out) {
  if (!IsHangulSyllable(cp)) return false;
  const int s = static_cast<int>(cp - kSBase);
  out->initial = static_cast<int8_t>(s / (kMedialCount * kFinalCount));
  out->medial = static_cast<int8_t>((s / kFinalCount) % kMedialCount);
  out->final = static_cast<int8_t>(s % kFinalCount);
  return true;
}

char32_t Compose(const Syllable& s) {
  if (s.initial < 0 || s.initial >= kInitialCount || s.medial < 0 || s.medial >= kMedialCount ||
      s.final < 0 || s.final >= kFinalCount) {
    return 0xFFFD;
  }
  return kSBase + (s.initial * kMedialCount + s.medial) * kFinalCount + s.final;
}

int FinalAsInitials(int8_t final, int8_t out[2]) {
  if (final <= 0 || final >= kFinalCount) return 0;
  out[0] = kFinalParts[final][0];
  if (kFinalParts[final][1] < 0) return 1;
  out[1] = kFinalParts[final][1];
  return 2;
}

int8_t InitialAsFinal(int8_t initial) {
  for (int f = 1; f < kFinalCount; ++f) {
    if (kFinalParts[f][1] < 0 && kFinalParts[f][0] == initial) return static_cast<int8_t>(f);
  }
  return kNoFinal;
}

int8_t ClusterFinal(int8_t first, int8_t second) {
  for (int f = 1; f < kFinalCount; ++f) {
    if (kFinalParts[f][0] == first && kFinalParts[f][1] == second) return static_cast<int8_t>(f);
  }
  return kNoFinal;
}

bool IsIotizedOrI(int8_t medial) {
  switch (medial) {
    case kYa: case kYae: case kYeo: case kYe: case kYo: case kYu: case kI:
      return true;
    default:
      return false;
  }
}

bool ContainsHangul(std::string_view utf8) {
  size_t pos = 0;
  while (pos < utf8.size()) {
    const char32_t cp = DecodeUtf8(utf8, &pos);
    if (IsHangulSyllable(cp) || IsHangulJamo(cp)) return true;
  }
  return false;
}

std::string ToJamo(std::string_view utf8) {
  std::string out;
  size_t pos = 0;
  while (pos < utf8.size()) {
    const char32_t cp = DecodeUtf8(utf8, &pos);
    Syllable s;
    if (Decompose(cp, &s)) {
      AppendUtf8(kLBase + s.initial, &out);
      AppendUtf8(kVBase + s.medial, &out);
      if (s.final != kNoFinal) AppendUtf8(kTBase + s.final, &out);
    } else if (IsHangulJamo(cp)) {
      AppendUtf8(cp, &out);  // already a jamo: keep it
    }
  }
  return out;
}

}  // namespace recount::korean
