#include "app/review_queue.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace recount::app {
namespace {

namespace fs = std::filesystem;

class ReviewQueueTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::path(::testing::TempDir()) /
           ("review_queue_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    store_ =
        std::move(storage::OpenStore((dir_ / "s.db").string(), storage::OpenMode::kCreate).value());
    store_->SetActor("reviewer");
    auto batch = std::move(store_->BeginImport("ngo", "test").value());
    for (int i = 0; i < 4; ++i) {
      model::Record r;
      r.external_id = "r" + std::to_string(i);
      r.sex = i == 3 ? "male" : "female";
      r.birth = PartialDate::Year(1980);
      ids_.push_back(*batch->Add(r, "", ""));
    }
    ASSERT_TRUE(batch->Commit().ok());
  }
  void TearDown() override {
    store_.reset();
    fs::remove_all(dir_);
  }
  void Link() {
    storage::LinkageRun run;
    run.description = "test";
    // Records 0, 1, 2 are one person; 3 alone.
    for (int i = 0; i < 4; ++i) run.clusters.push_back({ids_[i], i < 3 ? "P1" : "P4"});
    auto pair = [&](int a, int b, double p) { run.pairs.push_back({ids_[a], ids_[b], p}); };
    pair(0, 1, 0.85);
    pair(0, 2, 0.55);
    pair(0, 3, 0.45);
    pair(1, 2, 0.3);
    pair(1, 3, 0.1);
    pair(2, 3, 0.95);
    ASSERT_TRUE(store_->SaveLinkage(run).ok());
  }

  fs::path dir_;
  std::unique_ptr<storage::Store> store_;
  std::vector<model::RowId> ids_;
};

TEST_F(ReviewQueueTest, EmptyBeforeLinkage) {
  auto q = BuildReviewQueue(*store_, {});
  ASSERT_TRUE(q.ok());
  EXPECT_EQ(q->run_id, 0);
  EXPECT_TRUE(q->items.empty());
}

TEST_F(ReviewQueueTest, BandAndMostUncertainFirst) {
  Link();
  auto q = BuildReviewQueue(*store_, {});
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  ASSERT_EQ(q->items.size(), 4u);  // 0.1 and 0.95 are outside 0.2-0.9
  // 0.45 and 0.55 tie on distance; the pair across clusters (0-3) comes first.
  EXPECT_EQ(q->items[0].b, ids_[3]);
  EXPECT_DOUBLE_EQ(q->items[0].probability, 0.45);
  EXPECT_DOUBLE_EQ(q->items[1].probability, 0.55);
  EXPECT_DOUBLE_EQ(q->items[2].probability, 0.3);
  EXPECT_DOUBLE_EQ(q->items[3].probability, 0.85);
  auto narrow = BuildReviewQueue(*store_, {0.4, 0.6});
  ASSERT_TRUE(narrow.ok());
  EXPECT_EQ(narrow->items.size(), 2u);
  EXPECT_FALSE(BuildReviewQueue(*store_, {0.6, 0.4}).ok());
}

TEST_F(ReviewQueueTest, DecidedPairsLeaveTheQueueAndUndoBringsThemBack) {
  Link();
  auto d = DecidePair(*store_, ids_[3], ids_[0], storage::ReviewVerdict::kReject, "note");
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(d->a, ids_[0]);
  EXPECT_DOUBLE_EQ(d->probability, 0.45);
  EXPECT_EQ(d->actor, "reviewer");
  auto q = BuildReviewQueue(*store_, {});
  ASSERT_EQ(q->items.size(), 3u);
  EXPECT_EQ(q->decided, 1u);
  ASSERT_TRUE(DecidePair(*store_, ids_[0], ids_[3], storage::ReviewVerdict::kUndo, "").ok());
  EXPECT_EQ(BuildReviewQueue(*store_, {})->items.size(), 4u);
  // Nothing left to undo; the history keeps both decisions.
  EXPECT_EQ(
      DecidePair(*store_, ids_[0], ids_[3], storage::ReviewVerdict::kUndo, "").status().code(),
      StatusCode::kFailedPrecondition);
  EXPECT_EQ(store_->ListReviewDecisions()->size(), 2u);
}

TEST(CompareForReview, MarksFieldsKnownOnBothSidesThatDiffer) {
  model::Record a, b;
  a.id = 1;
  b.id = 2;
  a.sex = "female";
  b.sex = "male";
  a.birth = PartialDate::Year(1980);  // b's birth unknown: not marked
  model::Identity ia, ib;
  ia.full_name = "Kim Young-hee";
  ib.full_name = "Kim Young-hee";
  auto rows = CompareForReview(a, b, &ia, &ib);
  std::map<std::string, bool> differs;
  for (const auto& r : rows) differs[r.field] = r.differs;
  EXPECT_TRUE(differs.at("sex"));
  EXPECT_FALSE(differs.at("birth"));
  EXPECT_FALSE(differs.at("full name"));
  EXPECT_FALSE(differs.at("record"));
  // Without identities no name row at all.
  for (const auto& r : CompareForReview(a, b, nullptr, nullptr)) {
    EXPECT_EQ(r.field.find("name"), std::string::npos);
  }
}

}  // namespace
}  // namespace recount::app
