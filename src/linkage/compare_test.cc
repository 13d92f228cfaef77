#include "linkage/compare.h"

#include <gtest/gtest.h>

namespace recount::linkage {
namespace {

TEST(CompareTest, DateLevels) {
  PartialDate d = PartialDate::Ymd(1949, 7, 22);
  EXPECT_EQ(DateLevel(d, PartialDate{}), 0);
  EXPECT_EQ(DateLevel(d, d), 7);
  EXPECT_EQ(DateLevel(d, PartialDate::Ymd(1949, 7, 23)), 6);   // day off by one
  EXPECT_EQ(DateLevel(d, PartialDate::Ymd(1949, 7, 27)), 6);   // one digit
  EXPECT_EQ(DateLevel(d, PartialDate::Ymd(1949, 7, 9)), 5);    // another day
  EXPECT_EQ(DateLevel(d, PartialDate::Ymd(1948, 7, 22)), 6);   // year typo
  EXPECT_EQ(DateLevel(d, PartialDate::Ymd(1994, 7, 22)), 6);   // digits transposed
  EXPECT_EQ(DateLevel(d, PartialDate::Ymd(1937, 7, 22)), 5);   // another year
  EXPECT_EQ(DateLevel(PartialDate::Ymd(1949, 3, 7), PartialDate::Ymd(1949, 7, 3)), 6);  // swap
  EXPECT_EQ(DateLevel(d, PartialDate::Ymd(1949, 3, 5)), 4);    // only the year agrees
  EXPECT_EQ(DateLevel(d, PartialDate::Ymd(1950, 3, 5)), 1);    // conflict
  EXPECT_EQ(DateLevel(d, PartialDate::Ymd(1952, 7, 1)), 4);    // only the month agrees
  EXPECT_EQ(DateLevel(d, PartialDate::Year(1949)), 3);         // compatible
  EXPECT_EQ(DateLevel(d, PartialDate::FromAgeAtEvent(20, 1970)), 3);  // 1949-1950
  EXPECT_EQ(DateLevel(d, PartialDate::FromAgeAtEvent(23, 1970)), 2);  // 1946-1947: near
  EXPECT_EQ(DateLevel(d, PartialDate::FromAgeAtEvent(30, 1970)), 1);  // 1939-1940
  EXPECT_EQ(DateLevel(PartialDate::Year(1949), PartialDate::Year(1951)), 2);
  EXPECT_EQ(DateLevel(PartialDate::Year(1949), PartialDate::Year(1952)), 1);
  EXPECT_EQ(DateLevel(PartialDate{1949, 1949, 7, 0}, PartialDate{1949, 1949, 8, 0}), 4);
  // Month unknown on one side, year and day agree; day unknown, year and month agree.
  EXPECT_EQ(DateLevel(PartialDate{1949, 1949, 0, 22}, d), 6);
  EXPECT_EQ(DateLevel(PartialDate{1949, 1949, 7, 0}, d), 6);
  EXPECT_EQ(DateLevel(PartialDate{1949, 1949, 0, 21}, d), 3);  // year only agrees: compatible
}

TEST(CompareTest, TypoApart) {
  EXPECT_TRUE(TypoApart(1943, 1948));   // one digit
  EXPECT_TRUE(TypoApart(1939, 1940));   // off by one
  EXPECT_TRUE(TypoApart(1958, 1985));   // transposed
  EXPECT_FALSE(TypoApart(5, 25));       // a digit added: not counted (tried, docs/linkage.md)
  EXPECT_FALSE(TypoApart(4, 29));
  EXPECT_FALSE(TypoApart(1937, 1949));
  EXPECT_FALSE(TypoApart(7, 7));
}

TEST(CompareTest, DifferingComponent) {
  const PartialDate d = PartialDate::Ymd(1949, 7, 22);
  EXPECT_EQ(DifferingComponent(d, PartialDate::Ymd(1937, 7, 22)), 0);
  EXPECT_EQ(DifferingComponent(d, PartialDate::Ymd(1949, 3, 22)), 1);
  EXPECT_EQ(DifferingComponent(d, PartialDate::Ymd(1949, 7, 9)), 2);
  EXPECT_EQ(DifferingComponent(d, d), -1);
  EXPECT_EQ(DifferingComponent(d, PartialDate::Ymd(1949, 3, 9)), -1);
  EXPECT_EQ(DifferingComponent(d, PartialDate::Year(1949)), -1);
}

TEST(CompareTest, SetLevels) {
  EXPECT_EQ(SetLevel("", "cn jilin yanji"), 0);
  EXPECT_EQ(SetLevel("cn jilin tumen|cn jilin yanji", "cn jilin yanji"), 2);
  EXPECT_EQ(SetLevel("cn jilin tumen", "cn jilin yanji|kp hamgyongbuk"), 1);
  EXPECT_EQ(NumberSetLevel("2003|2005", ""), 0);
  EXPECT_EQ(NumberSetLevel("2003|2005", "2005|2009"), 3);
  EXPECT_EQ(NumberSetLevel("2003|2005", "2006"), 2);
  EXPECT_EQ(NumberSetLevel("2003|2005", "2008|2010"), 1);
}

TEST(CompareTest, PlaceSetLevels) {
  EXPECT_EQ(PlaceSetLevel("cn jilin yanbian tumen", "cn jilin yanbian tumen|kp hamgyongbuk"), 3);
  EXPECT_EQ(PlaceSetLevel("cn jilin yanbian tumen", "cn jilin yanbian yanji"), 2);  // siblings
  EXPECT_EQ(PlaceSetLevel("cn jilin yanbian tumen detention", "cn jilin yanbian tumen"), 2);
  EXPECT_EQ(PlaceSetLevel("cn liaoning dandong detention", "cn liaoning dandong"), 2);
  EXPECT_EQ(PlaceSetLevel("kp hamgyongbuk", "kp hamgyongbuk hoeryong"), 2);  // parent
  EXPECT_EQ(PlaceSetLevel("cn liaoning dandong", "cn liaoning shenyang"), 1);
  EXPECT_EQ(PlaceSetLevel("cn jilin", "cn liaoning"), 1);
  EXPECT_EQ(PlaceSetLevel("cn jilin yanbian", "cn jilin yanbianx"), 1);
  EXPECT_EQ(PlaceSetLevel("kp", "kp hamgyongbuk"), 1);  // a country is not one area
}

TEST(CompareTest, SetFieldsAreFoldedItemByItem) {
  Record a, b;
  a.other = {"Yanji|Tumen|Yanji", "2003|2004"};
  b.other = {"tumen", "2010"};
  Schema schema;
  schema.other = {{"act_places", FieldKind::kSet}, {"act_years", FieldKind::kNumberSet}};
  Prepared p = Prepare({a, b}, schema, {});
  EXPECT_EQ(p.text[0][0], "tumen|yanji");
  Comparer c(&p);
  Levels l{};
  c.Compare(0, 1, &l);
  EXPECT_EQ(l[0], 2);
  EXPECT_EQ(l[1], 1);
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
  EXPECT_EQ(l[p.date_field], 7);
}

}  // namespace
}  // namespace recount::linkage
