// Rng: the simulator's portable pseudo-random number generator and samplers.
//
// Contract: for a given seed every sampler returns the same values on every platform and standard
// library. That is why nothing here uses std::*_distribution (their algorithms are unspecified) or
// transcendental functions (libm results may differ in the last bit): the engine is xoshiro256**
// seeded through SplitMix64, and samplers use integer arithmetic and IEEE +,*,/ only. Streams are
// derived from (seed, stream ids) with DeriveSeed so any person's draws can be regenerated alone,
// in any order, on any thread. Algorithms and references: docs/simulator.md, "Randomness".
//
// Thread-safety: an Rng is a value; use one per thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <vector>

namespace recount::sim {

// SplitMix64 step (Steele, Lea, Flood 2014): advances *state and returns a well-mixed 64-bit value.
uint64_t SplitMix64(uint64_t* state);

// A 64-bit seed for a sub-stream, mixing the base seed with stream identifiers.
uint64_t DeriveSeed(uint64_t seed, std::initializer_list<uint64_t> ids);

class Rng {
 public:
  explicit Rng(uint64_t seed);

  // xoshiro256** (Blackman and Vigna 2018).
  uint64_t Next();

  // Uniform double in [0, 1) with 53 random bits.
  double Uniform();
  // Uniform integer in [0, n); n > 0. Lemire's multiply-shift with rejection (unbiased).
  uint64_t Below(uint64_t n);
  // Uniform integer in [lo, hi] (inclusive); lo <= hi.
  int Between(int lo, int hi);
  // True with probability p (p <= 0 never, p >= 1 always).
  bool Bernoulli(double p);
  // Approximately standard normal: the Irwin-Hall sum of 12 uniforms minus 6 (arithmetic only,
  // range [-6, 6]; adequate for the simulator's latent effects).
  double StandardNormalApprox();

 private:
  uint64_t s_[4];
};

// A categorical distribution over 0..n-1 from non-negative weights, sampled by binary search in
// the cumulative table (O(log n)). Weights need not sum to one; at least one must be positive.
class Categorical {
 public:
  Categorical() = default;
  explicit Categorical(const std::vector<double>& weights);

  size_t Sample(Rng& rng) const;
  size_t size() const { return cumulative_.size(); }
  // The normalised probability of outcome i.
  double Probability(size_t i) const;
  bool empty() const { return cumulative_.empty(); }

 private:
  std::vector<double> cumulative_;  // cumulative_[i] = sum of weights 0..i, last = total
};

}  // namespace recount::sim

namespace recount::sim {

// e^x computed with range reduction and a Taylor series in IEEE arithmetic only, so the result is
// the same bit pattern on every platform (std::exp may differ in the last bit between libms).
// Accurate to about 1e-15 relative for |x| <= 700.
double PortableExp(double x);

// The logistic function 1 / (1 + e^-x) via PortableExp.
double Logistic(double x);

}  // namespace recount::sim
