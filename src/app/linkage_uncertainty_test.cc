#include "app/linkage_uncertainty.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace recount::app {
namespace {

namespace fs = std::filesystem;

// 300 persons on three lists (independent captures, p = 0.5 / 0.4 / 0.5); the stored linkage is
// right, with its true pairs at probability 0.9 and false pairs between neighbouring persons at
// 0.3.
class LinkageUncertaintyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("linkage_uncertainty_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ =
        std::move(storage::OpenStore((dir_ / "s.db").string(), storage::OpenMode::kCreate).value());
    std::vector<std::vector<model::RowId>> of_person(300);
    uint32_t x = 12345;
    auto next = [&] { return (x = x * 1103515245u + 12345u) >> 16 & 0x7fff; };
    const int pct[] = {50, 40, 50};
    for (int l = 0; l < 3; ++l) {
      auto batch = std::move(store_->BeginImport("list" + std::to_string(l), "t").value());
      for (int p = 0; p < 300; ++p) {
        if (static_cast<int>(next() % 100) >= pct[l]) continue;
        model::Record r;
        r.external_id = "p" + std::to_string(p);
        of_person[p].push_back(*batch->Add(r, "", ""));
      }
      ASSERT_TRUE(batch->Commit().ok());
    }
    storage::LinkageRun run;
    run.description = "test";
    model::RowId prev_last = 0;
    for (int p = 0; p < 300; ++p) {
      for (size_t k = 0; k < of_person[p].size(); ++k) {
        run.clusters.push_back({of_person[p][k], "P" + std::to_string(p)});
        if (k > 0) run.pairs.push_back({of_person[p][0], of_person[p][k], 0.9});
      }
      if (!of_person[p].empty()) {
        if (prev_last != 0) run.pairs.push_back({prev_last, of_person[p][0], 0.3});
        prev_last = of_person[p].back();
      }
    }
    ASSERT_TRUE(store_->SaveLinkage(run).ok());
    options_.bootstrap_replicates = 100;
    options_.loglinear.max_order = 1;
    options_.threads = 1;
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }

  fs::path dir_;
  std::unique_ptr<storage::Store> store_;
  stats::MseOptions options_;
};

TEST_F(LinkageUncertaintyTest, DeterministicPooledAndWider) {
  auto r1 = EstimateWithLinkageUncertainty(*store_, {stats::Method::kLoglinear}, options_, {10, 7});
  ASSERT_TRUE(r1.ok()) << r1.status().ToString();
  auto r2 = EstimateWithLinkageUncertainty(*store_, {stats::Method::kLoglinear}, options_, {10, 7});
  ASSERT_TRUE(r2.ok());
  EXPECT_EQ(LinkageUncertaintyJson(*r1), LinkageUncertaintyJson(*r2));
  auto r3 = EstimateWithLinkageUncertainty(*store_, {stats::Method::kLoglinear}, options_, {10, 8});
  ASSERT_TRUE(r3.ok());
  EXPECT_NE(LinkageUncertaintyJson(*r1), LinkageUncertaintyJson(*r3));

  ASSERT_EQ(r1->pooled.size(), 1u);
  ASSERT_EQ(r1->persons_per_draw.size(), 10u);
  // Drawn linkages vary in how many persons they find.
  auto [lo, hi] = std::minmax_element(r1->persons_per_draw.begin(), r1->persons_per_draw.end());
  EXPECT_LT(*lo, *hi);
  const stats::Estimate& e = r1->pooled[0];
  EXPECT_LE(e.lower, e.point);
  EXPECT_LE(e.point, e.upper);
  // The 0.3 pairs merge persons in the draws, the 0.9 pairs sometimes fail to join: the pooled
  // interval is wider than the stored linkage's alone.
  EXPECT_GT(r1->widening[0], 1.0);
  EXPECT_NE(FormatLinkageUncertainty(*r1).find("wider"), std::string::npos);
}

TEST_F(LinkageUncertaintyTest, RejectsBadDrawsAndNeedsALinkage) {
  EXPECT_EQ(EstimateWithLinkageUncertainty(*store_, {stats::Method::kLoglinear}, options_, {1, 1})
                .status()
                .code(),
            StatusCode::kInvalidArgument);
  auto empty =
      std::move(storage::OpenStore((dir_ / "e.db").string(), storage::OpenMode::kCreate).value());
  EXPECT_EQ(EstimateWithLinkageUncertainty(*empty, {stats::Method::kLoglinear}, options_, {5, 1})
                .status()
                .code(),
            StatusCode::kFailedPrecondition);
}

TEST_F(LinkageUncertaintyTest, AcceptedPairsAreAlwaysLinked) {
  // Accept every 0.3 pair: all records chain into one person per draw... so persons per draw
  // can only fall; with all pairs accepted no draw differs.
  auto pairs = *store_->LatestLinkPairs();
  for (const auto& p : pairs) {
    storage::ReviewDecision d;
    d.a = p.a;
    d.b = p.b;
    d.verdict = storage::ReviewVerdict::kAccept;
    ASSERT_TRUE(store_->SaveReviewDecision(d).ok());
  }
  auto r = EstimateWithLinkageUncertainty(*store_, {stats::Method::kLoglinear}, options_, {4, 1});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->pairs, 0u);
  for (int64_t n : r->persons_per_draw) EXPECT_EQ(n, 1);
}

}  // namespace
}  // namespace recount::app
