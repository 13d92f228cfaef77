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
  for (auto [n, p] : cases) {
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

}  // namespace
}  // namespace recount::stats
