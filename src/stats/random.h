// Random number generation for the samplers and bootstraps in recount::stats.
//
// Rng is xoshiro256++ (Blackman & Vigna 2018) seeded through SplitMix64, so a seed gives the same
// stream on every platform and compiler. Independent streams for parallel chains or bootstrap
// threads come from StreamSeed(seed, index), which hashes (seed, index) through SplitMix64; the
// streams are not provably disjoint, but overlaps over 2^256 periods are negligible.
//
// The variate generators below are written here rather than taken from <random> because the
// standard distributions differ between library implementations (results would change with the
// compiler) and rebuild their state on every call (too slow in the LCMCR inner loop). Algorithms:
// Gamma by Marsaglia & Tsang (2000), normal by the ziggurat method of Marsaglia & Tsang (2000,
// "The ziggurat method for generating random variables", J. Stat. Softw. 5(8); 256 layers, in
// the symmetric form of Doornik 2005), Poisson by inversion for small means and the PTRS transformed rejection of Hormann (1993) for large means, binomial by inversion
// for small n*p and by the BTRD transformed rejection of Hormann (1993) otherwise.
// See docs/estimation.md.
//
// Thread-safety: an Rng is a value; give each thread its own.
#pragma once

#include <cstdint>
#include <limits>

namespace recount::stats {

class Rng {
 public:
  using result_type = uint64_t;
  explicit Rng(uint64_t seed);

  static constexpr uint64_t min() { return 0; }
  static constexpr uint64_t max() { return std::numeric_limits<uint64_t>::max(); }
  uint64_t operator()() {
    const uint64_t result = Rotl(s_[0] + s_[3], 23) + s_[0];
    const uint64_t t = s_[1] << 17;
    s_[2] ^= s_[0];
    s_[3] ^= s_[1];
    s_[1] ^= s_[2];
    s_[0] ^= s_[3];
    s_[2] ^= t;
    s_[3] = Rotl(s_[3], 45);
    return result;
  }

  // Uniform on the open interval (0, 1).
  // (The signed conversion is one instruction; unsigned 64-bit to double is several on x86-64.)
  double Uniform() {
    return (static_cast<double>(static_cast<int64_t>((*this)() >> 11)) + 0.5) * 0x1.0p-53;
  }
  // Standard normal (ziggurat: one 64-bit draw and a table look-up ~99% of the time).
  double Normal();
  // Gamma with the given shape (> 0) and scale 1.
  double Gamma(double shape);
  double Beta(double a, double b);
  // Poisson with mean `mean` >= 0.
  int64_t Poisson(double mean);
  // Binomial(n, p), n >= 0, 0 <= p <= 1.
  int64_t Binomial(int64_t n, double p);

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  int64_t Btrd(int64_t n, double p);
  uint64_t s_[4];
  double NormalTail(bool negative);
};

// A seed for the index-th independent stream derived from a user seed.
uint64_t StreamSeed(uint64_t seed, uint64_t index);

}  // namespace recount::stats
