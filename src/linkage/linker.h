// The linkage pipeline end to end: normalise -> block -> compare -> EM -> score -> cluster.
// docs/linkage.md describes each stage and why it is built this way.
//
// Contract: RunLinkage() is deterministic for given inputs and options (the random-pair sample uses a
// fixed seed). Memory is O(records + links above the threshold + distinct patterns): candidate
// pairs are generated twice (once to count patterns for EM, once to score) and never stored.
// Thread-safety: RunLinkage() uses no shared state.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "linkage/block.h"
#include "linkage/cluster.h"
#include "linkage/normalize.h"
#include "linkage/record.h"
#include "linkage/score.h"

namespace recount::linkage {

struct LinkOptions {
  BlockingOptions blocking;
  ClusterOptions cluster;
  FixedParameters fixed;
  bool tf_adjust = true;
  size_t random_pairs = 200000;  // sample for the starting u
  uint64_t seed = 42;
  int em_max_iterations = 200;
  // Estimate m by EM on each blocking rule's pairs separately, leaving out the fields the rule
  // blocks on, and average (docs/linkage.md#scoring). false: one EM on all candidate pairs.
  bool em_per_rule = true;
};

struct LinkResult {
  Prepared prepared;
  Model model;
  Clustering clustering;
  std::vector<RuleStats> rule_stats;
  uint64_t candidate_pairs = 0;
  uint64_t distinct_patterns = 0;
};

LinkResult RunLinkage(const std::vector<Record>& records, const Schema& schema,
                const std::vector<std::unique_ptr<NameStage>>& stages, const LinkOptions& options);

}  // namespace recount::linkage
