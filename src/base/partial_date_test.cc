#include "base/partial_date.h"

#include <gtest/gtest.h>

namespace recount {
namespace {

TEST(PartialDateTest, ParsesWhatPeopleType) {
  struct Case {
    std::string_view input;
    std::string_view canonical;
    DatePrecision precision;
  };
  const Case cases[] = {
      {"2019", "2019", DatePrecision::kYear},
      {"2019-03", "2019-03", DatePrecision::kMonth},
      {"2019-3-5", "2019-03-05", DatePrecision::kDay},
      {"2019.03.05", "2019-03-05", DatePrecision::kDay},
      {"2015/2017", "2015/2017", DatePrecision::kRange},
      {"2015-2017", "2015/2017", DatePrecision::kRange},
      {"2015~2017", "2015/2017", DatePrecision::kRange},
      {"2015-03/2015-06", "2015-03/2015-06", DatePrecision::kRange},
      {"about 2015", "2015~", DatePrecision::kYear},
      {"c. 2015", "2015~", DatePrecision::kYear},
      {"2015~", "2015~", DatePrecision::kYear},
      {"약 2015", "2015~", DatePrecision::kYear},
      {"2015년", "2015", DatePrecision::kYear},
      {"2015년 3월", "2015-03", DatePrecision::kMonth},
      {"2015년 3월 5일", "2015-03-05", DatePrecision::kDay},
      {"2015년경", "2015~", DatePrecision::kYear},
      {"", "", DatePrecision::kUnknown},
      {"unknown", "", DatePrecision::kUnknown},
  };
  for (const Case& c : cases) {
    auto r = PartialDate::Parse(c.input);
    ASSERT_TRUE(r.ok()) << c.input << ": " << r.status().ToString();
    EXPECT_EQ(r->ToString(), c.canonical) << c.input;
    EXPECT_EQ(r->precision(), c.precision) << c.input;
    // The canonical form parses back to the same date.
    auto again = PartialDate::Parse(r->ToString());
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *r) << c.input;
  }
}

TEST(PartialDateTest, RejectsImpossibleDatesWithReason) {
  struct Case {
    std::string_view input;
    std::string_view reason;
  };
  const Case cases[] = {
      {"2019-02-30", "day 30 does not exist in 2019-02"},
      {"2019-13", "month 13 does not exist"},
      {"2017/2015", "ends before it starts"},
      {"yesterday", "is not a date"},
      {"19", "outside"},
      {"2019-01-01-01", "is not a date"},
      {"20190", "is not a date"},
  };
  for (const Case& c : cases) {
    auto r = PartialDate::Parse(c.input);
    ASSERT_FALSE(r.ok()) << c.input;
    EXPECT_NE(r.status().message().find(c.reason), std::string::npos) << r.status().message();
  }
  EXPECT_TRUE(PartialDate::Parse("2020-02-29").ok());
  EXPECT_FALSE(PartialDate::Parse("2019-02-29").ok());
}

TEST(PartialDateTest, YearOverlapsEveryDayOfThatYear) {
  PartialDate y = PartialDate::Year(2019);
  EXPECT_TRUE(y.Overlaps(PartialDate::Day(2019, 1, 1)));
  EXPECT_TRUE(y.Overlaps(PartialDate::Day(2019, 12, 31)));
  EXPECT_FALSE(y.Overlaps(PartialDate::Day(2020, 1, 1)));
  EXPECT_TRUE(PartialDate::Month(2019, 3).Overlaps(PartialDate::Day(2019, 3, 31)));
  EXPECT_FALSE(PartialDate::Month(2019, 3).Overlaps(PartialDate::Day(2019, 4, 1)));
  EXPECT_FALSE(PartialDate().Overlaps(y));
}

TEST(PartialDateTest, ApproximateDatesWiden) {
  PartialDate about = PartialDate::Year(2015, true);
  EXPECT_TRUE(about.Overlaps(PartialDate::Year(2016)));
  EXPECT_TRUE(about.Overlaps(PartialDate::Year(2014)));
  EXPECT_FALSE(about.Overlaps(PartialDate::Year(2017)));
  EXPECT_FALSE(PartialDate::Year(2015).Overlaps(PartialDate::Year(2016)));
}

TEST(PartialDateTest, OrdersByEarliestThenLatest) {
  EXPECT_LT(PartialDate::Year(2015), PartialDate::Month(2015, 6));
  EXPECT_LT(PartialDate::Day(2015, 1, 1), PartialDate::Year(2015));
  EXPECT_LT(PartialDate::Year(2030), PartialDate());
}

TEST(PartialDateTest, AgeAtEventGivesBirthYearRange) {
  auto r = BirthRangeFromAge(20, PartialDate::Year(2010));
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->ToString(), "1989/1990");
  auto span = BirthRangeFromAge(30, *PartialDate::Parse("2010/2012"));
  EXPECT_EQ(span->ToString(), "1979/1982");
  EXPECT_FALSE(BirthRangeFromAge(150, PartialDate::Year(2010)).ok());
  EXPECT_FALSE(BirthRangeFromAge(20, PartialDate()).ok());
}

}  // namespace
}  // namespace recount
