#include "linkage/score.h"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace recount::linkage
