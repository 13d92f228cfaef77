// Clustering stage: records linked by pairs whose match probability reaches the threshold are
// grouped into connected components; components of three or more records are then re-clustered by
// constrained average linkage, so that a cluster held together only by a chain of links, or
// containing records that contradict each other, is split. docs/linkage.md#clustering.
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
  double threshold = 0.5;        // a link needs at least this probability
  // Two groups merge only if their mean pairwise probability is >= this. Lower than the link
  // threshold: each link already needs `threshold`; the average-link pass should only undo chains
  // whose members mostly contradict each other (docs/linkage.md#clustering).
  double average_link = 0.3;
  size_t max_exact_component = 300;  // larger components are split using their links only
  int max_per_source = 0;        // > 0: at most this many records of one source per cluster
};

struct Clustering {
  std::vector<uint32_t> cluster_of;  // per record
  uint32_t clusters = 0;
  std::vector<Link> links;           // links inside final clusters (the evidence kept)
  size_t split_components = 0;       // components changed by the average-link pass
};

Clustering Cluster(size_t n, const std::vector<Link>& links, const std::vector<int>& source,
                   const std::function<double(uint32_t, uint32_t)>& pair_probability,
                   const ClusterOptions& options);

}  // namespace recount::linkage
