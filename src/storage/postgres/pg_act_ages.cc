#include "storage/postgres/pg_act_ages.h"

#include "model/victim_age.h"
#include "storage/postgres/pg_record_scan.h"

namespace recount::storage::postgres {
Status BackfillPgActAges(Conn& conn) {
  ASSIGN_OR_RETURN(Rows acts, conn.Query(
      "SELECT a.id, a.age, p.birth, e.date FROM acts a JOIN persons p ON p.id = a.victim_id "
      "JOIN events e ON e.id = a.event_id"));
  // One UPDATE from three arrays: a statement per act would cost a round trip each.
  std::string ids = "{", los = "{", his = "{";
  for (int r = 0; r < acts.size(); ++r) {
    model::Act act;
    if (!acts.IsNull(r, 1)) act.age = static_cast<int>(acts.Int(r, 1));
    act.date = ReadStoredDate(acts, r, 3);
    std::optional<model::AgeRange> age = model::AgeAtAct(ReadStoredDate(acts, r, 2), act);
    if (!age) continue;
    const char* sep = ids.size() > 1 ? "," : "";
    ids += sep + acts.Text(r, 0);
    los += sep + std::to_string(age->lo);
    his += sep + std::to_string(age->hi);
  }
  if (ids.size() == 1) return Status();
  return conn.Query(
      "UPDATE acts SET age_lo = v.lo, age_hi = v.hi FROM unnest($1::bigint[], $2::bigint[], "
      "$3::bigint[]) AS v(id, lo, hi) WHERE acts.id = v.id",
      {ids + "}", los + "}", his + "}"}).status();
}

}  // namespace recount::storage::postgres
