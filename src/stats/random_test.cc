#include "stats/random.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace recount::stats {
namespace {

// Moments of many draws against the exact mean and variance; tolerance 5 standard errors of the
// sample mean (and a loose 5% on the variance), so a wrong sampler fails while the test is not
// flaky (the stream is fixed by the seed anyway).
template <typename Draw>
void CheckMoments(Draw draw, double mean, double var, int reps = 200000) {
  double s = 0, s2 = 0;
  for (int i = 0; i < reps; ++i) {
    const double x = draw();
    s += x;
    s2 += x * x;
  }
  const double m = s / reps;
  const double v = s2 / reps - m * m;
  EXPECT_NEAR(m, mean, 5 * std::sqrt(var / reps) + 1e-12);
  EXPECT_NEAR(v, var, 0.05 * var + 1e-12);
}

TEST(Rng, DeterministicPerSeed) {
  Rng a(42), b(42), c(43);
  EXPECT_EQ(a(), b());
  EXPECT_NE(Rng(42)(), c());
  EXPECT_NE(StreamSeed(1, 0), StreamSeed(1, 1));
}

TEST(Rng, NormalMatchesCdfIncludingTails) {
  // The ziggurat sampler: moments, a chi-square over 40 equiprobable cells, and the share beyond
  // the base layer's edge r = 3.6541528853610088 (drawn by the separate tail algorithm), whose
  // exact probability is 2 Phi(-r) = 2.5806e-4.
  Rng r(11);
  CheckMoments([&] { return r.Normal(); }, 0.0, 1.0);
  const int reps = 400000, cells = 40;
  std::vector<int> counts(cells, 0);
  int tail = 0;
  for (int i = 0; i < reps; ++i) {
    const double x = r.Normal();
    const double cdf = 0.5 * std::erfc(-x / std::sqrt(2.0));
    ++counts[std::min(cells - 1, static_cast<int>(cdf * cells))];
    tail += std::fabs(x) > 3.6541528853610088 ? 1 : 0;
  }
  double chi2 = 0;
  const double e = static_cast<double>(reps) / cells;
  for (int c : counts) chi2 += (c - e) * (c - e) / e;
  EXPECT_LT(chi2, 77.0);  // 99.9% point of chi2(39) is about 72.1; 77 is beyond 99.97%
  // Expected 103.2 tail draws, sd ~10.2: +-4 sd.
  EXPECT_NEAR(tail, 103.2, 41);
}

TEST(Rng, GammaMoments) {
  Rng r(1);
  for (double shape : {0.25, 1.0, 3.5, 200.0}) {
    CheckMoments([&] { return r.Gamma(shape); }, shape, shape);
  }
}

TEST(Rng, BetaMoments) {
  Rng r(2);
  const double a = 2, b = 5;
  CheckMoments([&] { return r.Beta(a, b); }, a / (a + b),
               a * b / ((a + b) * (a + b) * (a + b + 1)));
}

TEST(Rng, BetaWithAShapeOfOneByInversion) {
  // Beta(1, b) = 1 - U^(1/b) and Beta(a, 1) = U^(1/a): both sides, shapes below and above 1.
  Rng r(12);
  for (const auto& shapes : std::vector<std::pair<double, double>>{
           {1.0, 0.7}, {1.0, 3.7}, {1.0, 400.0}, {0.6, 1.0}, {5.0, 1.0}}) {
    const double a = shapes.first, b = shapes.second;  // named copies: lambdas capture them
    CheckMoments([&] { return r.Beta(a, b); }, a / (a + b),
                 a * b / ((a + b) * (a + b) * (a + b + 1)));
  }
}

TEST(Rng, PoissonMoments) {
  Rng r(3);
  for (double mean : {0.5, 7.0, 40.0, 5000.0}) {
    CheckMoments([&] { return static_cast<double>(r.Poisson(mean)); }, mean, mean);
  }
}

TEST(Rng, BinomialMomentsAllRegimes) {
  Rng r(4);
  const std::vector<std::pair<int64_t, double>> cases = {
      {5, 0.3}, {50, 0.1}, {100, 0.5}, {1131, 0.37}, {100000, 0.02}, {40, 0.9}, {3000, 0.97}};
  for (const auto& c : cases) {
    const int64_t n = c.first;
    const double p = c.second;
    CheckMoments([&] { return static_cast<double>(r.Binomial(n, p)); }, n * p, n * p * (1 - p));
  }
}

TEST(Rng, BinomialPmfChiSquareInBtrdRegime) {
  // n p = 30: the BTRD branch. Chi-square over cells 15..45 against the exact pmf.
  Rng r(5);
  const int64_t n = 100;
  const double p = 0.3;
  const int reps = 200000;
  std::vector<int> counts(n + 1, 0);
  for (int i = 0; i < reps; ++i) ++counts[r.Binomial(n, p)];
  double chi2 = 0;
  int cells = 0;
  for (int k = 15; k <= 45; ++k) {
    const double logp = std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) +
                        k * std::log(p) + (n - k) * std::log1p(-p);
    const double e = reps * std::exp(logp);
    chi2 += (counts[k] - e) * (counts[k] - e) / e;
    ++cells;
  }
  // 31 cells: the 99.9% point of chi2(31) is about 61.
  EXPECT_LT(chi2, 61.0);
}

