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
// the symmetric form of Doornik 2005), Poisson by inversion for small means and the PTRS
// transformed rejection of Hormann (1993) for large means, binomial by inversion for small n*p and
// by the BTRD transformed rejection of Hormann (1993) otherwise. See docs/estimation.md.
//
// Thread-safety: an Rng is a value; give each thread its own.
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>

namespace recount::stats {
namespace internal {

// Ziggurat tables for the standard normal (see random.cc). Filled during static initialisation
// of random.cc: do not draw normals from other static initialisers.
struct Ziggurat {
  static constexpr int kLayers = 256;
  static constexpr double kR = 3.6541528853610088;
  Ziggurat();
  double x[kLayers + 1];
  double ratio[kLayers];
};
extern const Ziggurat kZiggurat;

}  // namespace internal

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
  // Standard normal (ziggurat: one 64-bit draw and a table look-up ~99% of the time; the rest,
  // wedges and tail, out of line).
  double Normal() {
    const uint64_t bits = (*this)();
    const int i = static_cast<int>(bits & 0xFF);  // layer from the low 8 bits
    // u uniform on [-1, 1) from the top 53 bits (disjoint from the layer bits).
    const double u = static_cast<double>(static_cast<int64_t>(bits >> 11)) * 0x1.0p-52 - 1.0;
    if (std::fabs(u) < internal::kZiggurat.ratio[i]) return u * internal::kZiggurat.x[i];
    return NormalSlow(i, u);
  }
  // Gamma with the given shape (> 0) and scale 1 (Marsaglia & Tsang 2000; shape < 1 by
  // Gamma(a) = Gamma(a + 1) U^(1/a)). The squeeze accepts ~98% for large shapes without a log.
  double Gamma(double shape) {
    if (shape < 1.0) return GammaBelowOne(shape);
    const double d = shape - 1.0 / 3.0;
    const double c = 1.0 / std::sqrt(9.0 * d);
    for (;;) {
      const double x = Normal();
      double v = 1.0 + c * x;
      if (v <= 0.0) continue;
      v = v * v * v;
      const double u = Uniform();
      const double x2 = x * x;
      if (u < 1.0 - 0.0331 * x2 * x2) return d * v;
      if (GammaAcceptsSlow(u, x2, d, v)) return d * v;
    }
  }
  // Beta(a, b) as Gamma(a) / (Gamma(a) + Gamma(b)); a shape equal to 1 by inversion of the cdf
  // (Beta(1, b): 1 - U^(1/b); Beta(a, 1): U^(1/a); Beta(1, 1): U), one uniform instead of two
  // gammas (e.g. the stick-breaking weight of an empty class, an empty class under a flat prior).
  double Beta(double a, double b) {
    if (a == 1.0) return b == 1.0 ? Uniform() : -std::expm1(std::log(Uniform()) / b);
    if (b == 1.0) return std::exp(std::log(Uniform()) / a);
    const double x = Gamma(a);
    const double y = Gamma(b);
    const double s = x + y;
    if (s <= 0.0) return a / (a + b);  // both underflowed (tiny shapes): fall back to the mean
    return x / s;
  }
  // Poisson with mean `mean` >= 0.
  int64_t Poisson(double mean);
  // Binomial(n, p), n >= 0, 0 <= p <= 1.
  int64_t Binomial(int64_t n, double p);
  // One multinomial draw: n items split among k categories with probabilities w[c] / sum(w)
  // (w[c] >= 0, not all zero); out[c] receives category c's count. Categories are visited in
  // `order` (a permutation of 0..k-1): the draw is exact for any order, and fastest when heavy
  // categories come first. Each visited category takes a binomial share of what is left until at
  // most kMultinomialOneByOne items remain; those are placed one by one (one uniform each and a
  // branch-free search), so light categories cost no binomial. `scratch` holds 2k + 1 doubles.
  void Multinomial(int64_t n, const double* w, const int* order, int k, int64_t* out,
                   double* scratch);
  // One categorical draw: the position t in `order` (0..k-1) of the category drawn with
  // probability w[order[t]] / total, where total = sum(w) > 0; heaviest-first orders search least.
  int Categorical(const double* w, const int* order, int k, double total) {
    double u = Uniform() * total;
    int t = 0;
    while (t < k - 1 && u >= w[order[t]]) u -= w[order[t++]];
    return t;
  }
  static constexpr int64_t kMultinomialOneByOne = 8;

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  int64_t Btrd(int64_t n, double p);
  uint64_t s_[4];
  double NormalTail(bool negative);
  double NormalSlow(int layer, double u);
  double GammaBelowOne(double shape);
  static bool GammaAcceptsSlow(double u, double x2, double d, double v);
};

// A seed for the index-th independent stream derived from a user seed.
uint64_t StreamSeed(uint64_t seed, uint64_t index);

}  // namespace recount::stats
