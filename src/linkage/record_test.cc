#include "linkage/record.h"

#include <gtest/gtest.h>

namespace recount::linkage {
namespace {

TEST(RecordTest, ParsesDateForms) {
  struct Case {
    const char* text;
    PartialDate want;
  } cases[] = {
      {"1949-07-22", {1949, 1949, 7, 22}}, {"19490722", {1949, 1949, 7, 22}},
      {"1949-07", {1949, 1949, 7, 0}},     {"1949", {1949, 1949, 0, 0}},
      {"1945/1950", {1945, 1950, 0, 0}},   {"22/07/1949", {1949, 1949, 7, 22}},
      {"", {0, 0, 0, 0}},                  {"19491322", {1949, 1949, 13, 22}},
      {"-0050-03-15", {-50, -50, 3, 15}},  {"-0800", {-800, -800, 0, 0}},
  };
  for (const auto& c : cases) {
    auto d = ParsePartialDate(c.text);
    ASSERT_TRUE(d.ok()) << c.text << ": " << d.status().ToString();
    EXPECT_EQ(d->year_lo, c.want.year_lo) << c.text;
    EXPECT_EQ(d->year_hi, c.want.year_hi) << c.text;
    EXPECT_EQ(d->month, c.want.month) << c.text;
    EXPECT_EQ(d->day, c.want.day) << c.text;
  }
}

TEST(RecordTest, RejectsGarbageWithMessage) {
  auto d = ParsePartialDate("next tuesday");
  ASSERT_FALSE(d.ok());
  EXPECT_NE(d.status().message().find("next tuesday"), std::string::npos);
  EXPECT_FALSE(ParsePartialDate("-0050-01-0").ok());  // truncated
  EXPECT_FALSE(ParsePartialDate("-0000").ok());
}

TEST(RecordTest, AgeAtEventGivesTwoYears) {
  PartialDate d = PartialDate::FromAgeAtEvent(25, 2010);
  EXPECT_EQ(d.year_lo, 1984);
  EXPECT_EQ(d.year_hi, 1985);
}

}  // namespace
}  // namespace recount::linkage
