#include "stats/random.h"

#include <cmath>

namespace recount::stats {
namespace {

uint64_t SplitMix64(uint64_t& x) {
  uint64_t z = (x += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// log(k!) for the Poisson rejection step.
double LogFactorial(int64_t k) { return std::lgamma(static_cast<double>(k) + 1.0); }

}  // namespace

Rng::Rng(uint64_t seed) {
  uint64_t x = seed;
  for (auto& s : s_) s = SplitMix64(x);
}

uint64_t StreamSeed(uint64_t seed, uint64_t index) {
  uint64_t x = seed ^ (0xd1b54a32d192ed03ULL * (index + 1));
  SplitMix64(x);
  return SplitMix64(x);
}

double Rng::Normal() {
  double u, v, s;
  do {
    u = 2.0 * Uniform() - 1.0;
    v = 2.0 * Uniform() - 1.0;
    s = u * u + v * v;
  } while (s >= 1.0 || s == 0.0);
  return u * std::sqrt(-2.0 * std::log(s) / s);
}

double Rng::Gamma(double shape) {
  if (shape < 1.0) {
    // Boost: Gamma(a) = Gamma(a + 1) * U^(1/a).
    double g = Gamma(shape + 1.0);
    return g * std::exp(std::log(Uniform()) / shape);
  }
  const double d = shape - 1.0 / 3.0;
  const double c = 1.0 / std::sqrt(9.0 * d);
  for (;;) {
    double x, v;
    do {
      x = Normal();
      v = 1.0 + c * x;
    } while (v <= 0.0);
    v = v * v * v;
    const double u = Uniform();
    const double x2 = x * x;
    if (u < 1.0 - 0.0331 * x2 * x2) return d * v;
    if (std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v))) return d * v;
  }
}

double Rng::Beta(double a, double b) {
  const double x = Gamma(a);
  const double y = Gamma(b);
  const double s = x + y;
  if (s <= 0.0) return a / (a + b);  // both underflowed (tiny shapes): fall back to the mean
  return x / s;
}

int64_t Rng::Poisson(double mean) {
  if (mean <= 0.0) return 0;
  if (mean < 12.0) {
    // Inversion by sequential search.
    double p = std::exp(-mean);
    double f = p;
    double u = Uniform();
    int64_t k = 0;
    while (u > f && k < 1000) {
      ++k;
      p *= mean / static_cast<double>(k);
      f += p;
    }
    return k;
  }
  // PTRS (Hormann 1993, "The transformed rejection method for generating Poisson random
  // variables").
  const double slam = std::sqrt(mean);
  const double loglam = std::log(mean);
  const double b = 0.931 + 2.53 * slam;
  const double a = -0.059 + 0.02483 * b;
  const double invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const double vr = 0.9277 - 3.6224 / (b - 2.0);
  for (;;) {
    const double u = Uniform() - 0.5;
    const double v = Uniform();
    const double us = 0.5 - std::fabs(u);
    const double kd = std::floor((2.0 * a / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return static_cast<int64_t>(kd);
    if (kd < 0.0 || (us < 0.013 && v > us)) continue;
    const int64_t k = static_cast<int64_t>(kd);
    if (std::log(v) + std::log(invalpha) - std::log(a / (us * us) + b) <=
        -mean + kd * loglam - LogFactorial(k)) {
      return k;
    }
  }
}

int64_t Rng::Binomial(int64_t n, double p) {
  int64_t result = 0;
  // Splitting on order statistics (Devroye 1986, X.4.3): the i-th smallest of n uniforms is
  // Beta(i, n + 1 - i); conditioning on it leaves a binomial on the smaller or larger side.
  while (n > 0 && p > 0.0) {
    if (p >= 1.0) return result + n;
    if (static_cast<double>(n) * std::min(p, 1.0 - p) < 16.0) break;
    const int64_t i = (n + 1) / 2;
    const double y = Beta(static_cast<double>(i), static_cast<double>(n + 1 - i));
    if (y < p) {
      result += i;
      n -= i;
      p = (p - y) / (1.0 - y);
    } else {
      n = i - 1;
      p = p / y;
    }
  }
  if (n <= 0 || p <= 0.0) return result;
  if (p >= 1.0) return result + n;
  // Inversion, counting failures when p > 1/2 so the expected search stays short.
  const bool flip = p > 0.5;
  const double q = flip ? 1.0 - p : p;
  const double r = q / (1.0 - q);
  double f = std::pow(1.0 - q, static_cast<double>(n));
  double u = Uniform();
  int64_t k = 0;
  while (u > f && k < n) {
    u -= f;
    f *= r * static_cast<double>(n - k) / static_cast<double>(k + 1);
    ++k;
  }
  return result + (flip ? n - k : k);
}

}  // namespace recount::stats
