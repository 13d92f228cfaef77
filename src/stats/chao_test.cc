#include "stats/chao.h"

#include <gtest/gtest.h>

#include "stats/test_tables.h"

namespace recount::stats {
namespace {

TEST(Chao, HandComputedOnKosovo) {
  CaptureTable t = testing::LoadTable("kosovo");
  auto r = ChaoLowerBound(t);
  ASSERT_TRUE(r.ok());
  // f1 = 1131 + 845 + 936 + 306 = 3218; f2 = 177 + 228 + 106 + 217 + 31 + 123 = 882.
  EXPECT_EQ(r->f1, 3218);
  EXPECT_EQ(r->f2, 882);
  const double f0 = 0.75 * 3218.0 * 3218.0 / (2 * 882.0);
  EXPECT_NEAR(r->unobserved, f0, 1e-9);
  EXPECT_NEAR(r->total, 4400 + f0, 1e-9);
  EXPECT_LT(r->lower, r->total);
  EXPECT_GT(r->upper, r->total);
  EXPECT_GT(r->lower, 4400);
}

TEST(Chao, BiasCorrectedWhenNoDoubletons) {
  auto t = CaptureTable::FromCounts({"A", "B", "C"}, {{1, 5}, {2, 3}, {4, 2}, {7, 4}});
  ASSERT_TRUE(t.ok());
  auto r = ChaoLowerBound(*t);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->bias_corrected);
  EXPECT_NEAR(r->unobserved, (2.0 / 3.0) * 10 * 9 / 2, 1e-9);
}

}  // namespace
}  // namespace recount::stats
