// The linkage pipeline end to end: normalise -> block -> compare -> EM -> score -> cluster.
// docs/linkage.md describes each stage and why it is built this way.
//
// Contract: RunLinkage() is deterministic for given inputs and options (the random-pair sample uses a
// fixed seed), whatever the number of threads: the two passes over the candidate pairs run on
// `threads` workers, one blocking work unit at a time, and their outputs are combined in unit
// order. Memory is O(records + links above the threshold + distinct patterns + 4 bytes per
// candidate pair): candidate pairs are generated twice (once to count patterns for EM, overall and
// per blocking rule, once to score) and never stored; each pair is compared once, its pattern
// recorded for the second pass. Thread-safety: RunLinkage() uses no shared state.
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
  // With em_per_rule: estimate the model's error-count term (Model::error_beta, score.h), since
  // matches with errors in several fields are rarer (or commoner) than independence says. Off by
  // default: it helps RLdata10000 and costs the simulations (docs/linkage.md, "Errors per pair").
  bool error_dependence = false;
  // >= 0: also return every candidate pair scored at least this (LinkResult::kept_pairs), from
  // the scoring pass itself rather than one more pass over the candidates.
  double keep_floor = -1.0;
  // Workers for the passes over the candidate pairs; <= 0: one per hardware thread.
  int threads = 0;
};

struct LinkResult {
  Prepared prepared;
  Model model;
  Clustering clustering;
  std::vector<RuleStats> rule_stats;
  uint64_t candidate_pairs = 0;
  uint64_t distinct_patterns = 0;
  std::vector<Link> kept_pairs;  // candidate pairs with probability >= keep_floor, if asked
};

LinkResult RunLinkage(const std::vector<Record>& records, const Schema& schema,
                const std::vector<std::unique_ptr<NameStage>>& stages, const LinkOptions& options);

}  // namespace recount::linkage
