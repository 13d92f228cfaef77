#include "linkage/constraints.h"

#include <gtest/gtest.h>

namespace recount::linkage {
namespace {

bool Together(const ConstrainedClustering& c, uint32_t a, uint32_t b) {
  return c.cluster_of[a] == c.cluster_of[b];
}

TEST(ApplyPairConstraints, NoDecisionsKeepsClusters) {
  std::vector<uint32_t> cl = {5, 5, 7, 9};
  auto out = ApplyPairConstraints(cl, {{0, 1, 0.9f}}, {}, {});
  EXPECT_EQ(out.clusters, 3u);
  EXPECT_TRUE(Together(out, 0, 1));
  EXPECT_FALSE(Together(out, 1, 2));
}

TEST(ApplyPairConstraints, AcceptedPairMergesClusters) {
  std::vector<uint32_t> cl = {0, 0, 1, 2};
  auto out = ApplyPairConstraints(cl, {}, {{1, 2}}, {});
  EXPECT_TRUE(Together(out, 0, 2));
  EXPECT_FALSE(Together(out, 0, 3));
  EXPECT_EQ(out.stats.accepted_applied, 1u);
  EXPECT_EQ(out.clusters, 2u);
}

TEST(ApplyPairConstraints, RejectedPairSplitsChainAtWeakestLink) {
  // 0-1-2-3 chain held together; 0 and 3 rejected: the weakest link (1-2) is the one dropped.
  std::vector<uint32_t> cl = {0, 0, 0, 0, 1};
  std::vector<Link> links = {{0, 1, 0.95f}, {1, 2, 0.55f}, {2, 3, 0.9f}};
  auto out = ApplyPairConstraints(cl, links, {}, {{0, 3}});
  EXPECT_FALSE(Together(out, 0, 3));
  EXPECT_TRUE(Together(out, 0, 1));
  EXPECT_TRUE(Together(out, 2, 3));
  EXPECT_FALSE(Together(out, 1, 2));
  EXPECT_EQ(out.stats.rejected_split, 1u);
  EXPECT_EQ(out.stats.clusters_rebuilt, 1u);
  EXPECT_EQ(out.clusters, 3u);
}

TEST(ApplyPairConstraints, RejectedDirectPairOnlyLinkIsCut) {
  std::vector<uint32_t> cl = {0, 0};
  auto out = ApplyPairConstraints(cl, {{0, 1, 0.99f}}, {}, {{1, 0}});
  EXPECT_FALSE(Together(out, 0, 1));
}

TEST(ApplyPairConstraints, AcceptConflictingWithRejectIsReportedAndRejectWins) {
  // 0 and 1 together, 2 alone; accept 1-2 but reject 0-2.
  std::vector<uint32_t> cl = {0, 0, 1};
  auto out = ApplyPairConstraints(cl, {{0, 1, 0.9f}}, {{1, 2}}, {{0, 2}});
  EXPECT_FALSE(Together(out, 0, 2));
  EXPECT_EQ(out.stats.conflicts, 1u);
}

TEST(ApplyPairConstraints, AcceptedPairInsideRebuiltClusterStaysTogether) {
  // 0-1 accepted although their scored link is weak; 0-2 rejected; all three were one cluster.
  std::vector<uint32_t> cl = {0, 0, 0};
  std::vector<Link> links = {{0, 2, 0.9f}, {1, 2, 0.8f}};
  auto out = ApplyPairConstraints(cl, links, {{0, 1}}, {{0, 2}});
  EXPECT_TRUE(Together(out, 0, 1));
  EXPECT_FALSE(Together(out, 0, 2));
  EXPECT_FALSE(Together(out, 1, 2));
}

}  // namespace
}  // namespace recount::linkage
