// Clustering stage: records linked by pairs whose match probability reaches the threshold are
// grouped into connected components; components of three or more records are then re-clustered by
// constrained agglomeration (a group-level posterior by default, or average linkage), so that a
// cluster held together only by a chain of links, or containing records that contradict each
// other, is split. docs/linkage.md#clustering.
//
// Contract: Cluster() returns one cluster id per record (0..k-1, singletons included) and the links
// that formed each cluster with their probabilities. `pair_probability(i, j)` scores any pair on
// demand (used inside components only). Thread-safety: pure function of its inputs.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

namespace recount::linkage {

struct Link {
  uint32_t i, j;
  float probability;
};

struct ClusterOptions {
  double threshold = 0.5;  // a link needs at least this probability
  // How the pass inside a component decides to merge two groups A and B
  // (docs/linkage.md#clustering).
  enum class Merge : uint8_t {
    // The model's own rule, no extra bar: prior log odds of one pair + the largest log Bayes
    // factor between A and B (the best direct evidence that they are one person, counted once
    // because records of one person agree on the same true values) + every negative log Bayes
    // factor between them (each contradiction counts), at least the link threshold's log odds.
    // For two single records this is exactly the link rule (probability >= threshold); a pair
    // whose comparison says nothing (probability = prior) neither helps nor hurts.
    kPosterior,
    // Mean pairwise probability at least `average_link` (the rule before 2026-11-29; chosen when
    // a config sets average_link).
    kAverageProbability,
  };
  Merge merge = Merge::kPosterior;
  // Natural log of the prior odds lambda / (1 - lambda) of a pair being a match (Model::lambda),
  // set by the caller from the fitted model. 0 means "not set": kPosterior then falls back to
  // kAverageProbability.
  double prior_log_odds = 0.0;
  double average_link = 0.3;         // kAverageProbability only
  size_t max_exact_component = 300;  // larger components are split using their links only
  int max_per_source = 0;            // > 0: at most this many records of one source per cluster
};

struct Clustering {
  std::vector<uint32_t> cluster_of;  // per record
  uint32_t clusters = 0;
  std::vector<Link> links;      // links inside final clusters (the evidence kept)
  size_t split_components = 0;  // components changed by the average-link pass
};

Clustering Cluster(size_t n, const std::vector<Link>& links, const std::vector<int>& source,
                   const std::function<double(uint32_t, uint32_t)>& pair_probability,
                   const ClusterOptions& options);

}  // namespace recount::linkage
