#include "base/utf8.h"

#include <gtest/gtest.h>

namespace recount {
namespace {

TEST(Utf8Test, RejectsMalformedSequences) {
  struct Case {
    std::string_view text;
    bool valid;
  };
  const Case cases[] = {
      {"plain", true},           {"김금순", true},          {"\xC3\x28", false},
      {"\xE0\x80\xAF", false},   {"\xED\xA0\x80", false},   {"\xF4\x90\x80\x80", false},
      {"abc\xFF", false},        {"\xEA\xB9", false},       {"", true},
  };
  for (const Case& c : cases) EXPECT_EQ(IsValidUtf8(c.text), c.valid) << c.text;
  EXPECT_EQ(FirstInvalidUtf8("abc\xFF"), 3u);
}

TEST(Utf8Test, DecodeAndEncodeRoundTrip) {
  std::string s = "Kim 김 ŏ 𝄞";
  EXPECT_EQ(FromCodePoints(ToCodePoints(s)), s);
  EXPECT_EQ(ToCodePoints("김").size(), 1u);
}

TEST(Utf8Test, NfcComposesJamo) {
  // ᄀ ᅵ ᆷ (conjoining jamo) compose to 김.
  auto r = NormalizeNfc("\xE1\x84\x80\xE1\x85\xB5\xE1\x86\xB7");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(*r, "김");
  EXPECT_FALSE(NormalizeNfc("\xFF").ok());
}

TEST(Utf8Test, FoldForSearchIgnoresCaseMarksAndPunctuation) {
  EXPECT_EQ(FoldForSearch("  Kŭm-Sun  "), "kum sun");
  EXPECT_EQ(FoldForSearch("P'yŏngyang"), "pyongyang");
  EXPECT_EQ(FoldForSearch("김 금순"), "김 금순");
  EXPECT_EQ(FoldForSearch("ＫＩＭ"), "kim");
  EXPECT_EQ(FoldForSearch("\xFF"), "");
}

TEST(Utf8Test, TrimAndSplit) {
  EXPECT_EQ(Trim("\xEF\xBB\xBF  a b \t"), "a b");
  EXPECT_EQ(Trim("\xE3\x80\x80x\xC2\xA0"), "x");
  auto parts = SplitList(" a; b ;;c ", ';');
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[2], "c");
}

}  // namespace
}  // namespace recount
