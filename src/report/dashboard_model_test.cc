#include "report/dashboard_model.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

namespace recount::report {
namespace {

using nlohmann::json;

stats::Estimate MakeEstimate(stats::Method m, double point, double lo, double hi) {
  stats::Estimate e;
  e.method = m;
  e.ok = true;
  e.observed = 100;
  e.point = point;
  e.lower = lo;
  e.upper = hi;
  e.point_kind = "maximum likelihood";
  e.interval_kind = "profile likelihood 95%";
  e.models.push_back({"[12][3]", 10.5, point});
  e.diagnostics.push_back({"rhat", 1.01});
  e.diagnostics.push_back({"not_applicable", std::numeric_limits<double>::quiet_NaN()});
  e.draws = {1, 2, 3};
  return e;
}

DashboardInput SmallInput() {
  DashboardInput in;
  in.generated_at = "2026-01-02T03:04:05Z";
  in.store = "s.db";
  in.settings = {{"seed", "7"}};
  in.overall.key = "all";
  in.overall.label = {"All persons", "전체"};
  in.overall.documented_persons = 100;
  in.overall.documented_records = 130;
  in.overall.estimates = {MakeEstimate(stats::Method::kLoglinear, 150, 120, 200)};
  stats::Estimate failed;
  failed.method = stats::Method::kDga;
  failed.ok = false;
  failed.error = "dga needs at most 5 lists";
  in.overall.estimates.push_back(failed);
  stats::Estimate unbounded = MakeEstimate(stats::Method::kLcmcr, 160, 110, 0);
  unbounded.upper_unbounded = true;
  in.overall.estimates.push_back(unbounded);
  in.overall.warnings = {"intervals do not overlap"};
  Breakdown b;
  b.by = "act";
  StratumResult s;
  s.key = "trafficking";
  s.label = {"Trafficking", ""};  // no Korean label: falls back to English
  s.documented_persons = 40;
  s.estimates = {MakeEstimate(stats::Method::kLoglinear, 60, 50, 80)};
  b.strata.push_back(s);
  b.totals = {MakeEstimate(stats::Method::kLoglinear, 60, 50, 80)};
  b.notes = {"unknown: fewer than 3 lists"};
  in.breakdowns.push_back(b);
  // Lists A, B, C: A only 50, A+B 20, B+C 10, A+B+C 5, C only 15.
  in.overlap.lists = {"A", "B", "<script>C</script>"};
  in.overlap.patterns = {{1, 50}, {3, 20}, {6, 10}, {7, 5}, {4, 15}, {2, 0}};
  in.overlap.records_per_list = {80, 40, 35};
  LinkageInput l;
  l.runs = 2;
  l.run_id = 2;
  l.probability_histogram = std::vector<int64_t>(10, 1);
  in.linkage = l;
  AuditInput a;
  a.verified = true;
  a.ok = true;
  a.entries = 12;
  a.signed_size = 10;
  a.checkpoint_size = 10;
  in.audit = a;
  return in;
}

TEST(DashboardModel, SetSizesAndPairOverlapsFromPatterns) {
  std::vector<stats::PatternCount> p = {{1, 50}, {3, 20}, {6, 10}, {7, 5}, {4, 15}};
  EXPECT_EQ(SetSizes(3, p), (std::vector<int64_t>{75, 35, 30}));
  auto m = PairOverlaps(3, p);
  EXPECT_EQ(m[0][1], 25);  // A+B and A+B+C
  EXPECT_EQ(m[1][0], 25);
  EXPECT_EQ(m[1][2], 15);  // B+C and A+B+C
  EXPECT_EQ(m[0][2], 5);
  EXPECT_EQ(m[2][2], 30);  // the diagonal is the set size
}

TEST(DashboardModel, ShapesEverySection) {
  json j = json::parse(DashboardModelJson(SmallInput()));
  EXPECT_EQ(j["schema"], kDashboardSchema);
  EXPECT_EQ(j["settings"]["seed"], "7");
  const json& o = j["overall"];
  EXPECT_EQ(o["documented_persons"], 100);
  EXPECT_EQ(o["documented_records"], 130);
  EXPECT_TRUE(o["documented_acts"].is_null());  // unknown (-1) is null, not -1
  EXPECT_EQ(o["label"]["ko"], "전체");
  const json& ll = o["estimates"][0];
  EXPECT_EQ(ll["method"], "loglinear");
  EXPECT_DOUBLE_EQ(ll["estimate"].get<double>(), 150);
  EXPECT_DOUBLE_EQ(ll["lower"].get<double>(), 120);
  EXPECT_DOUBLE_EQ(ll["upper"].get<double>(), 200);
  EXPECT_DOUBLE_EQ(ll["unobserved"].get<double>(), 50);
  EXPECT_EQ(ll["models"][0]["model"], "[12][3]");
  EXPECT_TRUE(ll["diagnostics"]["not_applicable"].is_null());  // NaN is not valid JSON
  EXPECT_FALSE(ll.contains("draws"));
  EXPECT_EQ(o["estimates"][1]["ok"], false);
  EXPECT_EQ(o["estimates"][1]["error"], "dga needs at most 5 lists");
  EXPECT_TRUE(o["estimates"][2]["upper"].is_null());
  EXPECT_EQ(o["estimates"][2]["upper_unbounded"], true);
  EXPECT_EQ(o["warnings"][0], "intervals do not overlap");

  EXPECT_EQ(j["by_order"], json::array({"act"}));
  const json& act = j["by"]["act"];
  EXPECT_EQ(act["strata"][0]["key"], "trafficking");
  EXPECT_EQ(act["strata"][0]["label"]["ko"], "Trafficking");
  EXPECT_EQ(act["totals"].size(), 1u);
  EXPECT_EQ(act["notes"][0], "unknown: fewer than 3 lists");

  EXPECT_EQ(j["linkage"]["runs"], 2);
  EXPECT_EQ(j["linkage"]["probability_histogram"].size(), 10u);
  EXPECT_EQ(j["audit"]["ok"], true);
  EXPECT_EQ(j["audit"]["unsigned_entries"], 2);
}

TEST(DashboardModel, OverlapPatternsLargestFirstWithSetSizes) {
  json o = json::parse(DashboardModelJson(SmallInput()))["overlap"];
  EXPECT_EQ(o["observed"], 100);
  ASSERT_EQ(o["patterns"].size(), 5u);  // the zero-count pattern is left out
  EXPECT_EQ(o["patterns"][0]["count"], 50);
  EXPECT_EQ(o["patterns"][0]["lists"], json::array({0}));
  EXPECT_EQ(o["patterns"][1]["count"], 20);
  EXPECT_EQ(o["patterns"][1]["lists"], json::array({0, 1}));
  EXPECT_EQ(o["patterns"][4]["lists"], json::array({0, 1, 2}));
  EXPECT_EQ(o["lists"][0]["persons"], 75);
  EXPECT_EQ(o["lists"][0]["records"], 80);
  EXPECT_EQ(o["lists"][0]["only_this_list"], 50);
  EXPECT_EQ(o["lists"][2]["name"], "<script>C</script>");  // data stays data; the page escapes
  ASSERT_EQ(o["pairs"].size(), 3u);
  EXPECT_EQ(o["pairs"][0], json({{"a", 0}, {"b", 1}, {"persons", 25}}));
}

TEST(DashboardModel, UnverifiedAuditHasNoVerdict) {
  DashboardInput in = SmallInput();
  in.audit->verified = false;
  in.linkage.reset();
  json j = json::parse(DashboardModelJson(in));
  EXPECT_TRUE(j["audit"]["ok"].is_null());
  EXPECT_FALSE(j["audit"].contains("problems"));
  EXPECT_TRUE(j["linkage"].is_null());
}

TEST(DashboardModel, InvalidUtf8InDataDoesNotFail) {
  DashboardInput in = SmallInput();
  in.overlap.lists[0] = std::string("bad\xff");
  json j = json::parse(DashboardModelJson(in));
  EXPECT_NE(j["overlap"]["lists"][0]["name"].get<std::string>().find("bad"), std::string::npos);
}

}  // namespace
}  // namespace recount::report
