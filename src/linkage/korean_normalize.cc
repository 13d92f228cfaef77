#include "linkage/korean_normalize.h"

#include <algorithm>

#include "base/korean/romanize.h"
#include "base/utf8.h"

namespace recount::linkage {
namespace {

constexpr size_t kReadings = 4;  // readings kept per romanised name

// Romanised, folded, with no spaces or hyphens.
std::string Rr(std::string_view hangul) {
  std::string key =
      FoldForSearch(korean::Romanize(hangul, korean::RomanizationSystem::kRevised, false));
  key.erase(std::remove(key.begin(), key.end(), ' '), key.end());
  return key;
}

// Canonical comparison key of a Hangul name: the South form, surname (first syllable) and given
// name romanised separately in RR and joined by a space: 리영희 -> "i yeonghui".
// The initial-sound rule applies to the surname and to the given name each as a word, as South
// Korean spelling writes them (리련희 -> 이 연희), whether or not the list put a space between.
std::string CanonicalKey(std::string_view hangul) {
  std::u32string cps = ToCodePoints(hangul);
  std::u32string syllables;
  for (char32_t c : cps) {
    if (korean::IsHangulSyllable(c)) syllables.push_back(c);
  }
  if (syllables.empty()) return std::string();
  std::string surname = Rr(korean::NorthToSouthInitial(FromCodePoints(syllables.substr(0, 1))));
  if (syllables.size() == 1) return surname;
  return surname + " " + Rr(korean::NorthToSouthInitial(FromCodePoints(syllables.substr(1))));
}

bool LooksLatin(std::string_view v) {
  for (unsigned char c : v) {
    if (c >= 0x80) return false;
  }
  return true;
}

class KoreanNameStage : public NameStage {
 public:
  std::string_view name() const override { return "korean"; }

  // Canonical keys go first: blocking keys are taken from the first variant.
  void Apply(std::vector<std::string>* variants) const override {
    std::vector<std::string> front;
    std::vector<std::string> back;
    for (const std::string& v : *variants) {
      if (v.empty()) continue;
      if (korean::ContainsHangul(v)) {
        front.push_back(CanonicalKey(v));
        back.push_back(FoldForSearch(korean::NorthToSouthInitial(v)));
      } else if (LooksLatin(v)) {
        // Four best readings: the parser ranks surname-first readings before Western order
        // ("Chin-hui Yun": 진희윤 진희연 윤진희 ...), so two would miss the given-name-first
        // spellings lists use; more would flood comparisons.
        std::vector<std::string> readings = korean::ParseRomanized(v, kReadings);
        if (readings.empty()) {
          // A doubled letter typed by mistake ("Sungg-wol") makes a name unparseable.
          std::string single;
          for (char c : v) {
            if (single.empty() || c != single.back() || c == ' ') single.push_back(c);
          }
          if (single != v) readings = korean::ParseRomanized(single, kReadings);
        }
        for (const std::string& h : readings) front.push_back(CanonicalKey(h));
      }
    }
    std::vector<std::string> out;
    auto add = [&out](std::string s) {
      if (!s.empty() && std::find(out.begin(), out.end(), s) == out.end()) out.push_back(std::move(s));
    };
    for (std::string& s : front) add(std::move(s));
    for (const std::string& s : *variants) add(s);
    for (std::string& s : back) add(std::move(s));
    *variants = std::move(out);
  }
};

}  // namespace

std::unique_ptr<NameStage> MakeKoreanNameStage() { return std::make_unique<KoreanNameStage>(); }

}  // namespace recount::linkage
