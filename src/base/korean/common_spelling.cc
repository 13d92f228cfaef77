// The usual English spelling of Korean given-name syllables: a convention, not a standard. It is
// what passports issued before 2000, the press and most NGO lists show (Young-hee, Sung-min,
// Keum-soon, Chul-su), derived from MR without diacritics with a few habits: ㅓ in a closed
// syllable as u (Sung, Jung, Hyun), ㅜ as oo (Soon, Soo), ㅡ as eu (Eun, Keum), 희 as hee, 영 as
// young, initial consonants in their voiced letters except ㄱ (Kyung, Dong, Bok, Jin).
// docs/korean.md lists the rules.
#include <array>
#include <string>

#include "base/korean/hangul.h"
#include "base/korean/romanize_internal.h"

namespace recount::korean::internal {

std::string CommonSyllable(const Syllable& s) {
  static constexpr std::array<std::string_view, kInitialCount> kOn = {
      "k", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
      "p", "h"};
  static constexpr std::array<std::string_view, kFinalCount> kFin = {
      "", "k", "k", "k", "n", "n", "n", "t", "l", "l", "m", "l", "l", "l",
      "p", "l", "m", "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"};
  const bool closed = s.final != kNoFinal;
  // Whole-syllable habits first.
  if (s.initial == kH && s.medial == kUi && !closed) return "hee";
  if (s.initial == kNone && s.medial == kYeo && s.final == kFNG) return "young";
  if (s.initial == kNone && s.medial == kUi && !closed) return "eui";
  std::string out(kOn[s.initial]);
  if (s.initial == kS && (s.medial == kI || s.medial == kWi)) out = "sh";  // Shin, Shi
  switch (s.medial) {
    case kEo: out += closed ? (s.initial == kNone ? "eo" : "u") : "eo"; break;
    case kYeo:
      out += closed && s.final != kFN ? "yu" : (closed && s.initial != kNone ? "yu" : "yeo");
      break;
    case kU: out += s.initial == kNone ? "woo" : "oo"; break;
    case kWo: out += "wo"; break;
    case kEu: out += "eu"; break;
    case kUi: out += "ui"; break;
    case kYu: out += "yu"; break;
    case kA: out += "a"; break;
    case kAe: out += "ae"; break;
    case kYa: out += "ya"; break;
    case kYae: out += "yae"; break;
    case kE: out += "e"; break;
    case kYe: out += "ye"; break;
    case kO: out += "o"; break;
    case kWa: out += "wa"; break;
    case kWae: out += "wae"; break;
    case kOe: out += "oe"; break;
    case kYo: out += "yo"; break;
    case kWe: out += "we"; break;
    case kWi: out += "wi"; break;
    case kI: out += "i"; break;
    default: break;
  }
  if (s.initial == kNone && s.medial == kWo && s.final == kFN) return "won";
  out += kFin[s.final];
  return out;
}

}  // namespace recount::korean::internal
