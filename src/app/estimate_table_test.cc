#include "app/estimate_table.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include "base/source_dir.h"

namespace recount::app {
namespace {

struct BadCase {
  const char* name;
  const char* csv;
  const char* expect;  // substring of the message
};

TEST(ParseCaptureTableCsv, RejectsBadTablesNamingTheLine) {
  const BadCase cases[] = {
      {"all-zero", "A,B,C,count\n1,0,0,5\n0,0,0,7\n", "t.csv:3: the all-zero pattern"},
      {"duplicate", "A,B,C,count\n1,0,0,5\n0,1,0,2\n1,0,0,3\n",
       "t.csv:4: the same pattern as line 2"},
      {"negative", "A,B,C,count\n1,0,0,-5\n", "t.csv:2: count '-5' is negative"},
      {"fraction", "A,B,C,count\n1,0,0,2.5\n", "t.csv:2: count '2.5' is not a whole number"},
      {"two lists", "A,B,count\n1,0,5\n", "at least 3 lists"},
      {"cell", "A,B,C,count\n1,2,0,5\n", "t.csv:2: column 'B' is '2'"},
      {"fields", "A,B,C,count\n1,0,5\n", "t.csv:2: 3 fields, expected 4"},
      {"no count", "A,B,C,D\n1,0,0,1\n", "no 'count' column"},
      {"empty", "", "the file is empty"},
      {"nobody", "A,B,C,count\n1,0,0,0\n", "no observed persons"},
  };
  for (const BadCase& c : cases) {
    auto r = ParseCaptureTableCsv(c.csv, "t.csv");
    ASSERT_FALSE(r.ok()) << c.name;
    EXPECT_NE(r.status().message().find(c.expect), std::string::npos)
        << c.name << ": " << r.status().message();
  }
}

TEST(ParseCaptureTableCsv, AcceptsBomCrlfAndCountAnywhere) {
  auto r = ParseCaptureTableCsv(
      "\xEF\xBB\xBF"
      "count,X,Y,Z\r\n5,1,0,0\r\n3,1,1,1\r\n\r\n",
      "t.csv");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->num_lists(), 3);
  EXPECT_EQ(r->list_names()[0], "X");
  EXPECT_EQ(r->Count(7), 3);
  EXPECT_EQ(r->observed(), 8);
}

TEST(ReadCaptureTableCsv, MissingFileIsNotFound) {
  auto r = ReadCaptureTableCsv("/nonexistent/table.csv");
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
}

TEST(EstimateTableFile, KosovoLoglinearAndChaoInJsonAndText) {
  stats::MseOptions o;
  o.bootstrap_replicates = 100;
  auto r = EstimateTableFile(SourceDir() + "/tests/data/mse/kosovo.csv",
                             {stats::Method::kLoglinear, stats::Method::kChao}, o);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto j = nlohmann::json::parse(EstimateReportJson(*r));
  EXPECT_EQ(j["table"]["observed"], 4400);
  EXPECT_NEAR(j["estimates"][0]["estimate"].get<double>(), 10356.5, 1);
  EXPECT_EQ(j["estimates"][0]["models"][0]["model"], "[EXH*ABA*OSCE, EXH*HRW, OSCE*HRW]");
  const std::string text = FormatEstimateReport(*r);
  EXPECT_NE(text.find("10,357"), std::string::npos) << text;
  EXPECT_NE(text.find("8,994 - 12,110"), std::string::npos) << text;
  EXPECT_NE(text.find("chao (floor)"), std::string::npos);
}

}  // namespace
}  // namespace recount::app
