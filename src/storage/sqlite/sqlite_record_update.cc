#include "storage/sqlite/sqlite_record_update.h"

#include "base/clock.h"
#include "model/victim_age.h"
#include "storage/record_edit.h"
#include "storage/sqlite/sqlite_audit_log.h"
#include "storage/sqlite/sqlite_record_scan.h"

namespace recount::storage::sqlite {
namespace {

void BindDate(Statement& st, int first, const PartialDate& d) {
  if (!d.known()) {
    st.BindNull(first);
    st.BindNull(first + 1);
    st.BindNull(first + 2);
    return;
  }
  st.Bind(first, d.ToString());
  st.Bind(first + 1, static_cast<int64_t>(d.EarliestDay()));
  st.Bind(first + 2, static_cast<int64_t>(d.LatestDay()));
}

Result<std::optional<StoredRecord>> ReadOne(Db& db, model::RowId id) {
  std::optional<StoredRecord> out;
  RETURN_IF_ERROR(ScanStoredRecords(db, RecordFilter{}, id, [&](StoredRecord&& sr) {
    out = std::move(sr);
    return Status();
  }));
  return out;
}

// Inserts the record's acts (each in its own event) with their involvements.
Status InsertActs(Db& db, int64_t testimony_id, model::RowId victim, const model::Record& r) {
  ASSIGN_OR_RETURN(auto ev, db.Prepare(
      "INSERT INTO events (testimony_id, date, date_lo, date_hi, year_lo, year_hi, place_text, "
      "place_id) VALUES (?,?,?,?,?,?,?,?)"));
  ASSIGN_OR_RETURN(auto act, db.Prepare(
      "INSERT INTO acts (event_id, victim_id, act_type, age, age_lo, age_hi) "
      "VALUES (?,?,?,?,?,?)"));
  ASSIGN_OR_RETURN(auto inv, db.Prepare(
      "INSERT INTO involvements (act_id, perpetrator_type, degree) VALUES (?,?,?)"));
  for (const model::Act& a : r.acts) {
    ev.Bind(1, testimony_id);
    BindDate(ev, 2, a.date);
    if (a.date.known()) {
      ev.Bind(5, static_cast<int64_t>(a.date.EarliestYear()));
      ev.Bind(6, static_cast<int64_t>(a.date.LatestYear()));
    } else {
      ev.BindNull(5);
      ev.BindNull(6);
    }
    ev.BindTextOrNull(7, a.place_text);
    ev.BindTextOrNull(8, a.place_id);
    RETURN_IF_ERROR(ev.Run());
    act.Bind(1, db.LastInsertId());
    act.Bind(2, victim);
    act.Bind(3, a.act_type);
    if (a.age) {
      act.Bind(4, static_cast<int64_t>(*a.age));
    } else {
      act.BindNull(4);
    }
    if (std::optional<model::AgeRange> age = model::AgeAtAct(r.birth, a)) {
      act.Bind(5, static_cast<int64_t>(age->lo));
      act.Bind(6, static_cast<int64_t>(age->hi));
    } else {
      act.BindNull(5);
      act.BindNull(6);
    }
    RETURN_IF_ERROR(act.Run());
    const int64_t act_id = db.LastInsertId();
    for (const model::Involvement& v : a.involvements) {
      inv.Bind(1, act_id);
      inv.BindTextOrNull(2, v.perpetrator_type);
      inv.BindTextOrNull(3, v.degree);
      RETURN_IF_ERROR(inv.Run());
    }
  }
  return Status();
}

Status Exec1(Db& db, std::string_view sql, model::RowId id) {
  ASSIGN_OR_RETURN(auto st, db.Prepare(sql));
  st.Bind(1, id);
  return st.Run();
}

}  // namespace

Result<int64_t> UpdateRecordRows(Db& db, const RecordUpdate& u, const LogContext& log) {
  if (u.record.acts.empty()) {
    return InvalidArgument("a record needs at least one act; nothing was changed");
  }
  RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  auto rollback = [&db](Status s) {
    db.Exec("ROLLBACK").IgnoreError();
    return s;
  };
  Result<int64_t> done = [&]() -> Result<int64_t> {
    ASSIGN_OR_RETURN(std::optional<StoredRecord> current, ReadOne(db, u.id));
    if (!current) {
      return NotFound("no record with id " + std::to_string(u.id) +
                      "; 'recount list' shows the ids");
    }
    RETURN_IF_ERROR(CheckEditVersion(*current, u.expected_version));
    ASSIGN_OR_RETURN(AuditLogWriter writer, AuditLogWriter::Begin(db, log));
    // 1. Keep the current version.
    ASSIGN_OR_RETURN(auto keep, db.Prepare(
        "INSERT INTO record_versions (record_id, version, canonical, replaced_at, replaced_by, "
        "shredded) VALUES (?,?,?,?,?,0)"));
    keep.Bind(1, u.id);
    keep.Bind(2, current->version);
    keep.BindBlob(3, KeptVersionBytes(*current));
    keep.Bind(4, NowRfc3339());
    keep.Bind(5, log.actor);
    RETURN_IF_ERROR(keep.Run());

    // 2. The new identity row, if the identity changed.
    std::string identity_id = current->identity_id;
    if (u.new_identity) {
      identity_id = u.new_identity->first;
      if (!identity_id.empty()) {
        ASSIGN_OR_RETURN(auto ins, db.Prepare("INSERT INTO identities (id, data) VALUES (?, ?)"));
        ins.Bind(1, identity_id);
        ins.BindBlob(2, u.new_identity->second);
        RETURN_IF_ERROR(ins.Run());
      }
    }

    // 3. Testimony and person rows.
    ASSIGN_OR_RETURN(auto tid, db.Prepare("SELECT testimony_id FROM persons WHERE id = ?"));
    tid.Bind(1, u.id);
    ASSIGN_OR_RETURN(bool has_row, tid.Step());
    if (!has_row) return Internal("record " + std::to_string(u.id) + " lost its person row");
    const int64_t testimony_id = tid.Int(0);
    tid.Reset();
    const model::Record& r = u.record;
    ASSIGN_OR_RETURN(auto t, db.Prepare(
        "UPDATE testimonies SET testimony_date = ?, language = ?, connection = ?, "
        "reliability = ?, consent = ?, narrative = ? WHERE id = ?"));
    t.BindTextOrNull(1, r.testimony_date.ToString());
    t.BindTextOrNull(2, r.language);
    t.BindTextOrNull(3, r.connection);
    t.BindTextOrNull(4, r.reliability);
    t.BindTextOrNull(5, r.consent);
    t.BindTextOrNull(6, r.narrative);
    t.Bind(7, testimony_id);
    RETURN_IF_ERROR(t.Run());
    ASSIGN_OR_RETURN(auto p, db.Prepare(
        "UPDATE persons SET person_ref = ?, sex = ?, birth = ?, birth_lo = ?, birth_hi = ?, "
        "origin_text = ?, origin_place = ?, identity_id = ?, version = ? WHERE id = ?"));
    p.BindTextOrNull(1, r.person_ref);
    p.BindTextOrNull(2, r.sex);
    BindDate(p, 3, r.birth);
    p.BindTextOrNull(6, r.origin_text);
    p.BindTextOrNull(7, r.origin_place_id);
    p.BindTextOrNull(8, identity_id);
    p.Bind(9, current->version + 1);
    p.Bind(10, u.id);
    RETURN_IF_ERROR(p.Run());

    // 4. Acts: the old ones go (they live on in the kept version), the new ones come in.
    RETURN_IF_ERROR(Exec1(db, "DELETE FROM involvements WHERE act_id IN "
                              "(SELECT id FROM acts WHERE victim_id = ?)", u.id));
    ASSIGN_OR_RETURN(auto old_events, db.Prepare(
        "SELECT DISTINCT event_id FROM acts WHERE victim_id = ?"));
    old_events.Bind(1, u.id);
    std::vector<int64_t> events;
    while (true) {
      ASSIGN_OR_RETURN(bool more, old_events.Step());
      if (!more) break;
      events.push_back(old_events.Int(0));
    }
    old_events.Reset();
    RETURN_IF_ERROR(Exec1(db, "DELETE FROM acts WHERE victim_id = ?", u.id));
    for (int64_t e : events) {
      RETURN_IF_ERROR(Exec1(db, "DELETE FROM events WHERE id = ? AND NOT EXISTS "
                                "(SELECT 1 FROM acts WHERE event_id = events.id)", e));
    }
    RETURN_IF_ERROR(InsertActs(db, testimony_id, u.id, r));

    // 5. The log entry: the new version as a scan reads it back.
    ASSIGN_OR_RETURN(std::optional<StoredRecord> updated, ReadOne(db, u.id));
    if (!updated) return Internal("record " + std::to_string(u.id) + " vanished during its edit");
    RETURN_IF_ERROR(writer.Append(MakeUpdateEntry(*updated, u.reason)));
    RETURN_IF_ERROR(writer.Finish());
    return updated->version;
  }();
  if (!done.ok()) return rollback(done.status());
  RETURN_IF_ERROR(db.Exec("COMMIT"));
  return done;
}

Result<std::vector<RecordVersion>> ReadRecordVersions(Db& db, model::RowId record) {
  ASSIGN_OR_RETURN(auto st, db.Prepare(
      record == 0
          ? "SELECT record_id, version, canonical, replaced_at, replaced_by, shredded "
            "FROM record_versions ORDER BY record_id, version"
          : "SELECT record_id, version, canonical, replaced_at, replaced_by, shredded "
            "FROM record_versions WHERE record_id = ? ORDER BY version"));
  if (record != 0) st.Bind(1, record);
  std::vector<RecordVersion> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    RecordVersion v;
    v.record = st.Int(0);
    v.version = st.Int(1);
    v.canonical = st.Text(2);
    v.replaced_at = st.Text(3);
    v.replaced_by = st.Text(4);
    v.shredded = st.Int(5) != 0;
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<std::string>> ShredRecordVersions(Db& db, model::RowId record, bool drop) {
  ASSIGN_OR_RETURN(std::vector<RecordVersion> versions, ReadRecordVersions(db, record));
  std::vector<std::string> identity_ids;
  ASSIGN_OR_RETURN(auto put, db.Prepare(
      "UPDATE record_versions SET canonical = ?, shredded = 1 WHERE record_id = ? AND version = ?"));
  for (const RecordVersion& v : versions) {
    std::string identity_id;
    ASSIGN_OR_RETURN(std::string blanked, ShreddedVersionBytes(v, &identity_id));
    if (!identity_id.empty()) identity_ids.push_back(identity_id);
    if (drop) continue;
    put.BindBlob(1, blanked);
    put.Bind(2, record);
    put.Bind(3, v.version);
    RETURN_IF_ERROR(put.Run());
  }
  if (drop) RETURN_IF_ERROR(Exec1(db, "DELETE FROM record_versions WHERE record_id = ?", record));
  return identity_ids;
}

}  // namespace recount::storage::sqlite
