// Romanisation of Hangul: tokenising, the sound changes between syllables (phonology), and the
// spelling of the resulting sounds in each system. Rules and references: docs/korean.md.
#include "base/korean/romanize.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "base/korean/hangul.h"
#include "base/korean/romanize_internal.h"
#include "base/korean/surnames.h"
#include "base/utf8.h"

namespace recount::korean {
namespace {

using internal::Coda;
using internal::Sep;
using internal::Word;

constexpr char32_t kInsertedHyphenMark = 0xE000;  // private use: a hyphen we add
constexpr std::string_view kApostrophe = "’";     // U+2019, as in BGN/PCGN and ALA-LC tables

bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }

// ---------------------------------------------------------------------------------------------
// Phonology: which consonant is heard at each syllable boundary.

// The sound class a final consonant is reduced to before `next_initial` (or at the end when
// next_initial < 0).
Coda Neutralize(const Syllable& s, int next_initial) {
  switch (s.final) {
    case kNoFinal: return Coda::kNone;
    case kFG: case kFGG: case kFK: case kFGS: return Coda::kK;
    case kFLG: return next_initial == kG ? Coda::kL : Coda::kK;  // 맑게 [말께], 닭 [닥]
    case kFN: case kFNJ: case kFNH: return Coda::kN;
    case kFD: case kFS: case kFSS: case kFJ: case kFCh: case kFT: case kFH: return Coda::kT;
    case kFL: case kFLS: case kFLT: case kFLH: return Coda::kL;
    case kFLB: {
      // ㄼ is [ㄹ] except in 넓- and 밟- before a consonant (넓죽하다 [넙쭈카다]).
      const bool nub = s.initial == kN && s.medial == kEo;
      const bool bap = s.initial == kB && s.medial == kA;
      return (nub || bap) && next_initial >= 0 && next_initial != kNone ? Coda::kP : Coda::kL;
    }
    case kFM: return Coda::kM;
    case kFLM: return next_initial == kM ? Coda::kL : Coda::kM;  // 얾마 ŏlma (one m heard)
    case kFB: case kFP: case kFBS: case kFLP: return Coda::kP;
    case kFNG: return Coda::kNG;
    default: return Coda::kNone;
  }
}

Coda SingleCoda(int8_t initial) {
  switch (initial) {
    case kG: case kGG: case kK: return Coda::kK;
    case kN: return Coda::kN;
    case kR: return Coda::kL;
    case kM: return Coda::kM;
    case kB: case kP: return Coda::kP;
    default: return Coda::kT;
  }
}

Coda Nasalize(Coda c) {
  switch (c) {
    case Coda::kK: case Coda::kLK: return Coda::kNG;
    case Coda::kT: return Coda::kN;
    case Coda::kP: case Coda::kLP: return Coda::kM;
    default: return c;
  }
}

}  // namespace

