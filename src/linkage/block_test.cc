#include "linkage/block.h"

#include <gtest/gtest.h>

#include <set>
#include <tuple>

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
  opt.split_window = 0;  // no splitting: the behaviour before 2026-11-29 evening
  std::vector<BlockRule> rules = {DefaultRules(p)[0]};  // surname key + year only
  Blocker b(&p, rules, opt);
  std::vector<RuleStats> stats;
  size_t visits = 0;
  b.ForEachPair([&](uint32_t, uint32_t) { ++visits; }, &stats);
  EXPECT_EQ(visits, 0u);
  EXPECT_EQ(stats[0].skipped_blocks, 1u);
  EXPECT_EQ(stats[0].skipped_records, 10u);
}

// Records with surname, given name and birth year.
Prepared MakeNamed(const std::vector<std::tuple<const char*, const char*, int>>& rows) {
  std::vector<Record> recs;
  for (size_t i = 0; i < rows.size(); ++i) {
    Record r;
    r.id = std::to_string(i);
    r.surnames = {std::get<0>(rows[i])};
    r.given_names = {std::get<1>(rows[i])};
    r.birth = PartialDate::Year(std::get<2>(rows[i]));
    recs.push_back(r);
  }
  Schema s;
  s.has_surname = s.has_given = s.has_birth = true;
  return Prepare(recs, s, {});
}

// A block above max_block is split by the given-name key; parts that fit are kept whole.
TEST(BlockTest, OversizedBlockIsSplitByTheFurtherKey) {
  std::vector<std::tuple<const char*, const char*, int>> rows;
  for (int k = 0; k < 4; ++k) rows.emplace_back("kim", "anna", 1980);
  for (int k = 0; k < 3; ++k) rows.emplace_back("kim", "berta", 1980);
  for (int k = 0; k < 2; ++k) rows.emplace_back("kim", "clara", 1980);
  Prepared p = MakeNamed(rows);
  BlockingOptions opt;
  opt.max_block = 5;
  opt.split_window = 3;
  Blocker b(&p, {DefaultRules(p)[0]}, opt);
  std::set<std::pair<uint32_t, uint32_t>> seen;
  std::vector<RuleStats> stats;
  b.ForEachPair([&](uint32_t i, uint32_t j) { seen.insert({i, j}); }, &stats);
  // All pairs inside each given name (6 + 3 + 1), none across.
  EXPECT_EQ(seen.size(), 10u);
  for (const auto& [i, j] : seen) EXPECT_EQ(p.given_key[i], p.given_key[j]) << i << "," << j;
  ASSERT_EQ(stats.size(), 1u);
  EXPECT_EQ(stats[0].split_blocks, 1u);
  EXPECT_EQ(stats[0].skipped_blocks, 0u);
  EXPECT_EQ(stats[0].window_parts, 0u);
  EXPECT_EQ(stats[0].oversized_pairs, 36u);
  EXPECT_EQ(stats[0].dropped_pairs, 26u);
  EXPECT_EQ(stats[0].new_pairs, 10u);
}

// A part still above max_block after the further keys is a sorted neighbourhood: each record
// meets the next window-1 in given-name order, and Covers agrees with the pairs visited.
TEST(BlockTest, PartTooLargeBecomesSortedNeighbourhood) {
  const char* given[] = {"anna", "anne", "anni", "annu", "anno", "annie", "anny", "annia"};
  std::vector<std::tuple<const char*, const char*, int>> rows;
  for (const char* g : given) rows.emplace_back("kim", g, 1980);  // one given-name key: A500
  Prepared p = MakeNamed(rows);
  ASSERT_EQ(p.given_key[0], p.given_key[7]);
  BlockingOptions opt;
  opt.max_block = 4;
  opt.split_window = 3;
  Blocker b(&p, {DefaultRules(p)[0]}, opt);
  std::set<std::pair<uint32_t, uint32_t>> seen;
  std::vector<RuleStats> stats;
  b.ForEachPair([&](uint32_t i, uint32_t j) { seen.insert({i, j}); }, &stats);
  // 8 records, window 3: 7 + 6 pairs.
  EXPECT_EQ(seen.size(), 13u);
  EXPECT_EQ(stats[0].window_parts, 1u);
  EXPECT_EQ(stats[0].dropped_pairs, 28u - 13u);
  // Neighbours in sorted given-name order: anna, anne, anni, annia, annie, anno, annu, anny.
  EXPECT_TRUE(seen.count({0, 1}));  // anna - anne
  EXPECT_TRUE(seen.count({0, 2}));  // anna - anni
  EXPECT_FALSE(seen.count({0, 6}));  // anna - anny
  for (uint32_t i = 0; i < 8; ++i) {
    for (uint32_t j = i + 1; j < 8; ++j) {
      EXPECT_EQ(b.Covers(i, j), seen.count({i, j}) == 1) << i << "," << j;
    }
  }
}

// The work units, visited one by one, give ForEachPair's pairs in its order.
TEST(BlockTest, UnitsPartitionThePairsInOrder) {
  std::vector<std::tuple<const char*, const char*, int>> rows;
  const char* sur[] = {"kim", "lee", "park", "choi"};
  const char* giv[] = {"anna", "berta", "clara", "dora", "emma"};
  for (int k = 0; k < 120; ++k) rows.emplace_back(sur[k % 4], giv[k % 5], 1970 + k % 3);
  Prepared p = MakeNamed(rows);
  BlockingOptions opt;
  opt.max_block = 6;
  opt.unit_pairs = 20;
  Blocker b(&p, DefaultRules(p), opt);
  std::vector<std::pair<uint32_t, uint32_t>> all, by_unit;
  b.ForEachPair([&](uint32_t i, uint32_t j) { all.emplace_back(i, j); });
  ASSERT_GT(b.units(), 10u);
  for (size_t u = 0; u < b.units(); ++u) {
    uint64_t n = b.ForEachPairIn(u, [&](uint32_t i, uint32_t j) { by_unit.emplace_back(i, j); });
    EXPECT_LE(n, by_unit.size());
  }
  EXPECT_EQ(all, by_unit);
  std::set<std::pair<uint32_t, uint32_t>> distinct(all.begin(), all.end());
  EXPECT_EQ(distinct.size(), all.size());
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
