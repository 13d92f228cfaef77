#include "sim/population.h"

#include <gtest/gtest.h>

#include "sim/truth_writer.h"
#include "base/source_dir.h"

namespace recount::sim {
namespace {

class PopulationTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto d = SimData::Load(SourceDir() + "/data");
    ASSERT_TRUE(d.ok()) << d.status().ToString();
    data_ = new SimData(std::move(d).value());
    names_ = new NameModel(*data_);
  }
  static void TearDownTestSuite() {
    delete names_;
    delete data_;
  }
  static SimData* data_;
  static NameModel* names_;
};
SimData* PopulationTest::data_ = nullptr;
NameModel* PopulationTest::names_ = nullptr;

TEST_F(PopulationTest, GenerateIsAPureFunctionOfSeedAndId) {
  PopulationModel model(*data_, *names_, 5);
  Person a, b, c;
  model.Generate(123, &a);
  model.Generate(7, &c);  // another person in between must not matter
  model.Generate(123, &b);
  EXPECT_EQ(a.birth_year, b.birth_year);
  EXPECT_EQ(a.name.surname, b.name.surname);
  ASSERT_EQ(a.acts.size(), b.acts.size());
  for (size_t i = 0; i < a.acts.size(); ++i) {
    EXPECT_EQ(a.acts[i].type, b.acts[i].type);
    EXPECT_EQ(a.acts[i].year, b.acts[i].year);
    EXPECT_EQ(a.acts[i].place, b.acts[i].place);
  }
}

TEST_F(PopulationTest, EveryPersonHasChronologicalActsInRange) {
  PopulationModel model(*data_, *names_, 1);
  Person p;
  for (uint32_t i = 0; i < 5000; ++i) {
    model.Generate(i, &p);
    ASSERT_FALSE(p.acts.empty());
    for (size_t j = 0; j < p.acts.size(); ++j) {
      const SimAct& a = p.acts[j];
      EXPECT_GE(a.year, kFirstYear);
      EXPECT_LE(a.year, kLastYear);
      EXPECT_GE(a.month, 1);
      EXPECT_LE(a.month, 12);
      if (j > 0) EXPECT_LE(p.acts[j - 1].year * 12 + p.acts[j - 1].month, a.year * 12 + a.month);
    }
    if (p.Has(ActType::kForcedAbortion)) EXPECT_TRUE(p.female);
    if (p.Has(ActType::kArbitraryDetention) && !p.Has(ActType::kForcedRepatriation)) {
      // Only those held in China during the 2020-2022 closure are detained before refoulement.
      bool closure = false;
      for (const auto& a : p.acts) closure = closure || (a.year >= 2020 && a.year <= 2022);
      EXPECT_TRUE(closure);
    }
  }
}

TEST_F(PopulationTest, MarginalsMatchTheTables) {
  const int n = 40000;
  PopulationModel model(*data_, *names_, 2);
  TruthTotals t(data_->provinces.size(), 3);
  std::vector<Capture> none(3);
  Person p;
  int kim = 0, lee = 0;
  for (int i = 0; i < n; ++i) {
    model.Generate(i, &p);
    t.Add(p, none);
    kim += names_->Surname(p.name, false) == "김";
    lee += names_->Surname(p.name, false) == "이";
  }
  double surname_total = 0;
  for (const auto& s : data_->surnames) surname_total += s.share;
  // Census shares renormalised over the shipped surnames; tolerance about 4 standard errors.
  EXPECT_NEAR(kim / double(n), 21.5 / surname_total, 0.009);
  EXPECT_NEAR(lee / double(n), 14.7 / surname_total, 0.008);
  EXPECT_NEAR(t.persons_by_sex[0] / double(n), 0.85, 0.008);
  double province_total = 0;
  for (const auto& pr : data_->provinces) province_total += pr.weight;
  ASSERT_EQ(data_->provinces[0].name_en, "North Hamgyong");
  EXPECT_NEAR(t.persons_by_province[0] / double(n), 59.7 / province_total, 0.01);
  ASSERT_EQ(data_->provinces[1].name_en, "Ryanggang");
  EXPECT_NEAR(t.persons_by_province[1] / double(n), 17.4 / province_total, 0.008);
  // Most women are trafficked (0.75 plus the fallback for women with no other act).
  EXPECT_GT(t.victims_by_type[static_cast<int>(ActType::kTrafficking)], 0.6 * n);
}

TEST_F(PopulationTest, CrossingsDipDuringTheBorderClosure) {
  const int n = 40000;
  PopulationModel model(*data_, *names_, 3);
  TruthTotals t(data_->provinces.size(), 3);
  std::vector<Capture> none(3);
  Person p;
  for (int i = 0; i < n; ++i) {
    model.Generate(i, &p);
    t.Add(p, none);
  }
  auto at = [&](int year) { return double(t.persons_by_crossing_year[year - kFirstYear]); };
  const double before = (at(2015) + at(2016) + at(2017) + at(2018) + at(2019)) / 5;
  const double closed = (at(2020) + at(2021) + at(2022)) / 3;
  EXPECT_LT(closed, 0.15 * before);
  EXPECT_GT(closed, 0);
  // Repatriations pile up in 2023 (those held in China during the closure).
  const int rep = static_cast<int>(ActType::kForcedRepatriation);
  EXPECT_GT(t.acts_by_year_type[2023 - kFirstYear][rep],
            t.acts_by_year_type[2021 - kFirstYear][rep]);
}

}  // namespace
}  // namespace recount::sim
