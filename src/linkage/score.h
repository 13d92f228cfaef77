// Scoring stage: Fellegi-Sunter (1969) match weights with m and u probabilities estimated without
// labels by EM on the counts of distinct comparison patterns (as fastLink, Enamorado et al. 2019,
// and Splink do), plus a term-frequency adjustment for exact name agreement (agreeing on a common
// surname counts for less than on a rare one). docs/linkage.md#scoring.
//
// Contract: the model is a value; Score() is allocation-free and thread-safe. Parameters fixed by
// the user (FixedParameters) are kept as given and not re-estimated.
#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "linkage/compare.h"

namespace recount::linkage {

inline constexpr int kMaxLevels = 8;

struct FieldModel {
  std::string name;
  CompareKind kind;
  int levels = 0;                       // including level 0 (missing)
  std::array<double, kMaxLevels> m{};   // P(level | match), levels 1..levels-1
  std::array<double, kMaxLevels> u{};   // P(level | non-match)
  std::array<double, kMaxLevels> w{};   // log2(m / u); 0 for level 0
  // Levels that mean the two records disagree on the field (an error in one of them) rather
  // than agree or agree as far as both are known: counted by the error-count term of Model.
  std::array<bool, kMaxLevels> error{};
  bool fixed_m = false, fixed_u = false;
  double u_exact_population = 0.0;     // sum of squared term frequencies (kName fields)
  // kDate only: log2 change of the Bayes factor of level 5 (one component differs, not by a typo)
  // by the component that differs (year, month, day): m is shared equally among the three, u is
  // each component's share of the level among random pairs (docs/linkage.md#comparison).
  std::array<double, 3> component_bits{};
};

struct Model {
  std::vector<FieldModel> fields;
  double lambda = 0.01;  // share of matches among the candidate pairs
  bool fixed_lambda = false;
  // With several lists: the share of matches among pairs inside one list (< 0: `lambda` for all
  // pairs). Weight(l, p, i, j) adds the change of prior odds for such pairs, so every caller of
  // Probability(Weight(...)) scores them alike.
  double lambda_same_list = -1.0;
  int em_iterations = 0;
  bool tf_adjust = true;
  // Dependence between fields among matches (docs/linkage.md#scoring, "Errors per pair"): the
  // match class is m(γ) ∝ Π_f m_f(γ_f) · exp(error_beta[k]), k = the number of fields (of those
  // known on both sides) at an error level, capped at kErrorClasses - 1. Records of one person
  // usually differ by one error, not two: conditional independence overstates pairs with errors
  // in several fields. All zero: plain Fellegi-Sunter.
  static constexpr int kErrorClasses = 4;
  std::array<double, kErrorClasses> error_beta{};

  // Recomputes w and the error-count table from m, u and error_beta.
  void UpdateWeights();
  // log2 of the error-count factor of a pattern: error_beta[k] less the log normaliser of the
  // fields known in `l` (0 when error_beta is all zero).
  double ErrorBits(const Levels& l) const;
  // The number of error levels in `l` (capped) and the mask of fields known on both sides.
  void CountErrors(const Levels& l, int* errors, uint32_t* known) const;
  // For the fields in `known`: P(k errors | match) under conditional independence (k capped),
  // from m.
  std::array<double, kErrorClasses> ErrorClassPrior(uint32_t known) const;
  // log2 Bayes factor of a comparison vector, with term-frequency adjustment when tf is given
  // and, for a pair inside one list when lambda_same_list is set, the log2 ratio of that list
  // prior's odds to lambda's.
  double Weight(const Levels& l, const Prepared* p = nullptr, uint32_t i = 0,
                uint32_t j = 0) const;
  double Probability(double weight) const;

 private:
  // [known mask * kErrorClasses + k]: log2 factor; empty when error_beta is all zero.
  std::vector<float> error_bits_;
};

// Parameters the user fixes (config file): per field name, m and/or u per level 1..n.
struct FixedParameters {
  std::map<std::string, std::vector<double>> m, u;
  double lambda = -1.0;  // < 0: estimate
};

// Counts of distinct comparison patterns.
using PatternCounts = std::unordered_map<uint64_t, uint64_t>;

// Starting model: u from comparison patterns of random record pairs, m from generic priors.
Model InitialModel(const Prepared& p, const PatternCounts& random_pairs,
                   const FixedParameters& fixed);

// Runs EM (at most max_iter iterations, stops when the log-likelihood improves by < 1e-8
// relative) on candidate-pair pattern counts, updating m, u and lambda except fixed ones.
void FitEm(const PatternCounts& counts, int nfields, Model* model, int max_iter = 200);

// Candidate-pair patterns of one stratum (all pairs, or pairs across lists / inside one list) for
// FitSharesAndErrors: the patterns with their counts, and the number of all record pairs of the
// stratum (candidates or not).
struct PatternStratum {
  std::vector<std::pair<Levels, double>> patterns;
  double pairs = 1;
};

// With m and the population u fixed: the share of matches among all pairs of each stratum (the
// fixed point of lambda = expected matches among its candidates / its pairs; pairs no rule
// proposes count as non-matches) and, when `errors`, the model's error_beta (shared by the
// strata), by EM: each step gives every pattern its match probability and moves error_beta[k]
// by log(expected matches with k errors / the model's expectation of them) (iterative
// proportional fitting of the error-count margin; error_beta[0] = 0). Returns one lambda per
// stratum; the model's error_beta and weights are updated, its lambda is not.
std::vector<double> FitSharesAndErrors(const std::vector<PatternStratum>& strata, bool errors,
                                       Model* model);

}  // namespace recount::linkage