namespace internal {

std::vector<Surface> Phonology(const Word& w, bool keep_r_after_consonant) {
  const size_t n = w.syl.size();
  std::vector<Surface> out(n);
  for (size_t i = 0; i < n; ++i) {
    out[i].onset = w.syl[i].initial;
    out[i].medial = w.syl[i].medial;
  }
  for (size_t i = 0; i < n; ++i) {
    const Syllable& s = w.syl[i];
    Surface& cur = out[i];
    if (i + 1 == n || w.sep[i + 1] == Sep::kInsertedHyphen || w.sep[i + 1] == Sep::kNameJoin ||
        w.sep[i + 1] == Sep::kBlockingHyphen) {
      cur.coda = Neutralize(s, -1);
      continue;
    }
    Surface& next = out[i + 1];
    const int8_t tf = s.final;
    const int8_t li = next.onset;
    if (tf == kNoFinal) {
      cur.coda = Coda::kNone;
      continue;
    }
    if (li == kNone && w.sep[i + 1] == Sep::kSourceHyphen) {
      // A written hyphen keeps the final on its side (앞-언덕 Ap-ŏndŏk, not A-p’ŏndŏk).
      cur.coda = Neutralize(s, -1);
      continue;
    }
    if ((tf == kFD || tf == kFT) && li == kH && next.medial == kI) {
      cur.coda = Coda::kNone;  // 닫히다 [다치다]: palatalisation with aspiration
      next.onset = kCh;
      continue;
    }
    if (li == kNone) {  // liaison: the final is heard as the next initial
      if (tf == kFNG) {
        cur.coda = Coda::kNG;
      } else if (tf == kFH) {
        cur.coda = Coda::kNone;
      } else if (tf == kFNH) {
        cur.coda = Coda::kNone;
        next.onset = kN;
      } else if (tf == kFLH) {
        cur.coda = Coda::kNone;
        next.onset = kR;
      } else {
        int8_t parts[2];
        const int k = FinalAsInitials(tf, parts);
        cur.coda = k == 2 ? SingleCoda(parts[0]) : Coda::kNone;
        next.onset = parts[k - 1];
        if (next.medial == kI) {  // palatalisation: 같이 [가치], 굳이 [구지]
          if (next.onset == kD) next.onset = kJ;
          if (next.onset == kT) next.onset = kCh;
        }
      }
      continue;
    }
    if (li == kH) {  // aspiration is written as two letters (묵호 Mukho, 속히 sokhi)
      switch (tf) {
        case kFH: cur.coda = Coda::kNone; break;
        case kFNH: cur.coda = Coda::kN; break;
        case kFLH: cur.coda = Coda::kL; break;
        case kFLG: cur.coda = Coda::kLK; break;
        case kFLB: cur.coda = Coda::kLP; break;
        default: cur.coda = Neutralize(s, li);
      }
      continue;
    }
    if (tf == kFH || tf == kFNH || tf == kFLH) {  // ㅎ before a consonant
      const Coda base = tf == kFH ? Coda::kNone : tf == kFNH ? Coda::kN : Coda::kL;
      if (li == kG || li == kD || li == kJ) {
        cur.coda = base;
        next.onset = li == kG ? kK : li == kD ? kT : kCh;
        continue;
      }
      if (li == kS) {
        cur.coda = base;
        next.onset = kSS;
        continue;
      }
      if (li == kN) {
        cur.coda = tf == kFLH ? Coda::kL : Coda::kN;
        if (tf == kFLH) next.onset = kR;
        continue;
      }
    }
    Coda c = Neutralize(s, li);
    if (li == kR) {
      if (c == Coda::kN) {
        c = Coda::kL;  // 신라 [실라]
      } else if (c != Coda::kL && c != Coda::kNone) {
        if (!keep_r_after_consonant) next.onset = kN;  // 독립 [동닙], 십리 [심니]
        c = Nasalize(c);
      }
    } else if (li == kN || li == kM) {
      c = Nasalize(c);  // 국민 [궁민], 입내 [임내]
      if (c == Coda::kL && li == kN) next.onset = kR;  // 설날 [설랄]
    }
    cur.coda = c;
  }
  return out;
}

}  // namespace internal

