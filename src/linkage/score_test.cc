#include "linkage/score.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

namespace recount::linkage {
namespace {

// Patterns drawn from a known two-class model over 3 binary-ish fields: EM recovers lambda and m/u
// within sampling error.
TEST(ScoreTest, EmRecoversKnownParameters) {
  std::vector<Record> recs(2);
  Schema schema;
  schema.other = {{"a", FieldKind::kExact}, {"b", FieldKind::kExact}, {"c", FieldKind::kExact}};
  Prepared p = Prepare(recs, schema, {});
  const double lambda = 0.1, m[3] = {0.95, 0.9, 0.85}, u[3] = {0.1, 0.2, 0.05};
  std::mt19937_64 rng(1);
  std::uniform_real_distribution<double> U(0, 1);
  PatternCounts counts;
  for (int k = 0; k < 200000; ++k) {
    bool match = U(rng) < lambda;
    Levels lv{};
    for (int f = 0; f < 3; ++f) lv[f] = (U(rng) < (match ? m[f] : u[f])) ? 2 : 1;
    ++counts[PatternKey(lv, 3)];
  }
  Model model = InitialModel(p, {}, {});
  FitEm(counts, 3, &model);
  EXPECT_NEAR(model.lambda, lambda, 0.01);
  for (int f = 0; f < 3; ++f) {
    EXPECT_NEAR(model.fields[f].m[2], m[f], 0.02) << f;
    EXPECT_NEAR(model.fields[f].u[2], u[f], 0.02) << f;
  }
  // Agreement on everything is strong evidence; disagreement on everything is strong against.
  Levels all{2, 2, 2}, none{1, 1, 1};
  EXPECT_GT(model.Probability(model.Weight(all)), 0.95);
  EXPECT_LT(model.Probability(model.Weight(none)), 0.01);
}

TEST(ScoreTest, FixedParametersAreKept) {
  std::vector<Record> recs(2);
  Schema schema;
  schema.other = {{"a", FieldKind::kExact}};
  Prepared p = Prepare(recs, schema, {});
  FixedParameters fixed;
  fixed.m["a"] = {0.2, 0.8};
  fixed.lambda = 0.3;
  Model model = InitialModel(p, {}, fixed);
  PatternCounts counts = {{PatternKey(Levels{2}, 1), 100}, {PatternKey(Levels{1}, 1), 100}};
  FitEm(counts, 1, &model);
  EXPECT_DOUBLE_EQ(model.fields[0].m[2], 0.8);
  EXPECT_DOUBLE_EQ(model.lambda, 0.3);
}

// Exact agreement on a common surname weighs less than on a rare one.
TEST(ScoreTest, TermFrequencyAdjustment) {
  std::vector<Record> recs;
  for (int i = 0; i < 100; ++i) {
    Record r;
    r.surnames = {i < 50 ? "kim" : "surname" + std::to_string(i)};
    recs.push_back(r);
  }
  recs.push_back(recs[60]);  // a second record with a rare surname
  Schema schema;
  schema.has_surname = true;
  Prepared p = Prepare(recs, schema, {});
  Model model = InitialModel(p, {}, {});
  Levels exact{4};
  double common = model.Weight(exact, &p, 0, 1);
  double rare = model.Weight(exact, &p, 60, 100);
  EXPECT_LT(common, rare);
  model.tf_adjust = false;
  EXPECT_DOUBLE_EQ(model.Weight(exact, &p, 0, 1), model.Weight(exact, &p, 60, 100));
}

// Date level 5 is split by the component that differs: agreeing on year and day with
// another month (rare among random pairs) is stronger evidence than agreeing on month and day
// with another year (1 in ~365 random pairs).
TEST(ScoreTest, DateComponentThatDiffersChangesTheWeight) {
  std::vector<Record> recs;
  std::mt19937 rng(3);
  for (int i = 0; i < 2000; ++i) {
    Record r;
    r.birth = PartialDate::Ymd(1920 + static_cast<int>(rng() % 80), 1 + static_cast<int>(rng() % 12),
                               1 + static_cast<int>(rng() % 28));
    recs.push_back(r);
  }
  recs.push_back(Record{});
  recs.back().birth = PartialDate::Ymd(1949, 7, 22);
  recs.push_back(Record{});
  recs.back().birth = PartialDate::Ymd(1937, 7, 22);  // another year
  recs.push_back(Record{});
  recs.back().birth = PartialDate::Ymd(1949, 3, 22);  // another month
  recs.push_back(Record{});
  recs.back().birth = PartialDate::Ymd(1949, 7, 9);   // another day
  Schema schema;
  schema.has_birth = true;
  Prepared p = Prepare(recs, schema, {});
  Model model = InitialModel(p, {}, {});
  Levels differs{5};
  const double year = model.Weight(differs, &p, 2000, 2001);
  const double month = model.Weight(differs, &p, 2000, 2002);
  const double day = model.Weight(differs, &p, 2000, 2003);
  EXPECT_LT(year, day);
  EXPECT_LT(day, month);
  EXPECT_DOUBLE_EQ(model.Weight(differs), model.fields[0].w[5]);  // without records: no split
}

// P(k errors | match) under independence is the convolution of the fields' error chances.
TEST(ScoreTest, ErrorClassPriorConvolvesTheFields) {
  std::vector<Record> recs(2);
  Schema schema;
  schema.other = {{"a", FieldKind::kExact}, {"b", FieldKind::kExact}, {"c", FieldKind::kExact}};
  Prepared p = Prepare(recs, schema, {});
  Model model = InitialModel(p, {}, {});
  const double e[3] = {0.1, 0.2, 0.3};
  for (int f = 0; f < 3; ++f) model.fields[f].m[1] = e[f], model.fields[f].m[2] = 1 - e[f];
  const auto a = model.ErrorClassPrior(0b111);
  EXPECT_NEAR(a[0], 0.9 * 0.8 * 0.7, 1e-12);
  EXPECT_NEAR(a[1], 0.1 * 0.8 * 0.7 + 0.9 * 0.2 * 0.7 + 0.9 * 0.8 * 0.3, 1e-12);
  static_assert(Model::kErrorClasses == 4);
  EXPECT_NEAR(a[2], 0.1 * 0.2 * 0.7 + 0.1 * 0.8 * 0.3 + 0.9 * 0.2 * 0.3, 1e-12);
  EXPECT_NEAR(a[3], 0.1 * 0.2 * 0.3, 1e-12);
  double total = 0;
  for (double x : a) total += x;
  EXPECT_NEAR(total, 1.0, 1e-12);
  const auto b = model.ErrorClassPrior(0b010);  // only field b known
  EXPECT_NEAR(b[0], 0.8, 1e-12);
  EXPECT_NEAR(b[1], 0.2, 1e-12);
  EXPECT_EQ(b[2], 0.0);
  // With error_beta zero the term adds nothing.
  EXPECT_EQ(model.ErrorBits(Levels{1, 1, 2}), 0.0);
}

// Matches that never differ in more than one field (as duplicates made by one corruption each):
// the EM on candidate patterns finds error_beta[2] clearly negative, so a pair disagreeing on
// two fields scores lower than under independence and one disagreeing on one field higher.
TEST(ScoreTest, ErrorCountTermIsEstimated) {
  constexpr int kFields = 4;
  std::vector<Record> recs(2);
  Schema schema;
  for (int f = 0; f < kFields; ++f) schema.other.push_back({"f" + std::to_string(f), FieldKind::kExact});
  Prepared p = Prepare(recs, schema, {});
  Model model = InitialModel(p, {}, {});
  const double m_err = 0.15, u_agree = 0.01;
  for (auto& f : model.fields) {
    f.m[1] = m_err, f.m[2] = 1 - m_err, f.u[1] = 1 - u_agree, f.u[2] = u_agree;
  }
  model.UpdateWeights();
  // 1,000 matches: 40 % exact, 15 % with an error in each one field; 100,000 non-matches drawn
  // with u; every pair is a candidate.
  std::map<uint64_t, std::pair<Levels, double>> counts;
  auto add = [&counts](const Levels& lv, double c) {
    auto& e = counts[PatternKey(lv, kFields)];
    e.first = lv;
    e.second += c;
  };
  add(Levels{2, 2, 2, 2}, 400);
  for (int f = 0; f < kFields; ++f) {
    Levels lv{2, 2, 2, 2};
    lv[f] = 1;
    add(lv, 150);
  }
  for (int mask = 0; mask < (1 << kFields); ++mask) {
    Levels lv{};
    double c = 100000;
    for (int f = 0; f < kFields; ++f) {
      const bool agree = mask >> f & 1;
      lv[f] = agree ? 2 : 1;
      c *= agree ? u_agree : 1 - u_agree;
    }
    add(lv, c);
  }
  std::vector<PatternStratum> strata(1);
  strata[0].pairs = 101000;
  for (const auto& [key, e] : counts) strata[0].patterns.push_back(e);
  Model independent = model;
  FitSharesAndErrors(strata, false, &independent);
  const std::vector<double> lambda = FitSharesAndErrors(strata, true, &model);
  ASSERT_EQ(lambda.size(), 1u);
  EXPECT_NEAR(lambda[0], 1000.0 / 101000, 0.002);
  EXPECT_EQ(model.error_beta[0], 0.0);
  EXPECT_LT(model.error_beta[2], model.error_beta[1] - 1.0);
  const Levels two{1, 1, 2, 2}, one{1, 2, 2, 2};
  EXPECT_LT(model.Weight(two), independent.Weight(two) - 1.0);
  EXPECT_GT(model.Weight(one), independent.Weight(one));
  EXPECT_EQ(independent.ErrorBits(two), 0.0);
}

}  // namespace
}  // namespace recount::linkage
