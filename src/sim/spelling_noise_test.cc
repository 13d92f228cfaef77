#include "sim/spelling_noise.h"

#include <gtest/gtest.h>

#include <set>

#include "base/korean/romanize.h"
#include "base/utf8.h"

namespace recount::sim {
namespace {

TEST(FormatDateTest, UsesOnlyTheDocumentedSyntaxes) {
  Rng rng(1);
  EXPECT_EQ(FormatDate(2015, 3, 5, DatePrecision::kDay, false, rng), "2015-03-05");
  EXPECT_EQ(FormatDate(2015, 3, 5, DatePrecision::kMonth, false, rng), "2015-03");
  EXPECT_EQ(FormatDate(2015, 3, 5, DatePrecision::kYear, false, rng), "2015");
  EXPECT_EQ(FormatDate(2015, 3, 5, DatePrecision::kDay, true, rng), "2015년 3월 5일");
  EXPECT_EQ(FormatDate(2015, 3, 5, DatePrecision::kMonth, true, rng), "2015년 3월");
  EXPECT_EQ(FormatDate(2015, 3, 5, DatePrecision::kYear, true, rng), "2015년");
  EXPECT_EQ(FormatDate(2015, 3, 5, DatePrecision::kApproximate, true, rng), "약 2015");
  const std::set<std::string> approx = {"2015~", "c. 2015", "about 2015"};
  for (int i = 0; i < 20; ++i) {
    EXPECT_TRUE(approx.count(FormatDate(2015, 3, 5, DatePrecision::kApproximate, false, rng)));
  }
}

TEST(FormatDateTest, RangesContainTheTrueDate) {
  Rng rng(2);
  for (int i = 0; i < 200; ++i) {
    const int month = 1 + i % 12;
    const std::string r = FormatDate(2010, month, 15, DatePrecision::kRange, false, rng);
    const size_t slash = r.find('/');
    ASSERT_NE(slash, std::string::npos) << r;
    const std::string lo = r.substr(0, slash), hi = r.substr(slash + 1);
    ASSERT_EQ(lo.size(), hi.size()) << r;
    char key[8];
    std::snprintf(key, sizeof key, "%04d-%02d", 2010, month);
    const std::string truth = std::string(key).substr(0, lo.size());
    EXPECT_LE(lo, truth) << r;
    EXPECT_GE(hi, truth) << r;
  }
}

TEST(TypoTest, ChangesTextAndKeepsUtf8Valid) {
  Rng rng(3);
  int changed = 0;
  for (int i = 0; i < 200; ++i) {
    for (const char* s : {"Kim Sun-hee", "김순희", "리금순", "Pak"}) {
      const std::string t = SpellingNoise::Typo(s, rng);
      EXPECT_TRUE(IsValidUtf8(t)) << t;
      changed += t != s;
    }
  }
  EXPECT_GT(changed, 700);  // nearly always a visible change
}

TEST(TypoTest, HangulTyposAreConfusableSyllables) {
  Rng rng(4);
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) seen.insert(SpellingNoise::Typo("희", rng));
  // ㅢ -> ㅣ gives 히; no final to drop.
  EXPECT_TRUE(seen.count("히"));
}

TEST(AdHocTest, ProducesKnownVariants) {
  Rng rng(5);
  std::set<std::string> seen;
  for (int i = 0; i < 500; ++i) seen.insert(SpellingNoise::AdHoc("sun", rng));
  EXPECT_TRUE(seen.count("soon"));
  std::set<std::string> geum;
  for (int i = 0; i < 500; ++i) geum.insert(SpellingNoise::AdHoc("Geum", rng));
  EXPECT_TRUE(geum.count("Keum") || geum.count("Gum"));
}

TEST(LabelTest, AliasFollowsTheScriptPreference) {
  VocabTerm t{"rape", "Rape", "강간", {"rape", "강간", "성폭행"}};
  Rng rng(6);
  for (int i = 0; i < 50; ++i) {
    EXPECT_TRUE(korean::ContainsHangul(Label(t, LabelStyle::kAlias, rng, 1.0)));
    EXPECT_FALSE(korean::ContainsHangul(Label(t, LabelStyle::kAlias, rng, 0.0)));
  }
  EXPECT_EQ(Label(t, LabelStyle::kCode, rng), "rape");
  EXPECT_EQ(Label(t, LabelStyle::kKorean, rng), "강간");
}

}  // namespace
}  // namespace recount::sim
