#include "stats/dga.h"

#include <gtest/gtest.h>

#include "stats/test_tables.h"

namespace recount::stats {
namespace {

// dga 2.0.2 (delta = 2^-k, p(N) ~ 1/N) reports posterior medians and 95% quantiles on an
// integer grid; we compute the same exact grid posterior, so only the quantile convention can
// differ (+-1). Tolerance: 0.5% of each figure (4-5 persons on Madigan-York, 50-80 on Kosovo).
void ExpectWithin(double got, double want) {
  EXPECT_NEAR(got, want, 0.005 * want) << "got " << got << " want " << want;
}

TEST(Dga, CountsDecomposableGraphs) {
  // Known counts of labelled chordal graphs: 8 on 3 vertices, 61 on 4, 822 on 5.
  EXPECT_EQ(RunDga(testing::LoadTable("madigan_york_3lists"), {})->graphs, 8);
  EXPECT_EQ(RunDga(testing::LoadTable("kosovo"), {})->graphs, 61);
  EXPECT_EQ(RunDga(testing::LoadTable("madigan_york_5lists"), {})->graphs, 822);
}

TEST(Dga, KosovoMatchesDgaPackage) {
  auto r = RunDga(testing::LoadTable("kosovo"), {});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ExpectWithin(r->median, 12595);
  ExpectWithin(r->lower, 9827);
  ExpectWithin(r->upper, 16544);
  EXPECT_FALSE(r->truncated);
}

TEST(Dga, MadiganYorkFiveLists) {
  auto r = RunDga(testing::LoadTable("madigan_york_5lists"), {});
  ASSERT_TRUE(r.ok());
  ExpectWithin(r->median, 618);
  ExpectWithin(r->lower, 590);
  ExpectWithin(r->upper, 656);
}

TEST(Dga, MadiganYorkThreeLists) {
  auto r = RunDga(testing::LoadTable("madigan_york_3lists"), {});
  ASSERT_TRUE(r.ok());
  ExpectWithin(r->median, 731);
  ExpectWithin(r->lower, 694);
  ExpectWithin(r->upper, 787);
}

TEST(Dga, RejectsSixLists) { EXPECT_FALSE(RunDga(testing::LoadTable("netherlands"), {}).ok()); }

}  // namespace
}  // namespace recount::stats
