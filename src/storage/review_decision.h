// ReviewDecision: a reviewer's verdict on one scored pair of records (`recount review`,
// docs/linkage.md#review-queue), and the digest the tamper-evident log keeps of it.
//
// Decisions are appended, never changed: a later decision on the same pair supersedes the earlier
// one, and an "undo" withdraws the pair's standing decision (the model decides again). The whole
// history stays in the store. `recount link` forces accepted pairs together and keeps rejected
// pairs apart (linkage/constraints.h).
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"
#include "model/record.h"

namespace recount::storage {

enum class ReviewVerdict { kAccept, kReject, kUndo };

std::string_view ReviewVerdictName(ReviewVerdict v);  // "accept", "reject", "undo"
// kInvalidArgument naming the accepted words for anything else.
Result<ReviewVerdict> ParseReviewVerdict(std::string_view text);

struct ReviewDecision {
  int64_t id = 0;      // set by the store: 1, 2, ... in the order decisions were made
  model::RowId a = 0;  // a < b (the store normalises the order)
  model::RowId b = 0;
  ReviewVerdict verdict = ReviewVerdict::kAccept;
  double probability = -1;  // the model's probability when decided; < 0 when unknown
  std::string note;
  std::string actor;       // set by the store: the actor its log names (Store::SetActor)
  std::string decided_at;  // set by the store (RFC 3339)
};

// "sha256:<hex>" over every field of the decision, length-prefixed (record_digest.h's scheme).
std::string ReviewDecisionDigest(const ReviewDecision& d);

// The standing decision of each pair after applying `history` in id order (an undo removes the
// pair): only accept and reject remain.
std::map<std::pair<model::RowId, model::RowId>, ReviewDecision> StandingDecisions(
    const std::vector<ReviewDecision>& history);

}  // namespace recount::storage
