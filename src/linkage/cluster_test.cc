#include "linkage/cluster.h"

#include <gtest/gtest.h>

#include <map>

namespace recount::linkage {
namespace {

// A chain a-b-c-d where only neighbours look alike: single linkage joins all four, the
// average-link pass splits the chain.
TEST(ClusterTest, SplitsWeakChain) {
  std::map<std::pair<uint32_t, uint32_t>, double> p = {
      {{0, 1}, 0.95}, {{1, 2}, 0.6}, {{2, 3}, 0.95}, {{0, 2}, 0.05}, {{0, 3}, 0.01}, {{1, 3}, 0.05}};
  std::vector<Link> links;
  for (auto& [k, v] : p) links.push_back({k.first, k.second, static_cast<float>(v)});
  auto prob = [&](uint32_t i, uint32_t j) { return p.at({std::min(i, j), std::max(i, j)}); };
  Clustering c = Cluster(4, links, {0, 0, 0, 0}, prob, ClusterOptions{});
  EXPECT_EQ(c.clusters, 2u);
  EXPECT_EQ(c.cluster_of[0], c.cluster_of[1]);
  EXPECT_EQ(c.cluster_of[2], c.cluster_of[3]);
  EXPECT_NE(c.cluster_of[0], c.cluster_of[2]);
  EXPECT_EQ(c.split_components, 1u);
  EXPECT_EQ(c.links.size(), 2u);  // the 0.6 link no longer holds a cluster together
}

TEST(ClusterTest, KeepsCoherentGroupAndSingletons) {
  std::vector<Link> links = {{0, 1, 0.9f}, {1, 2, 0.9f}, {0, 2, 0.7f}, {3, 4, 0.3f}};
  auto prob = [&](uint32_t i, uint32_t j) {
    for (auto& l : links) {
      if ((l.i == i && l.j == j) || (l.i == j && l.j == i)) return double(l.probability);
    }
    return 0.0;
  };
  Clustering c = Cluster(5, links, {0, 0, 0, 0, 0}, prob, ClusterOptions{});
  EXPECT_EQ(c.clusters, 3u);  // {0,1,2} {3} {4}: the 0.3 link is below the threshold
  EXPECT_EQ(c.cluster_of[0], c.cluster_of[2]);
  EXPECT_NE(c.cluster_of[3], c.cluster_of[4]);
}

TEST(ClusterTest, MaxPerSourceKeepsOneRecordPerList) {
  // Records 0 and 1 from list 0 both look like record 2 from list 1.
  std::vector<Link> links = {{0, 2, 0.99f}, {1, 2, 0.8f}};
  auto prob = [&](uint32_t i, uint32_t j) {
    if (i > j) std::swap(i, j);
    return i == 0 && j == 2 ? 0.99 : i == 1 && j == 2 ? 0.8 : 0.7;
  };
  ClusterOptions opt;
  opt.max_per_source = 1;
  Clustering c = Cluster(3, links, {0, 0, 1}, prob, opt);
  EXPECT_EQ(c.cluster_of[0], c.cluster_of[2]);
  EXPECT_NE(c.cluster_of[1], c.cluster_of[2]);
}

}  // namespace
}  // namespace recount::linkage
