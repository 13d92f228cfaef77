#include "storage/sqlite/sqlite_act_ages.h"

#include <vector>

#include "model/victim_age.h"
#include "storage/sqlite/sqlite_record_scan.h"

namespace recount::storage::sqlite {
Status BackfillActAges(Db& db) {
  struct Row {
    int64_t act;
    model::AgeRange age;
  };
  std::vector<Row> rows;
  {
    ASSIGN_OR_RETURN(auto st, db.Prepare(
        "SELECT a.id, a.age, p.birth, e.date FROM acts a JOIN persons p ON p.id = a.victim_id "
        "JOIN events e ON e.id = a.event_id"));
    while (true) {
      ASSIGN_OR_RETURN(bool more, st.Step());
      if (!more) break;
      model::Act act;
      if (!st.IsNull(1)) act.age = static_cast<int>(st.Int(1));
      act.date = ReadStoredDate(st, 3);
      if (std::optional<model::AgeRange> age = model::AgeAtAct(ReadStoredDate(st, 2), act)) {
        rows.push_back({st.Int(0), *age});
      }
    }
  }
  ASSIGN_OR_RETURN(auto set, db.Prepare("UPDATE acts SET age_lo = ?, age_hi = ? WHERE id = ?"));
  for (const Row& r : rows) {
    set.Bind(1, static_cast<int64_t>(r.age.lo));
    set.Bind(2, static_cast<int64_t>(r.age.hi));
    set.Bind(3, r.act);
    RETURN_IF_ERROR(set.Run());
  }
  return Status();
}

}  // namespace recount::storage::sqlite
