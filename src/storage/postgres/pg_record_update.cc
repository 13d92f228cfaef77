#include "storage/postgres/pg_record_update.h"

#include "base/clock.h"
#include "storage/postgres/pg_audit_log.h"
#include "storage/postgres/pg_record_scan.h"
#include "model/victim_age.h"
#include "storage/record_edit.h"

namespace recount::storage::postgres {
namespace {

void AddDate(std::vector<Param>* p, const PartialDate& d) {
  if (!d.known()) {
    p->push_back(Param::Null());
    p->push_back(Param::Null());
    p->push_back(Param::Null());
    return;
  }
  p->push_back(Param(d.ToString()));
  p->push_back(Param(static_cast<int64_t>(d.EarliestDay())));
  p->push_back(Param(static_cast<int64_t>(d.LatestDay())));
}

Result<std::optional<StoredRecord>> ReadOne(Conn& conn, model::RowId id) {
  std::optional<StoredRecord> out;
  RETURN_IF_ERROR(ScanPgRecords(conn, RecordFilter{}, id, [&](StoredRecord&& sr) {
    out = std::move(sr);
    return Status();
  }));
  return out;
}

Status InsertActs(Conn& conn, int64_t testimony_id, model::RowId victim, const model::Record& r) {
  for (const model::Act& a : r.acts) {
    std::vector<Param> ev{testimony_id};
    AddDate(&ev, a.date);
    if (a.date.known()) {
      ev.push_back(Param(static_cast<int64_t>(a.date.EarliestYear())));
      ev.push_back(Param(static_cast<int64_t>(a.date.LatestYear())));
    } else {
      ev.push_back(Param::Null());
      ev.push_back(Param::Null());
    }
    ev.push_back(Param::TextOrNull(a.place_text));
    ev.push_back(Param::TextOrNull(a.place_id));
    ASSIGN_OR_RETURN(Rows event, conn.Query(
        "INSERT INTO events (testimony_id, date, date_lo, date_hi, year_lo, year_hi, place_text, "
        "place_id) VALUES ($1,$2,$3,$4,$5,$6,$7,$8) RETURNING id", ev));
    const std::optional<model::AgeRange> age = model::AgeAtAct(r.birth, a);
    ASSIGN_OR_RETURN(Rows act, conn.Query(
        "INSERT INTO acts (event_id, victim_id, act_type, age, age_lo, age_hi) "
        "VALUES ($1,$2,$3,$4,$5,$6) RETURNING id",
        {event.Int(0, 0), victim, a.act_type,
         a.age ? Param(static_cast<int64_t>(*a.age)) : Param::Null(),
         age ? Param(age->lo) : Param::Null(), age ? Param(age->hi) : Param::Null()}));
    const int64_t act_id = act.Int(0, 0);
    for (const model::Involvement& v : a.involvements) {
      RETURN_IF_ERROR(conn.Query(
          "INSERT INTO involvements (act_id, perpetrator_type, degree) VALUES ($1,$2,$3)",
          {act_id, Param::TextOrNull(v.perpetrator_type), Param::TextOrNull(v.degree)})
          .status());
    }
  }
  return Status();
}

}  // namespace

Result<int64_t> UpdatePgRecord(Conn& conn, const RecordUpdate& u, const LogContext& log) {
  if (u.record.acts.empty()) {
    return InvalidArgument("a record needs at least one act; nothing was changed");
  }
  // The log lock first, then the row: the order every other writer takes them in (no deadlock).
  ASSIGN_OR_RETURN(PgLogWriter writer, PgLogWriter::Begin(conn, log));
  ASSIGN_OR_RETURN(Rows lock, conn.Query(
      "SELECT testimony_id, version FROM persons WHERE id = $1 AND role = 'victim' FOR UPDATE",
      {u.id}));
  if (lock.size() == 0) {
    return NotFound("no record with id " + std::to_string(u.id) + "; 'recount list' shows the ids");
  }
  const int64_t testimony_id = lock.Int(0, 0);
  ASSIGN_OR_RETURN(std::optional<StoredRecord> current, ReadOne(conn, u.id));
  if (!current) return Internal("record " + std::to_string(u.id) + " has no victim row");
  RETURN_IF_ERROR(CheckEditVersion(*current, u.expected_version));
  RETURN_IF_ERROR(conn.Query(
      "INSERT INTO record_versions (record_id, version, canonical, replaced_at, replaced_by) "
      "VALUES ($1,$2,$3,$4,$5)",
      {u.id, current->version, Param::Bytes(KeptVersionBytes(*current)),
       NowRfc3339(), log.actor}).status());
  std::string identity_id = current->identity_id;
  if (u.new_identity) {
    identity_id = u.new_identity->first;
    if (!identity_id.empty()) {
      RETURN_IF_ERROR(conn.Query("INSERT INTO identities (id, data) VALUES ($1, $2)",
                                 {identity_id, Param::Bytes(u.new_identity->second)})
                          .status());
    }
  }
  const model::Record& r = u.record;
  RETURN_IF_ERROR(conn.Query(
      "UPDATE testimonies SET testimony_date = $1, language = $2, connection = $3, "
      "reliability = $4, consent = $5, narrative = $6 WHERE id = $7",
      {Param::TextOrNull(r.testimony_date.ToString()), Param::TextOrNull(r.language),
       Param::TextOrNull(r.connection), Param::TextOrNull(r.reliability),
       Param::TextOrNull(r.consent), Param::TextOrNull(r.narrative), testimony_id}).status());
  std::vector<Param> p{Param::TextOrNull(r.person_ref), Param::TextOrNull(r.sex)};
  AddDate(&p, r.birth);
  p.push_back(Param::TextOrNull(r.origin_text));
  p.push_back(Param::TextOrNull(r.origin_place_id));
  p.push_back(Param::TextOrNull(identity_id));
  p.push_back(Param(current->version + 1));
  p.push_back(Param(u.id));
  RETURN_IF_ERROR(conn.Query(
      "UPDATE persons SET person_ref = $1, sex = $2, birth = $3, birth_lo = $4, birth_hi = $5, "
      "origin_text = $6, origin_place = $7, identity_id = $8, version = $9 WHERE id = $10", p)
      .status());
  RETURN_IF_ERROR(conn.Query("DELETE FROM involvements WHERE act_id IN "
                             "(SELECT id FROM acts WHERE victim_id = $1)", {u.id}).status());
  RETURN_IF_ERROR(conn.Query(
      "WITH gone AS (DELETE FROM acts WHERE victim_id = $1 RETURNING event_id) "
      "DELETE FROM events WHERE id IN (SELECT event_id FROM gone)", {u.id}).status());
  RETURN_IF_ERROR(InsertActs(conn, testimony_id, u.id, r));
  ASSIGN_OR_RETURN(std::optional<StoredRecord> updated, ReadOne(conn, u.id));
  if (!updated) return Internal("record " + std::to_string(u.id) + " vanished during its edit");
  writer.Append(MakeUpdateEntry(*updated, u.reason));
  RETURN_IF_ERROR(writer.Finish());
  return updated->version;
}

Result<std::vector<RecordVersion>> ReadPgRecordVersions(Conn& conn, model::RowId record) {
  ASSIGN_OR_RETURN(Rows rows, record == 0
      ? conn.Query("SELECT record_id, version, canonical, replaced_at, replaced_by, shredded "
                   "FROM record_versions ORDER BY record_id, version")
      : conn.Query("SELECT record_id, version, canonical, replaced_at, replaced_by, shredded "
                   "FROM record_versions WHERE record_id = $1 ORDER BY version", {record}));
  std::vector<RecordVersion> out;
  for (int i = 0; i < rows.size(); ++i) {
    RecordVersion v;
    v.record = rows.Int(i, 0);
    v.version = rows.Int(i, 1);
    v.canonical = rows.Bytes(i, 2);
    v.replaced_at = rows.Text(i, 3);
    v.replaced_by = rows.Text(i, 4);
    v.shredded = rows.Text(i, 5) == "t";
    out.push_back(std::move(v));
  }
  return out;
}

Result<std::vector<std::string>> ShredPgRecordVersions(Conn& conn, model::RowId record, bool drop) {
  ASSIGN_OR_RETURN(std::vector<RecordVersion> versions, ReadPgRecordVersions(conn, record));
  std::vector<std::string> identity_ids;
  for (const RecordVersion& v : versions) {
    std::string identity_id;
    ASSIGN_OR_RETURN(std::string blanked, ShreddedVersionBytes(v, &identity_id));
    if (!identity_id.empty()) identity_ids.push_back(identity_id);
    if (drop) continue;
    RETURN_IF_ERROR(conn.Query(
        "UPDATE record_versions SET canonical = $1, shredded = true "
        "WHERE record_id = $2 AND version = $3",
        {Param::Bytes(blanked), record, v.version}).status());
  }
  if (drop) {
    RETURN_IF_ERROR(
        conn.Query("DELETE FROM record_versions WHERE record_id = $1", {record}).status());
  }
  return identity_ids;
}

}  // namespace recount::storage::postgres
