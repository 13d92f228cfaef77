// Use case: `recount review`: the queue of uncertain pairs and reviewers' decisions on them.
// docs/linkage.md#review-queue.
//
// The queue is the latest linkage run's scored pairs whose match probability lies in the
// uncertainty band [low, high] (default 0.2-0.9) and that have no standing decision, ordered most
// informative first: closest to probability 0.5, where the model is least sure (uncertainty
// sampling, Lewis & Gale 1994; used for record linkage by Sarawagi & Bhamidipaty 2002). Ties go
// to the pair whose two records are in different clusters (a decision there can change the
// person count), then by record ids.
//
// Decisions go through Store::SaveReviewDecision (append-only, attributed, logged). Nothing here
// reads identities: the CLI shows names only when the identity vault is unlocked.
// Thread-safety: functions of their arguments and the store.
#pragma once

#include <string>
#include <vector>

#include "app/record_access.h"
#include "base/result.h"
#include "model/record.h"
#include "storage/store.h"

namespace recount::app {

struct ReviewBand {
  double low = 0.2;
  double high = 0.9;
};

struct ReviewItem {
  model::RowId a = 0, b = 0;
  double probability = 0;
  std::string cluster_a, cluster_b;  // clusters in the latest run
};

struct ReviewQueue {
  std::vector<ReviewItem> items;  // most informative first
  size_t decided = 0;  // pairs in the band left out because they have a standing decision
  size_t pairs = 0;    // scored pairs in the latest run
  int64_t run_id = 0;  // 0 before any linkage
};

// Pairs involving a record the viewer may not see are left out (app/record_access.h).
Result<ReviewQueue> BuildReviewQueue(storage::Store& store, const ReviewBand& band,
                                     const Viewer& viewer = Viewer::WholeStore());

// Records a decision on (a, b) with the model's probability for the pair (from the latest run,
// -1 if it was not scored). Undo needs a standing decision (kFailedPrecondition otherwise). Both
// records must be visible to the viewer (kNotFound otherwise).
Result<storage::ReviewDecision> DecidePair(storage::Store& store, model::RowId a, model::RowId b,
                                           storage::ReviewVerdict verdict, std::string note,
                                           const Viewer& viewer = Viewer::WholeStore());

// One line of the side-by-side view.
struct FieldComparison {
  std::string field;
  std::string left, right;
  bool differs = false;  // both known and different
};
// The coded fields of two records (and their identities when given, else none), aligned.
std::vector<FieldComparison> CompareForReview(const model::Record& a, const model::Record& b,
                                              const model::Identity* ia, const model::Identity* ib);

std::string ReviewQueueJson(const ReviewQueue& q);
std::string FormatReviewQueue(const ReviewQueue& q, size_t limit);

}  // namespace recount::app
