#include "linkage/korean_normalize.h"

#include <algorithm>

#include "base/korean/romanize.h"
#include "base/utf8.h"

namespace recount::linkage {
namespace {

// Canonical comparison key of a Hangul name: RR of its South form, folded, without spaces.
std::string CanonicalKey(std::string_view hangul) {
  std::string south = korean::NorthToSouthInitial(hangul);
  std::string key = FoldForSearch(
      korean::Romanize(south, korean::RomanizationSystem::kRevised, /*is_name=*/true));
  key.erase(std::remove(key.begin(), key.end(), ' '), key.end());
  return key;
}

class KoreanNameStage : public NameStage {
 public:
  std::string_view name() const override { return "korean"; }

  void Apply(std::vector<std::string>* variants) const override {
    std::vector<std::string> added;
    for (const std::string& v : *variants) {
      if (v.empty()) continue;
      if (korean::ContainsHangul(v)) {
        added.push_back(FoldForSearch(korean::NorthToSouthInitial(v)));
        added.push_back(CanonicalKey(v));
      } else if (LooksLatin(v)) {
        // Two best readings: enough to join common spellings without flooding comparisons.
        for (const std::string& h : korean::ParseRomanized(v, 2)) {
          added.push_back(CanonicalKey(h));
        }
      }
    }
    for (std::string& a : added) {
      if (!a.empty() && std::find(variants->begin(), variants->end(), a) == variants->end()) {
        variants->push_back(std::move(a));
      }
    }
  }

 private:
  static bool LooksLatin(std::string_view v) {
    for (unsigned char c : v) {
      if (c >= 0x80) return false;
    }
    return true;
  }
};

}  // namespace

std::unique_ptr<NameStage> MakeKoreanNameStage() { return std::make_unique<KoreanNameStage>(); }

}  // namespace recount::linkage
