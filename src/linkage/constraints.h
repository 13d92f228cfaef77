// Reviewed decisions as clustering constraints (docs/linkage.md#review-queue): a reviewer's
// accepted pairs are must-links, rejected pairs cannot-links (Wagstaff & Cardie 2000's two kinds
// of instance-level constraint).
//
// ApplyPairConstraints changes a clustering as little as it can so that:
//   1. the two records of every accepted pair are in one cluster (their clusters are merged),
//      unless the merge would put the two records of a rejected pair together: then the pair
//      counts as a conflict and rejection wins (it is reported, never merged silently);
//   2. no cluster holds both records of a rejected pair: such a cluster is rebuilt from singletons
//      by greedy merging over its links, accepted pairs first, then strongest link first, skipping
//      every merge that would join a rejected pair (constrained single linkage).
// Clusters without a decision inside them are left as they are.
//
// Contract: pure function; cluster ids of the result are 0..k-1 in order of first record.
// Cost: O(n + links + decisions * (clusters touched)). Thread-safety: no shared state.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "linkage/cluster.h"

namespace recount::linkage {

struct ConstraintStats {
  size_t accepted_applied = 0;  // accepted pairs that were in different clusters and were merged
  size_t accepted_kept = 0;     // accepted pairs already together
  size_t rejected_split = 0;    // rejected pairs that were together and were separated
  size_t rejected_kept = 0;     // rejected pairs already apart
  size_t conflicts = 0;         // accepted pairs not merged because of a rejected pair
  size_t clusters_rebuilt = 0;
};

struct ConstrainedClustering {
  std::vector<uint32_t> cluster_of;
  uint32_t clusters = 0;
  ConstraintStats stats;
};

// `links` are the scored pairs eligible to hold a cluster together (probability at or above the
// link threshold); pairs may be in any order.
ConstrainedClustering ApplyPairConstraints(
    const std::vector<uint32_t>& cluster_of, const std::vector<Link>& links,
    const std::vector<std::pair<uint32_t, uint32_t>>& accepted,
    const std::vector<std::pair<uint32_t, uint32_t>>& rejected);

}  // namespace recount::linkage