TEST(Rng, BinomialPmfChiSquareForSmallMeans) {
  // The inversion branch, where X = 0 is mostly decided by the bound (1 - p)^n >= 1 - n p
  // before P(0) is computed: chi-square against the exact pmf, cells 0, 1, 2, 3, >= 4.
  Rng r(6);
  for (const auto& [n, p] : std::vector<std::pair<int64_t, double>>{
           {200, 0.002}, {40, 0.03}, {1000, 0.0015}, {7, 0.9995}}) {
    const int reps = 200000;
    std::vector<double> counts(5, 0);
    for (int i = 0; i < reps; ++i) {
      int64_t k = r.Binomial(n, p);
      if (p > 0.5) k = n - k;  // count failures: the same small-mean regime, mirrored
      ++counts[std::min<int64_t>(k, 4)];
    }
    const double q = p > 0.5 ? 1 - p : p;
    double chi2 = 0, rest = 1;
    for (int k = 0; k < 5; ++k) {
      double pk = rest;
      if (k < 4) {
        pk = std::exp(std::lgamma(n + 1.0) - std::lgamma(k + 1.0) - std::lgamma(n - k + 1.0) +
                      k * std::log(q) + (n - k) * std::log1p(-q));
        rest -= pk;
      }
      const double e = reps * pk;
      chi2 += (counts[k] - e) * (counts[k] - e) / e;
    }
    // 5 cells, 4 degrees of freedom: the 99.97% point is about 21.
    EXPECT_LT(chi2, 21.0) << n << " " << p;
  }
}

TEST(Rng, MultinomialMarginalsAndCovarianceInEveryRegime) {
  // Small n (items placed one by one), large n (binomial chain, inversion and BTRD), and an order
  // that is not by weight: every count's mean and variance must be n p (1 - p), two counts'
  // covariance -n p_i p_j (5 standard errors), the total exactly n, a zero weight never drawn.
  Rng r(6);
  const std::vector<double> w = {5, 0.1, 3, 0.01, 1.5, 0, 2};
  const std::vector<int> order = {2, 0, 6, 5, 1, 4, 3};
  const int k = static_cast<int>(w.size());
  double total = 0;
  for (double x : w) total += x;
  std::vector<int64_t> out(k);
  std::vector<double> scratch(2 * k + 1);
  for (int64_t n : {1, 3, 8, 9, 40, 1000, 100000}) {
    const int reps = 40000;
    std::vector<double> s(k, 0), s2(k, 0);
    double s02 = 0;
    for (int i = 0; i < reps; ++i) {
      r.Multinomial(n, w.data(), order.data(), k, out.data(), scratch.data());
      int64_t sum = 0;
      for (int c = 0; c < k; ++c) {
        sum += out[c];
        s[c] += out[c];
        s2[c] += static_cast<double>(out[c]) * out[c];
      }
      s02 += static_cast<double>(out[0]) * out[2];
      ASSERT_EQ(sum, n);
      ASSERT_EQ(out[5], 0);
    }
    for (int c = 0; c < k; ++c) {
      const double p = w[c] / total, mean = n * p, var = n * p * (1 - p);
      const double m = s[c] / reps, v = s2[c] / reps - m * m;
      EXPECT_NEAR(m, mean, 5 * std::sqrt(var / reps) + 1e-12) << "n " << n << " category " << c;
      // Variance of the sample variance ~ 2 var^2 / reps for near-normal counts, more for
      // skewed small counts: 10% + 5 standard errors of the mean is loose but catches a wrong
      // split (a Poisson instead of a binomial share is off by the factor 1 / (1 - p)).
      EXPECT_NEAR(v, var, 0.1 * var + 5 * std::sqrt(var / reps) + 1e-12)
          << "n " << n << " category " << c;
    }
    const double p0 = w[0] / total, p2 = w[2] / total;
    const double cov = s02 / reps - (s[0] / reps) * (s[2] / reps);
    const double sd = std::sqrt(n * p0 * (1 - p0) * n * p2 * (1 - p2) / reps);
    EXPECT_NEAR(cov, -n * p0 * p2, 5 * sd + 0.02 * n * p0 * p2) << "n " << n;
  }
}

}  // namespace
}  // namespace recount::stats
