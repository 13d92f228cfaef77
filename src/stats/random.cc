#include "stats/random.h"

#include <algorithm>
#include <array>
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

namespace internal {

// Ziggurat tables for the standard normal density f(x) = exp(-x^2/2) (unnormalised), 256 layers
// of equal area v: x[1] = r is the start of the tail, x[0] = v / f(r) is the width of the base
// strip (rectangle plus tail) and x[i+1] solves x[i] (f(x[i+1]) - f(x[i])) = v, so x[256] = 0.
// ratio[i] = x[i+1] / x[i]: a point |u| x[i] with |u| < ratio[i] lies under the layer above, so
// inside the density, and is accepted without evaluating f. Marsaglia & Tsang (2000).
Ziggurat::Ziggurat() {
  const double fr = std::exp(-0.5 * kR * kR);
  const double v = kR * fr + std::sqrt(M_PI / 2) * std::erfc(kR / std::sqrt(2.0));
  x[0] = v / fr;
  x[1] = kR;
  for (int i = 2; i < kLayers; ++i) {
    x[i] = std::sqrt(-2.0 * std::log(v / x[i - 1] + std::exp(-0.5 * x[i - 1] * x[i - 1])));
  }
  x[kLayers] = 0;
  for (int i = 0; i < kLayers; ++i) ratio[i] = x[i + 1] / x[i];
}

const Ziggurat kZiggurat;

}  // namespace internal

// Outside the rectangle of layer `layer`: the base layer's tail, or a wedge between the layer's
// edges where x is accepted with probability proportional to the density; else a fresh draw.
double Rng::NormalSlow(int layer, double u) {
  const internal::Ziggurat& z = internal::kZiggurat;
  if (layer == 0) return NormalTail(u < 0);
  const int i = layer;
  const double x = u * z.x[i];
  const double f0 = std::exp(-0.5 * (z.x[i] * z.x[i] - x * x));          // f(x_i) / f(x)
  const double f1 = std::exp(-0.5 * (z.x[i + 1] * z.x[i + 1] - x * x));  // f(x_i+1) / f(x)
  if (f0 + Uniform() * (f1 - f0) < 1.0) return x;
  return Normal();
}

// The tail beyond r (Marsaglia 1964): x = r + E1 / r accepted when 2 E2 > (E1 / r)^2.
double Rng::NormalTail(bool negative) {
  const double r = internal::Ziggurat::kR;
  double x, y;
  do {
    x = -std::log(Uniform()) / r;
    y = -std::log(Uniform());
  } while (2 * y < x * x);
  return negative ? -(r + x) : r + x;
}

double Rng::GammaBelowOne(double shape) {
  const double g = Gamma(shape + 1.0);
  return g * std::exp(std::log(Uniform()) / shape);
}

// Marsaglia & Tsang's exact acceptance test, for the few draws the squeeze does not accept.
bool Rng::GammaAcceptsSlow(double u, double x2, double d, double v) {
  return std::log(u) < 0.5 * x2 + d * (1.0 - v + std::log(v));
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

namespace {

// Stirling remainder log(k!) - [(k + 1/2) log(k + 1) - (k + 1) + log(2 pi)/2], for BTRD.
double StirlingTail(int64_t k) {
  static const double kTable[10] = {0.08106146679532726, 0.04134069595540929, 0.02767792568499834,
                                    0.02079067210376509, 0.01664469118982119, 0.01387612882307075,
                                    0.01189670994589177, 0.01041126526197209, 0.009255462182712733,
                                    0.008330563433362871};
  if (k < 10) return kTable[k];
  const double kp1 = static_cast<double>(k + 1);
  const double kp1sq = kp1 * kp1;
  return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 / kp1sq) / kp1sq) / kp1;
}

