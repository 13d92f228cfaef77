#include "storage/review_decision.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "storage/store.h"

namespace recount::storage {
namespace {

ReviewDecision D(int64_t id, model::RowId a, model::RowId b, ReviewVerdict v) {
  ReviewDecision d;
  d.id = id;
  d.a = a;
  d.b = b;
  d.verdict = v;
  return d;
}

TEST(StandingDecisions, LaterDecisionSupersedesAndUndoWithdraws) {
  std::vector<ReviewDecision> h = {D(1, 1, 2, ReviewVerdict::kAccept),
                                   D(2, 3, 4, ReviewVerdict::kReject),
                                   D(3, 2, 1, ReviewVerdict::kReject),  // same pair, reversed
                                   D(4, 3, 4, ReviewVerdict::kUndo)};
  auto s = StandingDecisions(h);
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s.at({1, 2}).verdict, ReviewVerdict::kReject);
  EXPECT_EQ(s.at({1, 2}).id, 3);
}

TEST(ReviewDecisionDigest, EveryFieldCounts) {
  ReviewDecision base = D(1, 1, 2, ReviewVerdict::kAccept);
  base.note = "n";
  base.actor = "x";
  base.decided_at = "t";
  base.probability = 0.5;
  std::string d0 = ReviewDecisionDigest(base);
  auto changed = [&](auto mutate) {
    ReviewDecision c = base;
    mutate(c);
    return ReviewDecisionDigest(c);
  };
  EXPECT_NE(d0, changed([](ReviewDecision& c) { c.id = 2; }));
  EXPECT_NE(d0, changed([](ReviewDecision& c) { c.b = 3; }));
  EXPECT_NE(d0, changed([](ReviewDecision& c) { c.verdict = ReviewVerdict::kReject; }));
  EXPECT_NE(d0, changed([](ReviewDecision& c) { c.note = "m"; }));
  EXPECT_NE(d0, changed([](ReviewDecision& c) { c.actor = "y"; }));
  EXPECT_NE(d0, changed([](ReviewDecision& c) { c.decided_at = "u"; }));
  EXPECT_NE(d0, changed([](ReviewDecision& c) { c.probability = 0.51; }));
  EXPECT_EQ(d0, changed([](ReviewDecision&) {}));
}

TEST(ParseReviewVerdict, RejectsOtherWords) {
  EXPECT_EQ(*ParseReviewVerdict("accept"), ReviewVerdict::kAccept);
  EXPECT_FALSE(ParseReviewVerdict("yes").ok());
}

TEST(StoreReviewDecisions, SavedAttributedOrderedAndLogged) {
  auto dir = std::filesystem::path(::testing::TempDir()) /
             ("review_decision_test_" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  auto store = std::move(OpenStore((dir / "s.db").string(), OpenMode::kCreate).value());
  store->SetActor("reviewer-1");
  auto batch = std::move(store->BeginImport("ngo", "test").value());
  std::vector<model::RowId> ids;
  for (int i = 0; i < 3; ++i) {
    model::Record r;
    r.external_id = "r" + std::to_string(i);
    ids.push_back(*batch->Add(r, "", ""));
  }
  ASSERT_TRUE(batch->Commit().ok());
  Result<int64_t> head_before = static_cast<int64_t>(store->AuditTreeHead()->size);

  ReviewDecision d;
  d.a = ids[2];
  d.b = ids[0];
  d.verdict = ReviewVerdict::kReject;
  d.note = "different mothers' names";
  Result<ReviewDecision> saved = store->SaveReviewDecision(d);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->a, ids[0]);
  EXPECT_EQ(saved->b, ids[2]);
  EXPECT_EQ(saved->actor, "reviewer-1");
  EXPECT_EQ(saved->id, 1);
  EXPECT_EQ(static_cast<int64_t>(store->AuditTreeHead()->size), *head_before + 1);

  d.a = ids[0];
  d.b = 9999;
  EXPECT_EQ(store->SaveReviewDecision(d).status().code(), StatusCode::kNotFound);
  d.b = ids[0];
  EXPECT_EQ(store->SaveReviewDecision(d).status().code(), StatusCode::kInvalidArgument);
  // Failed decisions leave nothing behind, in the table or the log.
  auto all = store->ListReviewDecisions();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].note, "different mothers' names");
  EXPECT_EQ(ReviewDecisionDigest((*all)[0]), ReviewDecisionDigest(*saved));
  EXPECT_EQ(static_cast<int64_t>(store->AuditTreeHead()->size), *head_before + 1);
  bool logged = false;
  ASSERT_TRUE(store
                  ->ScanAuditLog([&](int64_t, std::string_view e) {
                    logged |= e.find("op review") != std::string_view::npos;
                    return Status();
                  })
                  .ok());
  EXPECT_TRUE(logged);
  store.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace recount::storage
