#include "linkage/korean_normalize.h"

#include <gtest/gtest.h>

#include "base/utf8.h"

namespace recount::linkage {
namespace {

std::vector<std::string> Apply(const std::string& name) {
  std::vector<std::string> v = {FoldForSearch(name)};
  MakeKoreanNameStage()->Apply(&v);
  return v;
}

TEST(KoreanNameStageTest, SpellingsOfOneNameShareTheCanonicalKeyFirst) {
  struct Case {
    std::string a, b;
  };
  const Case cases[] = {
      {"김금순", "Kim Kum Sun"},
      {"리영희", "이영희"},
      {"리영희", "Lee Young-hee"},
      {"박미란", "Park Mi-ran"},
      {"한련금", "한 연금"},         // initial-sound rule on the given name too
      {"윤진희", "Chin-hui Yun"},    // given name first
      {"림성월", "Sungg-wol Lim"},   // a doubled letter typed by mistake
  };
  for (const Case& c : cases) {
    auto va = Apply(c.a);
    auto vb = Apply(c.b);
    ASSERT_FALSE(va.empty());
    ASSERT_FALSE(vb.empty());
    // The Hangul side's canonical key is among the romanised side's readings.
    EXPECT_NE(std::find(vb.begin(), vb.end(), va[0]), vb.end())
        << c.a << " -> " << va[0] << " vs " << c.b << " -> " << vb[0];
  }
}

TEST(KoreanNameStageTest, HangulKeyIsSouthFormInRevisedRomanization) {
  auto v = Apply("리영희");
  EXPECT_EQ(v[0], "i yeonghui");
  EXPECT_NE(std::find(v.begin(), v.end(), "이영희"), v.end());
}

TEST(KoreanNameStageTest, OtherScriptsPassThrough) {
  auto v = Apply("Иванов");
  ASSERT_EQ(v.size(), 1u);
}

}  // namespace
}  // namespace recount::linkage