// x^n by repeated squaring (relative error ~ log2(n) ulp), cheaper than exp(n log1p(-q)) for
// the inversion's starting probability.
double PowInt(double x, int64_t n) {
  double r = 1.0;
  while (n > 0) {
    r *= (n & 1) ? x : 1.0;  // a select, not a branch: the bits of n are unpredictable
    x *= x;
    n >>= 1;
  }
  return r;
}

constexpr int kReciprocals = 64;

// 1 / (k + 1) for k < kReciprocals.
const double* ReciprocalTable() {
  static const auto table = [] {
    std::array<double, kReciprocals> t;
    for (int k = 0; k < kReciprocals; ++k) t[k] = 1.0 / (k + 1);
    return t;
  }();
  return table.data();
}

}  // namespace

void Rng::Multinomial(int64_t n, const double* w, const int* order, int k, int64_t* out,
                      double* scratch) {
  std::fill(out, out + k, 0);
  if (n <= 0 || k <= 0) return;
  if (n <= kMultinomialOneByOne) {
    // Few items (e.g. the many patterns seen once in a table with many lists): one by one.
    double* cum = scratch;
    double acc = 0;
    for (int t = 0; t < k; ++t) cum[t] = (acc += w[order[t]]);
    for (int64_t r = 0; r < n; ++r) {
      const double u = Uniform() * acc;
      int t = 0;
      while (t < k - 1 && u >= cum[t]) ++t;
      ++out[order[t]];
    }
    return;
  }
  double* suf = scratch;  // suf[i] = sum of w over order[i..k-1]
  suf[k] = 0;
  for (int i = k - 1; i >= 0; --i) suf[i] = suf[i + 1] + w[order[i]];
  int64_t rem = n;
  int i = 0;
  for (; i < k - 1 && rem > kMultinomialOneByOne; ++i) {
    if (!(suf[i] > 0)) break;  // all weight left is zero (underflow): rest goes to order[i]
    const int c = order[i];
    const int64_t m = Binomial(rem, std::min(1.0, w[c] / suf[i]));
    out[c] = m;
    rem -= m;
  }
  if (rem == 0) return;
  if (i == k - 1 || !(suf[i] > 0)) {
    out[order[i]] += rem;
    return;
  }
  // The last few items one by one: u uniform on [0, total) is compared with the cumulative
  // weights over order[i..], heaviest first, so the search usually stops at once.
  double* cum = scratch + k + 1;
  double acc = 0;
  for (int t = i; t < k - 1; ++t) cum[t] = (acc += w[order[t]]);
  const double total = suf[i];
  for (int64_t r = 0; r < rem; ++r) {
    const double u = Uniform() * total;
    int t = i;
    while (t < k - 1 && u >= cum[t]) ++t;
    ++out[order[t]];
  }
}

int64_t Rng::Binomial(int64_t n, double p) {
  if (n <= 0 || p <= 0.0) return 0;
  if (p >= 1.0) return n;
  const bool flip = p > 0.5;
  const double q = flip ? 1.0 - p : p;
  const double dn = static_cast<double>(n);
  int64_t k;
  if (dn * q < 10.0) {
    // Inversion by sequential search from 0.
    const double r = q / (1.0 - q);
    double u = Uniform();
    k = 0;
    // X = 0 iff u <= P(0) = (1 - q)^n, and (1 - q)^n >= 1 - n q (Bernoulli's inequality): a
    // light class (n q small, e.g. the tail of a multinomial split) is mostly settled here,
    // exactly, without computing P(0).
    if (u <= 1.0 - dn * q) return flip ? n : 0;
    // P(0) by squaring for small n (fixed short loop), else exp(n log1p(-q)).
    double f = n <= 255 ? PowInt(1.0 - q, n) : std::exp(dn * std::log1p(-q));
    // f(k + 1) = f(k) r (n - k) / (k + 1), with 1 / (k + 1) from a table while k is small (a
    // multiplication instead of a division on the loop's critical path).
    const double* inv = ReciprocalTable();
    while (u > f && k < n) {
      u -= f;
      const double dk = static_cast<double>(n - k) * r;
      f *= k < kReciprocals ? dk * inv[k] : dk / static_cast<double>(k + 1);
      ++k;
    }
  } else {
    k = Btrd(n, q);
  }
  return flip ? n - k : k;
}

