#include "linkage/block.h"

#include <gtest/gtest.h>

#include <set>

namespace recount::linkage {
namespace {

Prepared Make(const std::vector<std::pair<const char*, int>>& rows) {
  std::vector<Record> recs;
  for (size_t i = 0; i < rows.size(); ++i) {
    Record r;
    r.id = std::to_string(i);
    r.surnames = {rows[i].first};
    r.given_names = {"anna"};
    r.birth = PartialDate::Year(rows[i].second);
    recs.push_back(r);
  }
  Schema s;
  s.has_surname = s.has_given = s.has_birth = true;
  return Prepare(recs, s, {});
}

TEST(BlockTest, EachPairOnceAcrossRules) {
  Prepared p = Make({{"meier", 1950}, {"meyer", 1950}, {"meier", 1950}, {"schulz", 1960}});
  Blocker b(&p, DefaultRules(p), {});
  std::set<std::pair<uint32_t, uint32_t>> seen;
  size_t visits = 0;
  b.ForEachPair([&](uint32_t i, uint32_t j) {
    EXPECT_LT(i, j);
    seen.insert({i, j});
    ++visits;
  });
  EXPECT_EQ(visits, seen.size());  // no duplicates although several rules produce (0, 2)
  EXPECT_TRUE(seen.count({0, 2}));
  EXPECT_TRUE(seen.count({0, 1}));  // meier/meyer share the phonetic key
  EXPECT_TRUE(b.Covers(0, 2));
}

TEST(BlockTest, OversizedBlocksAreSkippedAndCounted) {
  std::vector<std::pair<const char*, int>> rows(10, {"kim", 1980});
  Prepared p = Make(rows);
  BlockingOptions opt;
  opt.max_block = 5;
  std::vector<BlockRule> rules = {DefaultRules(p)[0]};  // surname key + year only
  Blocker b(&p, rules, opt);
  std::vector<RuleStats> stats;
  size_t visits = 0;
  b.ForEachPair([&](uint32_t, uint32_t) { ++visits; }, &stats);
  EXPECT_EQ(visits, 0u);
  EXPECT_EQ(stats[0].skipped_blocks, 1u);
  EXPECT_EQ(stats[0].skipped_records, 10u);
}

TEST(BlockTest, LinkOnlyAndRecallReport) {
  std::vector<Record> recs(4);
  const char* names[] = {"meier", "meier", "braun", "braun"};
  for (int i = 0; i < 4; ++i) {
    recs[i].id = std::to_string(i);
    recs[i].surnames = {names[i]};
    recs[i].source = i % 2;
  }
  Schema s;
  s.has_surname = true;
  Prepared p = Prepare(recs, s, {});
  BlockingOptions opt;
  opt.link_only = true;
  Blocker b(&p, DefaultRules(p), opt);
  size_t visits = 0;
  b.ForEachPair([&](uint32_t i, uint32_t j) {
    EXPECT_NE(p.source[i], p.source[j]);
    ++visits;
  });
  EXPECT_GE(visits, 2u);
  BlockingRecall r = MeasureBlocking(b, {"a", "a", "b", "x"}, p.source, true);
  EXPECT_EQ(r.true_pairs, 1u);
  EXPECT_EQ(r.kept_true_pairs, 1u);
}

}  // namespace
}  // namespace recount::linkage