namespace {

using internal::Surface;

// ---------------------------------------------------------------------------------------------
// Spelling tables.

constexpr std::array<std::string_view, kMedialCount> kVowelsRr = {
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae",
    "oe", "yo", "u", "wo", "we", "wi", "yu", "eu", "ui", "i"};
constexpr std::array<std::string_view, kMedialCount> kVowelsMr = {
    "a", "ae", "ya", "yae", "ŏ", "e", "yŏ", "ye", "o", "wa", "wae",
    "oe", "yo", "u", "wŏ", "we", "wi", "yu", "ŭ", "ŭi", "i"};
constexpr std::array<std::string_view, kMedialCount> kVowelsYale = {
    "a", "ay", "ya", "yay", "e", "ey", "ye", "yey", "o", "wa", "way",
    "oy", "yo", "wu", "we", "wey", "wi", "yu", "u", "uy", "i"};

std::string_view CodaLetters(Coda c) {
  switch (c) {
    case Coda::kK: return "k";
    case Coda::kN: return "n";
    case Coda::kT: return "t";
    case Coda::kL: return "l";
    case Coda::kM: return "m";
    case Coda::kP: return "p";
    case Coda::kNG: return "ng";
    case Coda::kLK: return "lk";
    case Coda::kLP: return "lp";
    default: return "";
  }
}

bool IsVoicedCoda(Coda c) {
  return c == Coda::kNone || c == Coda::kN || c == Coda::kM || c == Coda::kNG || c == Coda::kL;
}

std::string_view RrOnset(int8_t onset, Coda prev) {
  static constexpr std::array<std::string_view, kInitialCount> kRr = {
      "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t",
      "p", "h"};
  if (onset == kR && prev == Coda::kL) return "l";
  return kRr[onset];
}

// `start`: first sound of a word (no voicing); `prev`: the coda heard before.
std::string McCuneOnset(int8_t onset, bool start, Coda prev, int8_t medial) {
  const bool voiced = !start && IsVoicedCoda(prev);
  const bool after_l = !start && prev == Coda::kL;
  const std::string ap(kApostrophe);
  switch (onset) {
    case kG: return voiced ? "g" : "k";
    case kGG: return "kk";
    case kN: return "n";
    case kD: return voiced && !after_l ? "d" : "t";  // 일정 ilchŏng, 열도 yŏlto
    case kDD: return "tt";
    case kR: return after_l ? "l" : "r";
    case kM: return "m";
    case kB: return voiced ? "b" : "p";
    case kBB: return "pp";
    case kS: return medial == kWi ? "sh" : "s";
    case kSS: return "ss";
    case kNone: return "";
    case kJ: return voiced && !after_l ? "j" : "ch";
    case kJJ: return "tch";
    case kCh: return "ch" + ap;
    case kK: return "k" + ap;
    case kT: return "t" + ap;
    case kP: return "p" + ap;
    case kH: return "h";
    default: return "";
  }
}

std::string_view McCuneCoda(Coda c, int8_t next_onset, bool next_voiced_g) {
  switch (c) {
    case Coda::kK: return next_onset == kGG ? "" : "k";
    case Coda::kT:
      if (next_onset == kSS || next_onset == kDD || next_onset == kJJ) return "";
      return next_onset == kS ? "s" : "t";  // 갓사기 kassagi
    case Coda::kP: return next_onset == kBB ? "" : "p";
    case Coda::kL: return next_onset == kH ? "r" : "l";  // 일하 irha
    case Coda::kN: return next_voiced_g ? "n’" : "n";       // 한국 Han’guk
    default: return CodaLetters(c);
  }
}

std::string DprkOnset(int8_t onset, bool start, Coda prev, bool force_voiced) {
  const bool voiced = force_voiced || (!start && IsVoicedCoda(prev));
  switch (onset) {
    case kG: return voiced ? "g" : "k";
    case kGG: return "kk";
    case kN: return "n";
    case kD: return voiced ? "d" : "t";
    case kDD: return "tt";
    case kR: return !start && prev == Coda::kL ? "l" : "r";
    case kM: return "m";
    case kB: return voiced ? "b" : "p";
    case kBB: return "pp";
    case kS: return "s";
    case kSS: return "ss";
    case kNone: return "";
    case kJ: return "j";
    case kJJ: return "jj";
    case kCh: return "ch";
    case kK: return "kh";
    case kT: return "th";
    case kP: return "ph";
    case kH: return "h";
    default: return "";
  }
}

// Generic terms that the DPRK system spells as a separate element (압록강 Amrokgang,
// 삿갓봉 Satkatbong): their initial keeps the voiced spelling after any final.
bool IsDprkGenericTerm(const Syllable& s) {
  static constexpr char32_t kTerms[] = {U'강', U'봉', U'령', U'산', U'천', U'도', U'동', U'리',
                                        U'시', U'군', U'구', U'면', U'읍', U'호', U'포', U'교'};
  const char32_t cp = Compose(s);
  for (char32_t t : kTerms) {
    if (t == cp) return true;
  }
  return false;
}

int8_t DropGlide(int8_t medial) {
  switch (medial) {
    case kYa: return kA;
    case kYae: return kAe;
    case kYeo: return kEo;
    case kYe: return kE;
    case kYo: return kO;
    case kYu: return kU;
    default: return medial;
  }
}

std::string SpellWord(const Word& w, RomanizationSystem system) {
  const bool dprk = system == RomanizationSystem::kDprk;
  const std::vector<Surface> sf = internal::Phonology(w, /*keep_r_after_consonant=*/dprk);
  const bool mr = system == RomanizationSystem::kMcCuneReischauer ||
                  system == RomanizationSystem::kMcCuneAscii;
  std::string out;
  for (size_t i = 0; i < sf.size(); ++i) {
    const Sep sep = w.sep[i];
    // After a hyphen we add, RR starts afresh; the DPRK system keeps voicing across it
    // (교구동 Kyogu-dong) but not across a hyphen of the input (앞-언덕 Ap-ŏndŏk).
    const bool start = i == 0 || (!dprk && sep == Sep::kInsertedHyphen) ||
                       (dprk && (sep == Sep::kNameJoin || sep == Sep::kBlockingHyphen));
    const Coda prev = i == 0 ? Coda::kNone : sf[i - 1].coda;
    if (i > 0) {
      if (sep == Sep::kSourceHyphen || sep == Sep::kInsertedHyphen ||
          sep == Sep::kBlockingHyphen) {
        out += '-';
      } else if (sep == Sep::kNameJoin) {
        if (mr) out += '-';
        if (dprk) out += ' ';
      }
    }
    Surface s = sf[i];
    if (mr) {
      // MR spells pronunciation: the y-glide is not heard after ㅅ ㅈ ㅊ (셔 = [서]), and in
      // older spellings ㄷ ㅌ before a y-vowel were palatalised (뎡 = [정], 텬 = [천]).
      const bool yglide = IsIotizedOrI(s.medial) && s.medial != kI;
      if (yglide) {
        if (s.onset == kD) s.onset = kJ;
        if (s.onset == kT) s.onset = kCh;
        if (s.onset == kDD) s.onset = kJJ;
        if (s.onset == kS || s.onset == kSS || s.onset == kJ || s.onset == kJJ ||
            s.onset == kCh) {
          s.medial = DropGlide(s.medial);
        }
      }
      out += McCuneOnset(s.onset, start, prev, s.medial);
      out += kVowelsMr[s.medial];
    } else if (dprk) {
      const bool generic =
          i > 0 && i + 1 == sf.size() && sf.size() >= 3 && sep == Sep::kNone &&
          IsDprkGenericTerm(w.syl[i]);
      out += DprkOnset(s.onset, start, prev, generic);
      out += kVowelsMr[s.medial];
    } else {
      out += RrOnset(s.onset, start ? Coda::kNone : prev);
      out += kVowelsRr[s.medial];
    }
    const bool has_next = i + 1 < sf.size();
    const int8_t next_onset = has_next ? sf[i + 1].onset : -1;
    if (mr) {
      const bool next_g = has_next && next_onset == kG && w.sep[i + 1] != Sep::kInsertedHyphen &&
                          w.sep[i + 1] == Sep::kNone;
      out += McCuneCoda(s.coda, has_next ? next_onset : -1, next_g);
    } else if (dprk) {
      out += CodaLetters(s.coda);
      // 판교 Phan-gyo: a hyphen keeps n + g from reading as ng.
      if (s.coda == Coda::kN && has_next && next_onset == kG && w.sep[i + 1] == Sep::kNone) {
        out += '-';
      }
    } else {
      out += CodaLetters(s.coda);
    }
  }
  return out;
}

// Yale: a transliteration of the spelling, letter by letter (Martin 1992).
std::string YaleSyllable(const Syllable& s) {
  static constexpr std::array<std::string_view, kInitialCount> kOn = {
      "k", "kk", "n", "t", "tt", "l", "m", "p", "pp", "s", "ss", "", "c", "cc", "ch", "kh", "th",
      "ph", "h"};
  static constexpr std::array<std::string_view, kFinalCount> kFin = {
      "",   "k",   "kk",  "ks", "n",  "nc", "nh", "t",  "l",  "lk", "lm", "lp", "ls", "lth",
      "lph", "lh", "m",   "p",  "ps", "s",  "ss", "ng", "c",  "ch", "kh", "th", "ph", "h"};
  std::string out(kOn[s.initial]);
  const bool labial = s.initial == kM || s.initial == kB || s.initial == kBB || s.initial == kP;
  if (labial && s.medial == kU) {
    out += "u";  // the w of wu is predictable after a labial
  } else {
    out += kVowelsYale[s.medial];
  }
  out += kFin[s.final];
  return out;
}

std::string SpellYale(const Word& w) {
  std::string out;
  for (size_t i = 0; i < w.syl.size(); ++i) {
    if (i > 0) {
      if (w.sep[i] == Sep::kSourceHyphen || w.sep[i] == Sep::kInsertedHyphen ||
          w.sep[i] == Sep::kBlockingHyphen) {
        out += '-';
      } else if (w.syl[i].initial == kNone && w.syl[i - 1].final != kNoFinal) {
        out += '.';  // 한아 han.a, not hana (하나)
      }
    }
    out += YaleSyllable(w.syl[i]);
  }
  return out;
}

std::string SpellWordFor(const Word& w, RomanizationSystem system) {
  switch (system) {
    case RomanizationSystem::kYale: return SpellYale(w);
    case RomanizationSystem::kCommonSpelling: {
      std::string out;
      for (size_t i = 0; i < w.syl.size(); ++i) {
        if (i > 0 && w.sep[i] != Sep::kNone) out += '-';
        out += internal::CommonSyllable(w.syl[i]);
      }
      return out;
    }
    case RomanizationSystem::kMcCuneAscii: return internal::StripMcCuneDiacritics(
        SpellWord(w, RomanizationSystem::kMcCuneReischauer));
    default: return SpellWord(w, system);
  }
}

// ---------------------------------------------------------------------------------------------
// Numbers and administrative units in place names.

// Sino-Korean reading of 1..9999 ("12" -> 십이); empty when out of range.
std::u32string SinoKoreanNumber(std::u32string_view digits) {
  if (digits.empty() || digits.size() > 4) return {};
  int n = 0;
  for (char32_t d : digits) n = n * 10 + static_cast<int>(d - '0');
  if (n == 0) return {};
  static constexpr char32_t kDigit[] = {0, U'일', U'이', U'삼', U'사', U'오', U'육', U'칠', U'팔', U'구'};
  static constexpr char32_t kUnit[] = {0, U'십', U'백', U'천'};
  std::u32string out;
  for (int p = 3; p >= 0; --p) {
    int pow = 1;
    for (int k = 0; k < p; ++k) pow *= 10;
    const int d = (n / pow) % 10;
    if (d == 0) continue;
    if (p == 0 || d > 1) out += kDigit[d];
    if (p > 0) out += kUnit[p];
  }
  return out;
}

bool IsAdminUnit(char32_t cp) {
  switch (cp) {
    case U'도': case U'시': case U'군': case U'구': case U'읍': case U'면': case U'리':
    case U'동': case U'가':
      return true;
    default:
      return false;
  }
}

// RR and MR read "1동" as "Il-dong"/"Il-tong": rewrite digits before a one-syllable unit as
// Hangul, as a separate word.
std::u32string ReadPlaceNumbers(std::u32string_view in, RomanizationSystem system) {
  std::u32string out;
  size_t i = 0;
  while (i < in.size()) {
    if (!IsAsciiDigit(in[i])) {
      out += in[i++];
      continue;
    }
    size_t j = i;
    while (j < in.size() && IsAsciiDigit(in[j])) ++j;
    const bool hyphen = j < in.size() && in[j] == '-';
    const size_t unit = hyphen ? j + 1 : j;
    const bool unit_ok = unit < in.size() && IsAdminUnit(in[unit]) &&
                         (unit + 1 == in.size() || !IsHangulSyllable(in[unit + 1]));
    const bool after_letters = i == 0 || IsHangulSyllable(in[i - 1]) || in[i - 1] == ' ';
    std::u32string reading = SinoKoreanNumber(in.substr(i, j - i));
    if (!unit_ok || !after_letters || reading.empty()) {
      out.append(in.substr(i, j - i));
      i = j;
      continue;
    }
    if (i > 0 && IsHangulSyllable(in[i - 1])) out += ' ';
    out += reading;
    const bool mr = system == RomanizationSystem::kMcCuneReischauer ||
                    system == RomanizationSystem::kMcCuneAscii;
    out += mr ? U'-' : kInsertedHyphenMark;
    i = unit;
  }
  return out;
}

bool IsWordChar(char32_t c) {
  return IsHangulSyllable(c) || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') ||
         (c >= 'a' && c <= 'z') || c >= 0x80;
}

}  // namespace

