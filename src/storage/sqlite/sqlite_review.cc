#include "storage/sqlite/sqlite_review.h"

#include <algorithm>

#include "base/clock.h"

namespace recount::storage::sqlite {

Result<ReviewDecision> SaveReviewDecisionRow(Db& db, ReviewDecision d, const LogContext& log) {
  if (d.a == d.b) {
    return InvalidArgument("a review decision needs two different records (got " +
                           std::to_string(d.a) + " twice)");
  }
  if (d.a > d.b) std::swap(d.a, d.b);
  d.actor = log.actor;
  d.decided_at = NowRfc3339();
  RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  Status s = [&]() -> Status {
    ASSIGN_OR_RETURN(
        auto find,
        db.Prepare("SELECT COUNT(*) FROM persons WHERE id IN (?, ?) AND role = 'victim'"));
    find.Bind(1, d.a);
    find.Bind(2, d.b);
    ASSIGN_OR_RETURN(bool row, find.Step());
    if (!row || find.Int(0) != 2) {
      return NotFound("no record pair " + std::to_string(d.a) + "," + std::to_string(d.b) +
                      " in the store; 'recount review --list' shows the pairs to review");
    }
    ASSIGN_OR_RETURN(
        auto ins,
        db.Prepare(
            "INSERT INTO review_decisions (a, b, verdict, probability, note, actor, decided_at) "
            "VALUES (?,?,?,?,?,?,?)"));
    ins.Bind(1, d.a);
    ins.Bind(2, d.b);
    ins.Bind(3, ReviewVerdictName(d.verdict));
    sqlite3_bind_double(ins.raw(), 4, d.probability);
    ins.Bind(5, d.note);
    ins.Bind(6, d.actor);
    ins.Bind(7, d.decided_at);
    RETURN_IF_ERROR(ins.Run());
    d.id = db.LastInsertId();
    ASSIGN_OR_RETURN(AuditLogWriter writer, AuditLogWriter::Begin(db, log));
    RETURN_IF_ERROR(writer.Append(MakeReviewEntry(d)));
    return writer.Finish();
  }();
  if (!s.ok()) {
    db.Exec("ROLLBACK").IgnoreError();
    return s;
  }
  RETURN_IF_ERROR(db.Exec("COMMIT"));
  return d;
}

Result<std::vector<ReviewDecision>> ReadReviewDecisions(Db& db) {
  ASSIGN_OR_RETURN(
      auto st,
      db.Prepare(
          "SELECT id, a, b, verdict, probability, note, actor, decided_at FROM review_decisions "
          "ORDER BY id"));
  std::vector<ReviewDecision> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    ReviewDecision d;
    d.id = st.Int(0);
    d.a = st.Int(1);
    d.b = st.Int(2);
    Result<ReviewVerdict> v = ParseReviewVerdict(st.Text(3));
    if (!v.ok()) {
      return DataLoss("review decision " + std::to_string(d.id) +
                      " is damaged: " + v.status().message());
    }
    d.verdict = *v;
    d.probability = sqlite3_column_double(st.raw(), 4);
    d.note = st.Text(5);
    d.actor = st.Text(6);
    d.decided_at = st.Text(7);
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace recount::storage::sqlite
