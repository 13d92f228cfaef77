#include "linkage/evaluate.h"

#include <gtest/gtest.h>

namespace recount::linkage {
namespace {

// Clusters {a,b,c} {d} ; truth {a,b} {c,d}. Predicted pairs ab ac bc (3), true pairs ab cd (2),
// correct ab (1). B-cubed precision: a 2/3, b 2/3, c 1/3, d 1 -> 8/3 / 4 = 2/3;
// recall: a 1, b 1, c 1/2, d 1/2 -> 3/4.
TEST(EvaluateTest, HandComputedExample) {
  Evaluation ev = Evaluate({"1", "1", "1", "2"}, {"x", "x", "y", "y"}, {"s", "s", "t", "t"});
  EXPECT_EQ(ev.pairs.predicted, 3u);
  EXPECT_EQ(ev.pairs.actual, 2u);
  EXPECT_EQ(ev.pairs.true_positive, 1u);
  EXPECT_NEAR(ev.pairs.precision(), 1.0 / 3, 1e-12);
  EXPECT_NEAR(ev.pairs.recall(), 0.5, 1e-12);
  EXPECT_NEAR(ev.bcubed_precision, 2.0 / 3, 1e-12);
  EXPECT_NEAR(ev.bcubed_recall, 0.75, 1e-12);
  // Per source pair: s x s has ab (true, predicted); s x t has ac, bc predicted, none true;
  // t x t has cd true, not predicted.
  auto ss = ev.by_source_pair.at({"s", "s"});
  EXPECT_EQ(ss.true_positive, 1u);
  EXPECT_EQ(ss.predicted, 1u);
  auto st = ev.by_source_pair.at({"s", "t"});
  EXPECT_EQ(st.predicted, 2u);
  EXPECT_EQ(st.actual, 0u);
  auto tt = ev.by_source_pair.at({"t", "t"});
  EXPECT_EQ(tt.actual, 1u);
  EXPECT_EQ(tt.predicted, 0u);
}

TEST(EvaluateTest, UnlabelledRecordsAreIgnored) {
  Evaluation ev = Evaluate({"1", "1", "1"}, {"x", "x", ""}, {"", "", ""});
  EXPECT_EQ(ev.records, 2u);
  EXPECT_EQ(ev.pairs.predicted, 1u);
  EXPECT_DOUBLE_EQ(ev.pairs.f1(), 1.0);
}

}  // namespace
}  // namespace recount::linkage