namespace internal {

std::string SpellNameWord(const Word& w, RomanizationSystem system) {
  return SpellWordFor(w, system);
}

std::string CapitalizeFirst(std::string_view s) {
  std::string out(s);
  if (out.empty()) return out;
  const unsigned char c = out[0];
  if (c >= 'a' && c <= 'z') {
    out[0] = static_cast<char>(c - 'a' + 'A');
  } else if (out.compare(0, 2, "ŏ") == 0) {
    out.replace(0, 2, "Ŏ");
  } else if (out.compare(0, 2, "ŭ") == 0) {
    out.replace(0, 2, "Ŭ");
  }
  return out;
}

std::string StripMcCuneDiacritics(std::string_view s) {
  std::string out;
  size_t pos = 0;
  while (pos < s.size()) {
    const char32_t cp = DecodeUtf8(s, &pos);
    switch (cp) {
      case U'ŏ': out += 'o'; break;
      case U'Ŏ': out += 'O'; break;
      case U'ŭ': out += 'u'; break;
      case U'Ŭ': out += 'U'; break;
      case U'’': case U'\'': break;
      default: AppendUtf8(cp, &out);
    }
  }
  return out;
}

}  // namespace internal

std::string_view SystemName(RomanizationSystem system) {
  switch (system) {
    case RomanizationSystem::kRevised: return "rr";
    case RomanizationSystem::kMcCuneReischauer: return "mr";
    case RomanizationSystem::kMcCuneAscii: return "mr-ascii";
    case RomanizationSystem::kDprk: return "dprk";
    case RomanizationSystem::kYale: return "yale";
    case RomanizationSystem::kCommonSpelling: return "common";
  }
  return "unknown";
}

