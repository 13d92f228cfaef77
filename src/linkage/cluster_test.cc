#include "linkage/cluster.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>

namespace recount::linkage {
namespace {

// A chain a-b-c-d where only neighbours look alike: single linkage joins all four, the
// average-link pass splits the chain.
TEST(ClusterTest, SplitsWeakChain) {
  std::map<std::pair<uint32_t, uint32_t>, double> p = {{{0, 1}, 0.95}, {{1, 2}, 0.6},
                                                       {{2, 3}, 0.95}, {{0, 2}, 0.05},
                                                       {{0, 3}, 0.01}, {{1, 3}, 0.05}};
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

// The posterior merge rule (the default once the caller gives the prior).
ClusterOptions PosteriorOptions(double lambda) {
  ClusterOptions o;
  o.prior_log_odds = std::log(lambda / (1 - lambda));
  return o;
}

// A chain 0-1-2 where 0 and 2 contradict each other: 1 stays with the one it matches best.
TEST(ClusterTest, PosteriorSplitsContradictingChain) {
  const double lambda = 1e-4;
  std::map<std::pair<uint32_t, uint32_t>, double> p = {
      {{0, 1}, 0.999}, {{1, 2}, 0.9}, {{0, 2}, 1e-9}};
  std::vector<Link> links = {{0, 1, 0.999f}, {1, 2, 0.9f}};
  auto prob = [&](uint32_t i, uint32_t j) { return p.at({std::min(i, j), std::max(i, j)}); };
  Clustering c = Cluster(3, links, {0, 1, 2}, prob, PosteriorOptions(lambda));
  EXPECT_EQ(c.clusters, 2u);
  EXPECT_EQ(c.cluster_of[0], c.cluster_of[1]);
  EXPECT_NE(c.cluster_of[1], c.cluster_of[2]);
}

// A weak record (no name, an age only) links strongly to one record of a person recorded by four
// lists and says nothing about the others (probability = prior): it joins the person. The mean
// probability rule would split it off (mean 0.24 < 0.3).
TEST(ClusterTest, PosteriorKeepsWeakRecordThatContradictsNobody) {
  const double lambda = 1e-4;
  auto prob = [&](uint32_t i, uint32_t j) {
    if (i > j) std::swap(i, j);
    if (j < 4) return 0.999;        // the four records of the person
    return i == 0 ? 0.97 : lambda;  // record 4: linked to 0 only, no evidence about 1-3
  };
  std::vector<Link> links = {{0, 1, 0.999f}, {1, 2, 0.999f}, {2, 3, 0.999f}, {0, 4, 0.97f}};
  Clustering posterior = Cluster(5, links, {0, 1, 2, 3, 4}, prob, PosteriorOptions(lambda));
  EXPECT_EQ(posterior.clusters, 1u);
  ClusterOptions mean;
  mean.merge = ClusterOptions::Merge::kAverageProbability;
  mean.prior_log_odds = std::log(lambda / (1 - lambda));
  Clustering average = Cluster(5, links, {0, 1, 2, 3, 4}, prob, mean);
  EXPECT_EQ(average.clusters, 2u);
}

// A record whose best link is strong but that contradicts two members of a group stays out:
// contradictions add up. Without the contradictions it joins.
TEST(ClusterTest, PosteriorSumsContradictions) {
  const double lambda = 1e-3;
  std::map<std::pair<uint32_t, uint32_t>, double> p = {
      {{0, 1}, 0.999}, {{0, 2}, 0.999},
      {{1, 2}, 0.999}, {{0, 3}, 0.95},  // strong link of 3 to 0: log BF = ln(19) + ln(999) ~ 9.8
      {{1, 3}, 1e-6},                   // two contradictions, log BF ~ -13.8 + 6.9 = -6.9 each
      {{2, 3}, 1e-6}};
  std::vector<Link> links;
  for (auto& [k, v] : p) {
    if (v >= 0.5) links.push_back({k.first, k.second, static_cast<float>(v)});
  }
  auto prob = [&](uint32_t i, uint32_t j) { return p.at({std::min(i, j), std::max(i, j)}); };
  Clustering c = Cluster(4, links, {0, 1, 2, 3}, prob, PosteriorOptions(lambda));
  EXPECT_EQ(c.clusters, 2u);
  EXPECT_EQ(c.cluster_of[0], c.cluster_of[2]);
  EXPECT_NE(c.cluster_of[0], c.cluster_of[3]);
  // The same strong link with no evidence either way about 1 and 2 (probability = prior):
  // score = ln(lambda odds) + 9.8 = 2.9 >= 0, so 3 joins.
  p[{1, 3}] = lambda;
  p[{2, 3}] = lambda;
  EXPECT_EQ(Cluster(4, links, {0, 1, 2, 3}, prob, PosteriorOptions(lambda)).clusters, 1u);
}

// For two single records the posterior rule is the link rule (0.6 >= 0.5: linked). A pair below
// the threshold inside a chain is not a contradiction when it is still above the prior.
TEST(ClusterTest, PosteriorIsTheLinkRuleForPairs) {
  const double lambda = 1e-4;
  std::map<std::pair<uint32_t, uint32_t>, double> p = {{{0, 1}, 0.6}, {{1, 2}, 0.6}, {{0, 2}, 0.4}};
  std::vector<Link> links = {{0, 1, 0.6f}, {1, 2, 0.6f}};
  auto prob = [&](uint32_t i, uint32_t j) { return p.at({std::min(i, j), std::max(i, j)}); };
  // 0.4 is still far above the prior (evidence for a match), so the three stay together.
  EXPECT_EQ(Cluster(3, links, {0, 1, 2}, prob, PosteriorOptions(lambda)).clusters, 1u);
  // Evidence against (probability below the prior) between 0 and 2 splits the chain.
  p[{0, 2}] = 1e-8;
  EXPECT_EQ(Cluster(3, links, {0, 1, 2}, prob, PosteriorOptions(lambda)).clusters, 2u);
}

}  // namespace
}  // namespace recount::linkage
