#include "stats/lcmcr.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <string>

#include "stats/test_tables.h"

namespace recount::stats {
namespace {

TEST(Lcmcr, OneClassReproducesIndependenceModel) {
  // With K = 1 the model is list independence (Mt); under p(N) ~ 1/N the posterior median is
  // within a few units of the log-linear independence MLE (7,394.6 on Kosovo). The posterior sd
  // is ~130 and ESS > 2,000, so +-60 is > 10 Monte Carlo standard errors.
  CaptureTable t = testing::LoadTable("kosovo");
  LcmcrOptions o;
  o.classes = 1;
  o.burn_in = 500;
  o.iterations = 10000;
  o.chains = 2;
  auto r = RunLcmcr(t, o);
  ASSERT_TRUE(r.ok());
  EXPECT_NEAR(r->median, 7394.6, 60);
  EXPECT_LT(r->diagnostics.rhat, 1.01);
}

TEST(Lcmcr, KosovoMatchesReferencePackage) {
  // R LCMCR 0.4.14 (K = 10, default priors, 10,000 burn-in + 100,000 draws): medians 10,407 /
  // 10,422 / 10,599 for three seeds, 95% interval about 9,050-14,800. N mixes slowly in this
  // model: 4 chains x 25,000 draws after 5,000 burn-in give a bulk ESS of only ~80-200, so the
  // Monte Carlo standard error of the median is ~1.25 x sd / sqrt(ESS) ~ 1.25 x 1,500 / 9 ~ 200.
  // Tolerances: median 10,000-11,000 (the reference band +-2 MC se), lower end 8,000-10,000 and
  // upper end 13,000-16,500 (tail quantiles carry several times the median's MC error).
  CaptureTable t = testing::LoadTable("kosovo");
  LcmcrOptions o;
  o.burn_in = 5000;
  o.iterations = 25000;
  o.chains = 4;
  o.seed = 2024;
  auto r = RunLcmcr(t, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_GT(r->median, 10000);
  EXPECT_LT(r->median, 11000);
  EXPECT_GT(r->lower, 8000);
  EXPECT_LT(r->lower, 10000);
  EXPECT_GT(r->upper, 13000);
  EXPECT_LT(r->upper, 16500);
  EXPECT_LT(r->diagnostics.rhat, 1.1);
  EXPECT_EQ(r->fraction_at_bound, 0);
}

TEST(Lcmcr, DeterministicForSeedWhateverTheThreads) {
  CaptureTable t = testing::LoadTable("korea_palembang");
  LcmcrOptions o;
  o.burn_in = 200;
  o.iterations = 500;
  o.chains = 3;
  o.seed = 9;
  o.threads = 1;
  auto a = RunLcmcr(t, o);
  o.threads = 3;
  auto b = RunLcmcr(t, o);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->chains, b->chains);
}

TEST(Lcmcr, SparseNetherlandsIsFlagged) {
  // R LCMCR gives Netherlands (6 lists) medians 50,727 / 67,115 / 146,326 for three seeds and
  // piles against its silent cap: the output must say so, via R-hat, chain medians or the bound.
  CaptureTable t = testing::LoadTable("netherlands");
  LcmcrOptions o;
  o.burn_in = 2000;
  o.iterations = 5000;
  o.chains = 4;
  o.seed = 1;
  o.max_unobserved_ratio = 20;  // R's cap, so bound pressure is visible in a short run
  auto r = RunLcmcr(t, o);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(r->warnings.empty());
}

TEST(Lcmcr, UkFiveListsChainDisagreementIsReported) {
  // R LCMCR's medians on the UK 5-list table range 12,918-22,385 across seeds (README of the
  // data): the chains settle in different modes. recount must say so in plain words rather than
  // print a pooled number as if it were certain. (Our chains' medians: ~11,800 to ~23,400.)
  CaptureTable t = testing::LoadTable("uk_modern_slavery_2013_5lists");
  LcmcrOptions o;
  o.burn_in = 2000;
  o.iterations = 5000;
  o.chains = 4;
  o.seed = 1;
  auto r = RunLcmcr(t, o);
  ASSERT_TRUE(r.ok());
  bool disagree = false;
  for (const auto& w : r->warnings) disagree |= w.find("disagree") != std::string::npos;
  EXPECT_TRUE(disagree) << "R-hat " << r->diagnostics.rhat;
}

TEST(Lcmcr, WesternAndNewOrleansAreStableAndInsidePublishedIntervals) {
  // R LCMCR is stable across seeds on these tables (README of the data); there is no published
  // LCMCR figure, so the check is (a) the chains agree (split R-hat < 1.05, no disagreement
  // warning; our runs give R-hat ~1.002 and bulk ESS > 1,000) and (b) the posterior median lies
  // inside the published log-linear BCa intervals: Western 1,293-3,670 (2,483), New Orleans 5
  // lists 589-1,703 (1,034). Our medians are ~1,960 and ~860, far from both ends.
  struct Case {
    const char* table;
    double lo, hi;
  };
  for (const Case& c : {Case{"western", 1293, 3670}, Case{"new_orleans_5lists", 589, 1703}}) {
    CaptureTable t = testing::LoadTable(c.table);
    LcmcrOptions o;
    o.burn_in = 2000;
    o.iterations = 10000;
    o.chains = 4;
    o.seed = 3;
    auto r = RunLcmcr(t, o);
    ASSERT_TRUE(r.ok());
    EXPECT_LT(r->diagnostics.rhat, 1.05) << c.table;
    for (const auto& w : r->warnings) {
      EXPECT_EQ(w.find("disagree"), std::string::npos) << c.table << ": " << w;
    }
    EXPECT_GT(r->median, c.lo) << c.table;
    EXPECT_LT(r->median, c.hi) << c.table;
  }
}

TEST(Lcmcr, RejectsBadOptions) {
  CaptureTable t = testing::LoadTable("kosovo");
  LcmcrOptions o;
  o.classes = 0;
  EXPECT_FALSE(RunLcmcr(t, o).ok());
  o = LcmcrOptions{};
  o.a_alpha = -1;
  EXPECT_FALSE(RunLcmcr(t, o).ok());
}

// Coverage on simulated heterogeneous-capture data with known N. Slow (about a minute): it is
// skipped (reported as SKIPPED) unless the environment has RECOUNT_SLOW=1; see docs/estimation.md.
TEST(Lcmcr, SLOW_CoverageOnSimulatedHeterogeneousPopulations) {
  if (std::getenv("RECOUNT_SLOW") == nullptr) GTEST_SKIP() << "set RECOUNT_SLOW=1 to run";
  const int reps = 20;
  const int64_t n_true = 2000;
  int covered = 0;
  Rng rng(77);
  for (int rep = 0; rep < reps; ++rep) {
    // Two latent groups (60% hard to see, 40% easy) over 5 lists. The hard group's capture
    // rates (0.22-0.30) keep it identifiable: with rates near 0.1 every method, LCMCR included,
    // underestimates, because such a group is mostly seen once and its missed share cannot be
    // learned from the overlaps.
    std::vector<uint32_t> hist;
    for (int64_t i = 0; i < n_true; ++i) {
      const bool easy = rng.Uniform() < 0.4;
      uint32_t m = 0;
      for (int j = 0; j < 5; ++j) {
        const double p = easy ? 0.6 : 0.22 + 0.02 * j;
        if (rng.Uniform() < p) m |= 1u << j;
      }
      if (m) hist.push_back(m);
    }
    auto t = CaptureTable::FromHistories({"A", "B", "C", "D", "E"}, hist);
    ASSERT_TRUE(t.ok());
    LcmcrOptions o;
    o.burn_in = 2000;
    o.iterations = 5000;
    o.chains = 2;
    o.seed = 100 + rep;
    auto r = RunLcmcr(*t, o);
    ASSERT_TRUE(r.ok());
    covered += (r->lower <= n_true && n_true <= r->upper) ? 1 : 0;
  }
  // Nominal 95%: with 20 replicates, fewer than 16 covered has probability < 2% if calibrated.
  EXPECT_GE(covered, 16) << covered << " of " << reps << " intervals covered N";
}

}  // namespace
}  // namespace recount::stats
