#include "linkage/compare.h"

#include <gtest/gtest.h>

namespace recount::linkage {
namespace {

TEST(CompareTest, DateLevels) {
  PartialDate d = PartialDate::Ymd(1949, 7, 22);
  EXPECT_EQ(DateLevel(d, PartialDate{}), 0);
  EXPECT_EQ(DateLevel(d, d), 6);
  EXPECT_EQ(DateLevel(d, PartialDate::Ymd(1949, 7, 23)), 5);   // day off by one
  EXPECT_EQ(DateLevel(d, PartialDate::Ymd(1949, 7, 27)), 5);   // one digit
  EXPECT_EQ(DateLevel(d, PartialDate::Ymd(1949, 7, 9)), 4);    // another day
  EXPECT_EQ(DateLevel(d, PartialDate::Ymd(1948, 7, 22)), 5);   // year typo
  EXPECT_EQ(DateLevel(d, PartialDate::Ymd(1994, 7, 22)), 5);   // digits transposed
  EXPECT_EQ(DateLevel(d, PartialDate::Ymd(1937, 7, 22)), 4);   // another year
  EXPECT_EQ(DateLevel(PartialDate::Ymd(1949, 3, 7), PartialDate::Ymd(1949, 7, 3)), 5);  // swap
  EXPECT_EQ(DateLevel(d, PartialDate::Ymd(1949, 3, 5)), 3);    // only the year agrees
  EXPECT_EQ(DateLevel(d, PartialDate::Ymd(1950, 3, 5)), 1);    // conflict
  EXPECT_EQ(DateLevel(d, PartialDate::Ymd(1952, 7, 1)), 3);    // only the month agrees
  EXPECT_EQ(DateLevel(d, PartialDate::Year(1949)), 2);         // compatible
  EXPECT_EQ(DateLevel(d, PartialDate::FromAgeAtEvent(20, 1970)), 2);  // 1949-1950
  EXPECT_EQ(DateLevel(d, PartialDate::FromAgeAtEvent(30, 1970)), 1);  // 1939-1940
  EXPECT_EQ(DateLevel(PartialDate{1949, 1949, 7, 0}, PartialDate{1949, 1949, 8, 0}), 3);
}

TEST(CompareTest, NameLevelsUseBestVariant) {
  EXPECT_EQ(NameLevel("", "kim"), 0);
  EXPECT_EQ(NameLevel("kim", "kim"), 4);
  EXPECT_EQ(NameLevel("gim|kim", "kim"), 4);
  EXPECT_EQ(NameLevel("martha", "marhta"), 3);
  EXPECT_EQ(NameLevel("dwayne", "duane"), 2);
  EXPECT_EQ(NameLevel("park", "choi"), 1);
}

TEST(CompareTest, ComparerDetectsSwappedNames) {
  Record a, b;
  a.surnames = {"Meier"};
  a.given_names = {"Carsten"};
  b.surnames = {"Carsten"};
  b.given_names = {"Meier"};
  a.birth = b.birth = PartialDate::Ymd(1949, 7, 22);
  Schema schema;
  schema.has_surname = schema.has_given = schema.has_birth = true;
  Prepared p = Prepare({a, b}, schema, {});
  Comparer c(&p);
  Levels l{};
  c.Compare(0, 1, &l);
  EXPECT_EQ(l[p.surname_field], 3);
  EXPECT_EQ(l[p.given_field], 3);
  EXPECT_EQ(l[p.date_field], 6);
}

}  // namespace
}  // namespace recount::linkage
