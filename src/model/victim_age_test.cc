#include "model/victim_age.h"

#include <gtest/gtest.h>

namespace recount::model {
namespace {

PartialDate D(const char* text) {
  auto r = PartialDate::Parse(text);
  EXPECT_TRUE(r.ok()) << text;
  return r.ok() ? *r : PartialDate();
}

Act ActOn(const char* date, std::optional<int> age = std::nullopt) {
  Act a;
  a.act_type = "detention";
  if (*date) a.date = D(date);
  a.age = age;
  return a;
}

TEST(FullYearsBetween, CountsBirthdaysExactly) {
  EXPECT_EQ(FullYearsBetween(DaysFromCivil(2000, 3, 5), DaysFromCivil(2010, 3, 5)), 10);
  EXPECT_EQ(FullYearsBetween(DaysFromCivil(2000, 3, 5), DaysFromCivil(2010, 3, 4)), 9);
  EXPECT_EQ(FullYearsBetween(DaysFromCivil(2000, 2, 29), DaysFromCivil(2001, 2, 28)), 0);
  EXPECT_EQ(FullYearsBetween(DaysFromCivil(2000, 2, 29), DaysFromCivil(2001, 3, 1)), 1);
  EXPECT_EQ(FullYearsBetween(DaysFromCivil(1960, 12, 31), DaysFromCivil(1961, 1, 1)), 0);
  EXPECT_EQ(FullYearsBetween(DaysFromCivil(1899, 6, 1), DaysFromCivil(2019, 6, 1)), 120);
  EXPECT_LT(FullYearsBetween(DaysFromCivil(2001, 1, 1), DaysFromCivil(2000, 6, 1)), 0);
}

TEST(AgeAtAct, TableOfCases) {
  struct Case {
    const char* birth;
    const char* act_date;
    std::optional<int> recorded;
    std::optional<AgeRange> want;
  };
  const Case cases[] = {
      {"", "2010", 20, AgeRange{20, 20}},              // a recorded age is the age
      {"1950", "2010", 20, AgeRange{20, 20}},          // even against the birth date
      {"1990", "2010", std::nullopt, AgeRange{19, 20}},
      {"1990~", "2010", std::nullopt, AgeRange{18, 22}},  // about 1990: widened by 366 days
      {"1990-03-05", "2010-03-05", std::nullopt, AgeRange{20, 20}},
      {"1990-03-05", "2010-03-04", std::nullopt, AgeRange{19, 19}},
      {"1990-03-05", "2010-03", std::nullopt, AgeRange{19, 20}},
      {"1989/1990", "2012", std::nullopt, AgeRange{21, 23}},  // a range from an age elsewhere
      {"2010", "2010", std::nullopt, AgeRange{0, 0}},
      {"", "2010", std::nullopt, std::nullopt},         // no birth date
      {"1990", "", std::nullopt, std::nullopt},         // no act date
      {"2011", "2010", std::nullopt, std::nullopt},     // born after the act: no age
  };
  for (const Case& c : cases) {
    PartialDate birth = *c.birth ? D(c.birth) : PartialDate();
    EXPECT_EQ(AgeAtAct(birth, ActOn(c.act_date, c.recorded)), c.want)
        << "birth " << c.birth << ", act " << c.act_date;
  }
}

}  // namespace
}  // namespace recount::model
