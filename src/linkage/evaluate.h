// Evaluation of a clustering against known entities: pairwise precision, recall and F1 (a pair of
// records is predicted linked when they share a cluster) and B-cubed precision/recall/F1 (Amigó et
// al. 2009), overall and for each pair of source lists. docs/linkage.md#evaluation.
//
// Contract: records with an empty truth label are left out. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace recount::linkage {

struct PairCounts {
  uint64_t true_positive = 0;
  uint64_t predicted = 0;  // predicted linked pairs
  uint64_t actual = 0;     // true linked pairs
  double precision() const { return predicted ? double(true_positive) / predicted : 1.0; }
  double recall() const { return actual ? double(true_positive) / actual : 1.0; }
  double f1() const {
    double p = precision(), r = recall();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

struct Evaluation {
  size_t records = 0;
  PairCounts pairs;
  double bcubed_precision = 0, bcubed_recall = 0;
  double bcubed_f1() const {
    double p = bcubed_precision, r = bcubed_recall;
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
  // Pairwise counts restricted to pairs with one record in source a and one in source b (a <= b).
  std::map<std::pair<std::string, std::string>, PairCounts> by_source_pair;
};

// cluster[i], truth[i], source[i] are labels per record (any text).
Evaluation Evaluate(const std::vector<std::string>& cluster, const std::vector<std::string>& truth,
                    const std::vector<std::string>& source);

}  // namespace recount::linkage
