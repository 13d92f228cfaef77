// The South Korean initial-sound rule (두음법칙), applied to North Korean spellings.
// Standard Korean Language Orthography (1988), articles 10-12; docs/korean.md.
#include <string>

#include "base/korean/hangul.h"
#include "base/korean/romanize.h"
#include "base/utf8.h"

namespace recount::korean {

std::string NorthToSouthInitial(std::string_view hangul) {
  std::string out;
  out.reserve(hangul.size());
  size_t pos = 0;
  char32_t prev = 0;
  bool word_start = true;
  while (pos < hangul.size()) {
    const char32_t cp = DecodeUtf8(hangul, &pos);
    Syllable s;
    if (!Decompose(cp, &s)) {
      AppendUtf8(cp, &out);
      word_start = true;
      prev = cp;
      continue;
    }
    if (word_start) {
      // Article 11-12: ㄹ before ㅣ or a y-vowel becomes ㅇ (리 -> 이, 량 -> 양), otherwise ㄴ
      // (로 -> 노, 라 -> 나); article 10: ㄴ before ㅣ or a y-vowel becomes ㅇ (녀 -> 여).
      if (s.initial == kR) {
        s.initial = IsIotizedOrI(s.medial) ? kNone : kN;
      } else if (s.initial == kN && IsIotizedOrI(s.medial) && s.medial != kYa && s.medial != kYae) {
        s.initial = kNone;
      }
    } else if (s.initial == kR && s.medial == kYeo && s.final == kFL) {
      // Article 11, exception: 렬 after a vowel or ㄴ is written 열 (나열, 선열).
      Syllable p;
      if (Decompose(prev, &p) && (p.final == kNoFinal || p.final == kFN)) s.initial = kNone;
    } else if (s.initial == kR && s.medial == kYu && s.final == kFL) {
      // Likewise 률 -> 율 (규율, 선율).
      Syllable p;
      if (Decompose(prev, &p) && (p.final == kNoFinal || p.final == kFN)) s.initial = kNone;
    }
    AppendUtf8(Compose(s), &out);
    word_start = false;
    prev = cp;
  }
  return out;
}

}  // namespace recount::korean
