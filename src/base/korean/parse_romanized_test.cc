#include <algorithm>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "base/korean/romanize.h"

namespace recount::korean {
namespace {

using S = RomanizationSystem;

bool Contains(const std::vector<std::string>& v, std::string_view s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += s + " ";
  return out;
}

TEST(ParseRomanized, RealisticSpellings) {
  struct Case {
    const char* latin;
    const char* hangul;
    size_t within;  // must appear among the first `within` candidates
  };
  const Case cases[] = {
      {"Keum-Soon", "금순", 1},      {"Kum Sun", "금순", 4},        {"Geumsun", "금순", 2},
      {"Ri Myong Hui", "리명희", 1}, {"Lee Young-hee", "이영희", 1}, {"Piao", "박", 1},
      {"Park", "박", 1},             {"Choi Sung-min", "최성민", 2}, {"Kim Jong Un", "김정운", 8},
      {"Kim Jŏng-ŭn", "김정은", 4},  {"Pak Chŏng-hŭi", "박정희", 2}, {"Yoon Eun-ji", "윤은지", 1},
      {"Jang Mi-ran", "장미란", 2},  {"Rim Chun-hwa", "림춘화", 1},  {"Cui", "최", 1},
      {"Hyun-joo", "현주", 2},       {"Mina", "미나", 1},
      {"Keum-soon Kim", "김금순", 2},  // Western order
  };
  for (const Case& c : cases) {
    const std::vector<std::string> got = ParseRomanized(c.latin, 16);
    ASSERT_FALSE(got.empty()) << c.latin;
    const auto it = std::find(got.begin(), got.end(), c.hangul);
    ASSERT_NE(it, got.end()) << c.latin << ": " << Join(got);
    EXPECT_LT(static_cast<size_t>(it - got.begin()), c.within) << c.latin << ": " << Join(got);
  }
}

TEST(ParseRomanized, MaxCandidatesAndEmptyInput) {
  EXPECT_LE(ParseRomanized("Kim Keum-soon", 3).size(), 3u);
  EXPECT_TRUE(ParseRomanized("", 8).empty());
  EXPECT_TRUE(ParseRomanized("123 !!", 8).empty());
  EXPECT_TRUE(ParseRomanized("Kim", 0).empty());
  EXPECT_TRUE(ParseRomanized("xzqj", 8).empty());  // no syllable spells this
}

TEST(ParseRomanized, HostileInputIsBounded) {
  // Long, many-token and ambiguous inputs return (possibly nothing) without blowing up.
  EXPECT_TRUE(ParseRomanized(std::string(100000, 'a'), 8).empty());
  std::string many;
  for (int i = 0; i < 50; ++i) many += "kim ";
  EXPECT_TRUE(ParseRomanized(many, 8).empty());
  EXPECT_LE(ParseRomanized("eoeoeoeoeoeoeoeoeoeoeoeo", 8).size(), 8u);
  EXPECT_LE(ParseRomanized("\xff\xfe\xfd", 8).size(), 8u);
}

// Romanize a name, parse it back: the original must be among the candidates.
TEST(ParseRomanized, RoundTripOverCommonNames) {
  const char* kNames[] = {
      "김금순", "이영희", "박정희", "최성민", "정철수", "강혜원", "조미숙", "윤은지", "장미란",
      "임현숙", "한순희", "오정숙", "서영철", "신경숙", "권순자", "황진주", "안명철", "송혜진",
      "홍길동", "전옥순", "고영남", "문재인", "손미자", "배영수", "백선희", "허정민", "남춘화",
      "심은경", "노영옥", "하정민", "리명희", "리설주", "림춘화", "김정은", "김일성", "박금옥",
      "최은희", "리순실", "김영순", "박춘자", "정향란", "김복희", "리영호", "조선옥", "한금녀",
  };
  const S kSystems[] = {S::kRevised, S::kMcCuneReischauer, S::kMcCuneAscii, S::kDprk,
                        S::kCommonSpelling};
  int total = 0;
  int found = 0;
  int first = 0;
  for (S system : kSystems) {
    for (const char* name : kNames) {
      const std::string latin = Romanize(name, system, /*is_name=*/true);
      const std::vector<std::string> got = ParseRomanized(latin, 16);
      ++total;
      if (Contains(got, name)) ++found;
      if (!got.empty() && got[0] == name) ++first;
      EXPECT_TRUE(Contains(got, name))
          << SystemName(system) << ": " << name << " -> " << latin << " -> " << Join(got);
    }
  }
  std::printf("round trip: %d/%d found in top 16, %d/%d ranked first\n", found, total, first,
              total);
  EXPECT_EQ(found, total);
  EXPECT_GE(first, 220);  // measured: 220 of 225 ranked first (ambiguity ㅓ/ㅗ, ㅈ/ㅊ in MR)
}

}  // namespace
}  // namespace recount::korean
