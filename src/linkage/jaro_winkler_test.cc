#include "linkage/jaro_winkler.h"

#include <gtest/gtest.h>

#include <string>

namespace recount::linkage {
namespace {

// Published examples (Winkler 1990; also in Christen 2012, ch. 5), to 3 decimals.
TEST(JaroWinklerTest, PublishedValues) {
  struct Case {
    const char* a;
    const char* b;
    double jaro, jw;
  } cases[] = {
      {"martha", "marhta", 0.944, 0.961},
      {"dwayne", "duane", 0.822, 0.840},
      {"dixon", "dicksonx", 0.767, 0.813},
  };
  for (const auto& c : cases) {
    EXPECT_NEAR(Jaro(c.a, c.b), c.jaro, 0.001) << c.a << " " << c.b;
    EXPECT_NEAR(JaroWinkler(c.a, c.b), c.jw, 0.001) << c.a << " " << c.b;
    EXPECT_DOUBLE_EQ(JaroWinkler(c.a, c.b), JaroWinkler(c.b, c.a));
  }
}

TEST(JaroWinklerTest, EdgeCases) {
  EXPECT_EQ(JaroWinkler("", "abc"), 0.0);
  EXPECT_EQ(JaroWinkler("abc", ""), 0.0);
  EXPECT_EQ(JaroWinkler("abc", "abc"), 1.0);
  EXPECT_EQ(JaroWinkler("abc", "xyz"), 0.0);
  EXPECT_EQ(JaroWinkler("a", "b"), 0.0);
}

// The bit-parallel path (<= 64 bytes) and the classic path (longer) agree.
TEST(JaroWinklerTest, ShortAndLongPathsAgree) {
  std::string a = "abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxy";  // 61
  std::string b = "abcdefghijklmnopqrstuvwyxz0123456789abcdefghijklmnoqprstuvwxy";
  double short_path = Jaro(a, b);
  std::string pad(10, '#');
  double long_path = Jaro(a + pad, b + pad);  // > 64: classic path; same structure
  EXPECT_GT(short_path, 0.9);
  EXPECT_GT(long_path, 0.9);
  // Direct check of the classic path on a case computed by hand: martha/marhta padded identically
  // keeps matches m = n and one transposition.
  std::string x = "martha" + std::string(70, 'z'), y = "marhta" + std::string(70, 'z');
  double m = 76, t = 1;
  EXPECT_NEAR(Jaro(x, y), (m / 76 + m / 76 + (m - t) / m) / 3, 1e-12);
}

}  // namespace
}  // namespace recount::linkage
