// The SQLite side of review decisions (storage/review_decision.h), migration 7:
//
//   review_decisions (id INTEGER PRIMARY KEY, a, b, verdict, probability, note, actor,
//                     decided_at)   append-only; a < b
//
// Each decision is inserted together with its "review" log entry (record = decision id, digest =
// ReviewDecisionDigest) in one transaction, so `recount audit verify` can check every row.
#pragma once

#include <vector>

#include "storage/review_decision.h"
#include "storage/sqlite/sqlite_audit_log.h"
#include "storage/sqlite/sqlite_db.h"

namespace recount::storage::sqlite {

// Fills in id, actor and time, orders (a, b), checks both records exist (kNotFound otherwise) and
// a != b (kInvalidArgument); appends row and log entry in one transaction.
Result<ReviewDecision> SaveReviewDecisionRow(Db& db, ReviewDecision decision,
                                             const LogContext& log);
Result<std::vector<ReviewDecision>> ReadReviewDecisions(Db& db);

}  // namespace recount::storage::sqlite
