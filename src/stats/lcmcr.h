// LCMCR: Bayesian latent-class multiple-recapture (Manrique-Vallier 2016, Biometrics 72(4),
// "Bayesian population size estimation using Dirichlet process mixtures").
//
// Every person (observed or not) belongs to one of K latent classes; within a class the lists
// capture independently with probabilities lambda[k][j]. Class weights follow a truncated
// stick-breaking Dirichlet process prior with concentration alpha ~ Gamma(a_alpha, b_alpha)
// (rate), lambda ~ Beta(a_lambda, b_lambda), and p(N) proportional to 1/N. The Gibbs sampler
// augments the data with the unobserved count n0 (negative binomial given the rest) and works on
// distinct capture patterns with counts: each sweep splits each pattern's count among the classes
// by a multinomial draw, so its cost is patterns x classes x lists, independent of the number of
// persons. Details and the full conditionals are in docs/estimation.md.
//
// Several chains run in parallel std::threads; chain c uses the random stream
// StreamSeed(seed, c), so results depend only on the seed, not on the thread count.
//
// Bound: n0 is truncated at max_unobserved_ratio x observed (default 1000, i.e. effectively no
// cap); when any draw reaches the bound, RunLcmcr reports it (R's LCMCR silently caps at 20x).
//
// Thread-safety: an LcmcrSampler is single-threaded; RunLcmcr is reentrant.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "stats/capture_table.h"
#include "stats/diagnostics.h"
#include "stats/random.h"

namespace recount::stats {

struct LcmcrOptions {
  int classes = 10;
  double a_alpha = 0.25, b_alpha = 0.25;  // Gamma prior (shape, rate) on the DP concentration
  double a_lambda = 1.0, b_lambda = 1.0;  // Beta prior on capture probabilities
  int warm_up = 500;  // start-up sweeps with alpha fixed at 0.3/K, before burn-in
  int burn_in = 10000;
  int iterations = 50000;  // kept draws per chain (after thinning)
  int thin = 1;
  int chains = 4;
  uint64_t seed = 1;
  int threads = 0;  // 0: hardware concurrency
  double max_unobserved_ratio = 1000;
  double level = 0.95;
};

// One Markov chain. Exposed for benchmarks and tests; most callers use RunLcmcr.
class LcmcrSampler {
 public:
  LcmcrSampler(const CaptureTable& table, const LcmcrOptions& options, uint64_t stream_seed);
  // One Gibbs sweep over (n0, class allocations, lambda, stick-breaking weights, alpha).
  void Sweep();
  int64_t unobserved() const { return n0_; }
  bool at_bound() const { return at_bound_; }
  double alpha() const { return alpha_; }

 private:
  void Allocate(int64_t count, const double* w, int64_t* out);

  int k_, j_;
  int lanes_;  // classes padded for the vectorised per-pattern product
  std::vector<uint32_t> masks_;
  std::vector<int64_t> counts_;
  int64_t observed_;
  int64_t cap_;
  double a_alpha_, b_alpha_, a_lambda_, b_lambda_;
  Rng rng_;
  std::vector<double> lambda_;  // k_ x j_, row-major by class
  std::vector<double> pi_;
  double alpha_ = 1.0;
  int64_t n0_ = 0;
  bool at_bound_ = false;
  bool update_alpha_ = true;
  // Scratch reused by every sweep.
  std::vector<double> odds_, base_, w_, suffix_;
  std::vector<int> order_;
  std::vector<int64_t> class_total_, ones_, alloc_;
};

struct LcmcrResult {
  double median = 0, mean = 0, lower = 0, upper = 0;  // of N
  ChainDiagnostics diagnostics;
  std::vector<std::vector<double>> chains;  // N draws per chain
  int64_t bound = 0;                        // the n0 bound used
  double fraction_at_bound = 0;             // share of kept draws at the bound
  std::vector<std::string> warnings;        // plain-language convergence problems
};

Result<LcmcrResult> RunLcmcr(const CaptureTable& table, const LcmcrOptions& options);

}  // namespace recount::stats