std::string Romanize(std::string_view hangul, RomanizationSystem system, bool is_name) {
  RomanizeOptions options;
  options.is_name = is_name;
  return Romanize(hangul, system, options);
}

std::string Romanize(std::string_view hangul, RomanizationSystem system,
                     const RomanizeOptions& options) {
  if (options.is_name) {
    std::string name;
    if (internal::RomanizeName(hangul, system, &name)) return name;
  }
  std::u32string cps = ToCodePoints(hangul);
  const bool rr_or_dprk =
      system == RomanizationSystem::kRevised || system == RomanizationSystem::kDprk;
  if (options.is_place && system != RomanizationSystem::kDprk &&
      system != RomanizationSystem::kYale) {
    cps = ReadPlaceNumbers(cps, system);
  }
  const bool capitalize = system != RomanizationSystem::kYale;
  std::string out;
  size_t i = 0;
  while (i < cps.size()) {
    if (!IsHangulSyllable(cps[i])) {
      if (cps[i] == kInsertedHyphenMark) {
        out += '-';
      } else {
        AppendUtf8(cps[i], &out);
      }
      ++i;
      continue;
    }
    const size_t word_begin = i;
    Word w;
    Sep sep = Sep::kNone;
    while (i < cps.size()) {
      Syllable s;
      if (!Decompose(cps[i], &s)) break;
      w.syl.push_back(s);
      w.sep.push_back(sep);
      ++i;
      if (i + 1 < cps.size() && IsHangulSyllable(cps[i + 1]) &&
          (cps[i] == '-' || cps[i] == kInsertedHyphenMark)) {
        // BGN/ALA-LC MR writes sound changes across a hyphen of the source (은중-리
        // Ŭnjung-ni); RR and the DPRK system use hyphens to stop them.
        const bool mr = system == RomanizationSystem::kMcCuneReischauer ||
                        system == RomanizationSystem::kMcCuneAscii;
        sep = cps[i] == kInsertedHyphenMark ? Sep::kInsertedHyphen
              : mr                          ? Sep::kSourceHyphen
                                            : Sep::kBlockingHyphen;
        ++i;
      } else {
        sep = Sep::kNone;
      }
    }
    if (options.is_place && rr_or_dprk && w.syl.size() >= 3 && w.sep.back() == Sep::kNone &&
        IsAdminUnit(Compose(w.syl.back()))) {
      w.sep.back() = Sep::kInsertedHyphen;
    }
    std::string spelled = SpellWordFor(w, system);
    const bool after_digit = word_begin > 0 && IsAsciiDigit(cps[word_begin - 1]);
    if (after_digit && options.is_place && system == RomanizationSystem::kDprk) {
      out += '-';  // 3.1동 -> 3.1-dong: the number is read aloud, so the unit is voiced
      if (spelled.size() >= 2 && spelled[1] != 'h' && spelled[1] != spelled[0]) {
        char& c = spelled[0];
        c = c == 'k' ? 'g' : c == 't' ? 'd' : c == 'p' ? 'b' : c;
      }
    } else if (capitalize && (word_begin == 0 || !IsWordChar(cps[word_begin - 1]))) {
      spelled = internal::CapitalizeFirst(spelled);
    }
    out += spelled;
  }
  return out;
}

}  // namespace recount::korean
