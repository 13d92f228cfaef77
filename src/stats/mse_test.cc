#include "stats/mse.h"

#include <gtest/gtest.h>

#include <cmath>

#include "stats/test_tables.h"

namespace recount::stats {
namespace {

MseOptions FastOptions() {
  MseOptions o;
  o.lcmcr.burn_in = 500;
  o.lcmcr.iterations = 2000;
  o.lcmcr.chains = 2;
  o.bootstrap_replicates = 200;
  return o;
}

TEST(Mse, AllMethodsOnKosovo) {
  CaptureTable t = testing::LoadTable("kosovo");
  auto methods = ParseMethods("all");
  ASSERT_TRUE(methods.ok());
  auto est = EstimateAll(t, *methods, FastOptions());
  ASSERT_TRUE(est.ok()) << est.status().ToString();
  ASSERT_EQ(est->size(), 4u);
  for (const Estimate& e : *est) {
    EXPECT_TRUE(e.ok) << MethodName(e.method) << ": " << e.error;
    EXPECT_EQ(e.observed, 4400);
    EXPECT_GT(e.point, 4400);
    EXPECT_LE(e.lower, e.point);
    EXPECT_GE(e.upper, e.point);
    EXPECT_FALSE(e.draws.empty());
  }
  EXPECT_NEAR((*est)[0].point, 10356.5, 5);  // BIC-best hierarchical model
}

// MseOptions::stop reaches the log-linear method: EstimateAll fails as stopped rather than
// returning figures from a cut-short search; asked before the first method, nothing runs.
TEST(Mse, StopIsPassedToTheEstimation) {
  CaptureTable t = testing::LoadTable("kosovo");
  MseOptions o = FastOptions();
  int asked = 0;
  o.threads = 1;
  o.stop = [&asked] { return ++asked > 3; };
  auto est = EstimateAll(t, {Method::kLoglinear, Method::kChao}, o);
  ASSERT_FALSE(est.ok());
  EXPECT_EQ(est.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_NE(est.status().message().find("stopped"), std::string::npos);
  o.stop = [] { return true; };
  asked = 0;
  est = EstimateAll(t, {Method::kChao}, o);
  ASSERT_FALSE(est.ok());
  o.stop = [] { return false; };
  est = EstimateAll(t, {Method::kLoglinear, Method::kChao}, o);
  ASSERT_TRUE(est.ok()) << est.status().ToString();
}

TEST(Mse, DgaUnavailableForSixListsIsReportedNotFatal) {
  CaptureTable t = testing::LoadTable("uk_modern_slavery_2013");
  auto est = EstimateAll(t, {Method::kDga, Method::kChao}, FastOptions());
  ASSERT_TRUE(est.ok());
  EXPECT_FALSE((*est)[0].ok);
  EXPECT_NE((*est)[0].error.find("3 to 5 lists"), std::string::npos);
  EXPECT_TRUE((*est)[1].ok);
}

TEST(Mse, CompareFlagsWideDisagreement) {
  Estimate a, b;
  a.ok = b.ok = true;
  a.method = Method::kLoglinear;
  b.method = Method::kLcmcr;
  a.point = 1000, a.lower = 900, a.upper = 1100;
  b.point = 3000, b.lower = 2500, b.upper = 4000;
  auto w = CompareEstimates({a, b});
  ASSERT_EQ(w.size(), 1u);
  EXPECT_NE(w[0].find("do not overlap"), std::string::npos);
  b.point = 1050, b.lower = 950, b.upper = 1200;
  EXPECT_TRUE(CompareEstimates({a, b}).empty());
}

TEST(Mse, SumOverStrataUsesDrawsNotBounds) {
  // Two independent strata with the same spread: the interval of the sum is narrower than the
  // sum of the intervals (sd grows by sqrt(2), not 2).
  Rng rng(1);
  Estimate s1, s2;
  for (Estimate* e : {&s1, &s2}) {
    e->ok = true;
    e->method = Method::kLcmcr;
    e->observed = 100;
    for (int i = 0; i < 20000; ++i) e->draws.push_back(1000 + 100 * rng.Normal());
    e->point = Quantile(e->draws, 0.5);
    e->lower = Quantile(e->draws, 0.025);
    e->upper = Quantile(e->draws, 0.975);
  }
  auto t = SumOverStrata({s1, s2});
  ASSERT_TRUE(t.ok());
  EXPECT_NEAR(t->point, 2000, 5);
  const double width = t->upper - t->lower;
  EXPECT_NEAR(width, 2 * 1.96 * 100 * std::sqrt(2.0), 15);
  EXPECT_LT(width, (s1.upper - s1.lower) + (s2.upper - s2.lower) - 100);
  EXPECT_EQ(t->observed, 200);
}

TEST(Mse, SumOverStrataRejectsMixedOrEmpty) {
  Estimate a;
  a.ok = true;
  a.method = Method::kLcmcr;
  a.draws = {1, 2, 3};
  Estimate b = a;
  b.method = Method::kDga;
  EXPECT_FALSE(SumOverStrata({a, b}).ok());
  b = a;
  b.draws.clear();
  EXPECT_FALSE(SumOverStrata({a, b}).ok());
}

TEST(Mse, ParseMethodsRejectsTypos) {
  EXPECT_FALSE(ParseMethods("lcmrc").ok());
  EXPECT_EQ(ParseMethods("chao")->size(), 1u);
}

}  // namespace
}  // namespace recount::stats
