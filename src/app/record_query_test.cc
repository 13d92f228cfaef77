#include "app/record_query.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace recount::app {
namespace {

bool Has(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

TEST(BuildRecordFilter, APlaceStandsForEveryPlaceWithinIt) {
  RecordQuery q;
  q.place = "kp-hamgyongbuk";
  auto f = BuildRecordFilter(q, Viewer::WholeStore());
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  EXPECT_TRUE(Has(f->place_ids, "kp-hamgyongbuk"));
  EXPECT_TRUE(Has(f->place_ids, "kp-hamgyongbuk-chongjin"));
  EXPECT_TRUE(Has(f->place_ids, "kp-hamgyongbuk-chongjin-ranam"));       // depth 2
  EXPECT_TRUE(Has(f->place_ids, "kp-hamgyongbuk-onsong-bowibu"));        // a facility
  EXPECT_FALSE(Has(f->place_ids, "kp-hamgyongnam"));
  EXPECT_FALSE(Has(f->place_ids, "cn-jilin-yanbian-yanji"));
  q.place = "cn-jilin-yanbian-yanji";
  f = BuildRecordFilter(q, Viewer::WholeStore());
  ASSERT_TRUE(f.ok());
  EXPECT_TRUE(Has(f->place_ids, "cn-jilin-yanbian-yanji"));
  EXPECT_FALSE(Has(f->place_ids, "cn-jilin-yanbian"));  // not upwards
}

TEST(BuildRecordFilter, UnknownPlacesAreNamedWithAHint) {
  RecordQuery q;
  q.place = "Jilin";
  auto f = BuildRecordFilter(q, Viewer::WholeStore());
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(f.status().message().find("place: no gazetteer place has the id 'Jilin'"),
            std::string::npos) << f.status().message();
  EXPECT_NE(f.status().message().find("give that id"), std::string::npos);
  q.place = "atlantis";
  RecordQueryNames flags{"--place", "--age-from", "--age-to", "--from", "--to"};
  f = BuildRecordFilter(q, Viewer::WholeStore(), flags);
  ASSERT_FALSE(f.ok());
  EXPECT_EQ(f.status().message().rfind("--place: no gazetteer place has the id 'atlantis';", 0), 0u)
      << f.status().message();
}

TEST(BuildRecordFilter, AgesAndYearsAreChecked) {
  struct Case {
    std::optional<int> from, to;
    int year_from, year_to;
    const char* error;  // nullptr: accepted
  };
  const Case cases[] = {
      {std::nullopt, std::nullopt, 0, 0, nullptr},
      {0, 150, 0, 0, nullptr},
      {17, 17, 2010, 2010, nullptr},
      {-1, std::nullopt, 0, 0, "age_from: -1 is not an age"},
      {std::nullopt, 151, 0, 0, "age_to: 151 is not an age"},
      {30, 20, 0, 0, "age_from (30) is above age_to (20)"},
      {std::nullopt, std::nullopt, 2012, 2010, "year_from (2012) is after year_to (2010)"},
  };
  for (const Case& c : cases) {
    RecordQuery q;
    q.age_from = c.from;
    q.age_to = c.to;
    q.year_from = c.year_from;
    q.year_to = c.year_to;
    auto f = BuildRecordFilter(q, Viewer::WebUser(7));
    if (c.error == nullptr) {
      ASSERT_TRUE(f.ok()) << f.status().ToString();
      EXPECT_EQ(f->age_from, c.from.value_or(-1));
      EXPECT_EQ(f->age_to, c.to.value_or(-1));
      EXPECT_EQ(f->visible_to, std::optional<int64_t>(7));
    } else {
      ASSERT_FALSE(f.ok()) << c.error;
      EXPECT_NE(f.status().message().find(c.error), std::string::npos) << f.status().message();
    }
  }
}

}  // namespace
}  // namespace recount::app