// BTRD: transformed rejection with decomposition (Hormann 1993, "The generation of binomial
// random variates", J. Statist. Comput. Simul. 46), for n * p >= 10 and p <= 1/2.
int64_t Rng::Btrd(int64_t n, double p) {
  const double dn = static_cast<double>(n);
  const double npq = dn * p * (1 - p);
  const double spq = std::sqrt(npq);
  const double b = 1.15 + 2.53 * spq;
  const double a = -0.0873 + 0.0248 * b + 0.01 * p;
  const double c = dn * p + 0.5;
  // Step 1, the fast acceptance, before the constants only the other steps need. With
  // vr = 0.92 - 4.2 / b = bvr / b, the test v <= 0.86 vr is v b <= 0.86 bvr and v / vr is
  // v b / bvr: one division on the path instead of two. The argument of floor is positive here
  // (c >= 10.5), so truncation is floor.
  const double bvr = 0.92 * b - 4.2;
  double v = Uniform();
  if (v * b <= 0.86 * bvr) {
    const double u = v * b / bvr - 0.43;
    return static_cast<int64_t>((2 * a / (0.5 - std::fabs(u)) + b) * u + c);
  }
  const double vr = bvr / b;
  const double urvr = 0.86 * vr;
  const double alpha = (2.83 + 5.1 / b) * spq;
  const int64_t m = static_cast<int64_t>((dn + 1) * p);  // floor of a positive number
  const double r = p / (1 - p);
  const double nr = (dn + 1) * r;
  for (bool first = true;; first = false) {
    if (!first) v = Uniform();  // the first pass continues with the v drawn above
    double u;
    if (v <= urvr) {
      u = v / vr - 0.43;
      return static_cast<int64_t>((2 * a / (0.5 - std::fabs(u)) + b) * u + c);
    }
    if (v >= vr) {
      u = Uniform() - 0.5;
    } else {
      u = v / vr - 0.93;
      u = (u < 0 ? -0.5 : 0.5) - u;
      v = Uniform() * vr;
    }
    const double us = 0.5 - std::fabs(u);
    const double kd = std::floor((2 * a / us + b) * u + c);
    if (kd < 0 || kd > dn) continue;
    const int64_t k = static_cast<int64_t>(kd);
    v = v * alpha / (a / (us * us) + b);
    const int64_t km = k > m ? k - m : m - k;
    if (km <= 15) {
      // Recursive evaluation of f(k) / f(m).
      double f = 1;
      if (m < k) {
        for (int64_t i = m + 1; i <= k; ++i) f *= nr / static_cast<double>(i) - r;
      } else if (m > k) {
        for (int64_t i = k + 1; i <= m; ++i) v *= nr / static_cast<double>(i) - r;
      }
      if (v <= f) return k;
      continue;
    }
    // Squeeze on log(v), then the exact log ratio with Stirling corrections.
    v = std::log(v);
    const double dkm = static_cast<double>(km);
    const double rho = (dkm / npq) * (((dkm / 3 + 0.625) * dkm + 1.0 / 6) / npq + 0.5);
    const double t = -dkm * dkm / (2 * npq);
    if (v < t - rho) return k;
    if (v > t + rho) continue;
    const double dm = static_cast<double>(m);
    const double nm = dn - dm + 1;
    const double h =
        (dm + 0.5) * std::log((dm + 1) / (r * nm)) + StirlingTail(m) + StirlingTail(n - m);
    const double nk = dn - kd + 1;
    if (v <= h + (dn + 1) * std::log(nm / nk) + (kd + 0.5) * std::log(nk * r / (kd + 1)) -
                 StirlingTail(k) - StirlingTail(n - k)) {
      return k;
    }
  }
}

}  // namespace recount::stats
