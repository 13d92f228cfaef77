#include "storage/postgres/pg_record_scan.h"

namespace recount::storage::postgres {
namespace {

constexpr int kPage = 1000;

std::string Placeholder(std::vector<Param>* params, Param p) {
  params->push_back(std::move(p));
  return "$" + std::to_string(params->size());
}

}  // namespace

PartialDate ReadStoredDate(const Rows& rows, int row, int col) {
  if (rows.IsNull(row, col)) return PartialDate();
  auto r = PartialDate::Parse(rows.Text(row, col));
  return r.ok() ? *r : PartialDate();  // stored dates are canonical; a bad one reads as unknown
}

std::string PgRecordWhere(const RecordFilter& f, std::vector<Param>* params) {
  std::string w = "p.role = 'victim'";
  if (f.after_id != 0) w += " AND p.id > " + Placeholder(params, f.after_id);
  if (!f.source.empty()) w += " AND s.name = " + Placeholder(params, f.source);
  if (!f.sex.empty()) w += " AND p.sex = " + Placeholder(params, f.sex);
  if (f.visible_to) {
    // docs/access.md: unrestricted, or shared with the reader.
    w += " AND (NOT EXISTS (SELECT 1 FROM record_sharing rs WHERE rs.record_id = p.id AND "
         "rs.restricted) OR EXISTS (SELECT 1 FROM record_shares sh WHERE sh.record_id = p.id "
         "AND sh.user_id = " + Placeholder(params, *f.visible_to) + "))";
  }
  if (f.HasActConditions()) {
    w += " AND EXISTS (SELECT 1 FROM acts fa JOIN events fe ON fe.id = fa.event_id "
         "WHERE fa.victim_id = p.id";
    if (!f.act_type.empty()) w += " AND fa.act_type = " + Placeholder(params, f.act_type);
    if (f.year_from != 0) w += " AND fe.year_hi >= " + Placeholder(params, f.year_from);
    if (f.year_to != 0) w += " AND fe.year_lo <= " + Placeholder(params, f.year_to);
    if (!f.place_ids.empty()) {
      std::string ids = "{";
      for (size_t i = 0; i < f.place_ids.size(); ++i) {
        // Gazetteer ids are slugs ([a-z0-9-]); quoted as array elements all the same.
        ids += (i ? ",\"" : "\"");
        for (char c : f.place_ids[i]) {
          if (c == '"' || c == '\\') ids += '\\';
          ids += c;
        }
        ids += "\"";
      }
      ids += "}";
      w += " AND fe.place_id = ANY(" + Placeholder(params, ids) + "::text[])";
    }
    // A NULL (unknown) age compares as unknown: the act does not match.
    if (f.age_from >= 0) w += " AND fa.age_hi >= " + Placeholder(params, f.age_from);
    if (f.age_to >= 0) w += " AND fa.age_lo <= " + Placeholder(params, f.age_to);
    w += ")";
  }
  return w;
}

Status ScanPgRecords(Conn& conn, const RecordFilter& filter, model::RowId only_id,
                     const std::function<Status(StoredRecord&&)>& fn) {
  std::vector<Param> base;
  std::string where = PgRecordWhere(filter, &base);
  if (only_id != 0) where += " AND p.id = " + Placeholder(&base, only_id);
  int64_t remaining = filter.limit;  // -1: no limit
  int64_t offset = filter.offset;
  model::RowId after = 0;
  while (remaining != 0) {
    const int64_t page = remaining < 0 ? kPage : std::min<int64_t>(remaining, kPage);
    std::vector<Param> params = base;
    std::string sql =
        "SELECT p.id, s.name, t.external_id, p.person_ref, t.testimony_date, t.language, "
        "t.connection, t.reliability, t.consent, t.narrative, p.sex, p.birth, p.origin_text, "
        "p.origin_place, p.identity_id, i.data, p.cluster_id, p.version "
        "FROM persons p JOIN testimonies t ON t.id = p.testimony_id "
        "JOIN sources s ON s.id = t.source_id LEFT JOIN identities i ON i.id = p.identity_id "
        "WHERE " + where + " AND p.id > " + Placeholder(&params, after) +
        " ORDER BY p.id LIMIT " + std::to_string(page);
    if (offset > 0) sql += " OFFSET " + std::to_string(offset);
    offset = 0;
    ASSIGN_OR_RETURN(Rows persons, conn.Query(sql, params));
    const int n = persons.size();
    if (n == 0) break;
    std::string ids = "{";
    for (int r = 0; r < n; ++r) ids += (r ? "," : "") + persons.Text(r, 0);
    ids += "}";
    ASSIGN_OR_RETURN(Rows acts, conn.Query(
        "SELECT a.victim_id, a.id, a.act_type, e.date, e.place_text, e.place_id, a.age "
        "FROM acts a JOIN events e ON e.id = a.event_id WHERE a.victim_id = ANY($1::bigint[]) "
        "ORDER BY a.victim_id, a.id", {ids}));
    ASSIGN_OR_RETURN(Rows invs, conn.Query(
        "SELECT a.victim_id, i.act_id, i.perpetrator_type, i.degree FROM involvements i "
        "JOIN acts a ON a.id = i.act_id WHERE a.victim_id = ANY($1::bigint[]) "
        "ORDER BY a.victim_id, i.act_id, i.id", {ids}));
    int ai = 0, ii = 0;
    for (int row = 0; row < n; ++row) {
      StoredRecord sr;
      model::Record& r = sr.record;
      r.id = persons.Int(row, 0);
      r.source = persons.Text(row, 1);
      r.external_id = persons.Text(row, 2);
      r.person_ref = persons.Text(row, 3);
      r.testimony_date = ReadStoredDate(persons, row, 4);
      r.language = persons.Text(row, 5);
      r.connection = persons.Text(row, 6);
      r.reliability = persons.Text(row, 7);
      r.consent = persons.Text(row, 8);
      r.narrative = persons.Text(row, 9);
      r.sex = persons.Text(row, 10);
      r.birth = ReadStoredDate(persons, row, 11);
      r.origin_text = persons.Text(row, 12);
      r.origin_place_id = persons.Text(row, 13);
      sr.identity_id = persons.Text(row, 14);
      sr.identity_blob = persons.Bytes(row, 15);
      r.cluster_id = persons.Text(row, 16);
      sr.version = persons.Int(row, 17);
      while (ai < acts.size() && acts.Int(ai, 0) < r.id) ++ai;
      for (; ai < acts.size() && acts.Int(ai, 0) == r.id; ++ai) {
        model::Act a;
        a.id = acts.Int(ai, 1);
        a.act_type = acts.Text(ai, 2);
        a.date = ReadStoredDate(acts, ai, 3);
        a.place_text = acts.Text(ai, 4);
        a.place_id = acts.Text(ai, 5);
        if (!acts.IsNull(ai, 6)) a.age = static_cast<int>(acts.Int(ai, 6));
        while (ii < invs.size() &&
               (invs.Int(ii, 0) < r.id || (invs.Int(ii, 0) == r.id && invs.Int(ii, 1) < a.id))) {
          ++ii;
        }
        for (; ii < invs.size() && invs.Int(ii, 0) == r.id && invs.Int(ii, 1) == a.id; ++ii) {
          a.involvements.push_back({invs.Text(ii, 2), invs.Text(ii, 3)});
        }
        r.acts.push_back(std::move(a));
      }
      after = r.id;
      RETURN_IF_ERROR(fn(std::move(sr)));
    }
    if (remaining > 0) remaining -= n;
    if (n < page) break;
  }
  return Status();
}

Result<std::vector<std::pair<model::RowId, std::string>>> ReadPgClusterAssignment(Conn& conn) {
  ASSIGN_OR_RETURN(Rows rows, conn.Query(
      "SELECT id, cluster_id FROM persons WHERE cluster_id IS NOT NULL ORDER BY id"));
  std::vector<std::pair<model::RowId, std::string>> out;
  out.reserve(rows.size());
  for (int r = 0; r < rows.size(); ++r) out.emplace_back(rows.Int(r, 0), rows.Text(r, 1));
  return out;
}

Result<std::vector<LinkPair>> ReadPgLinkPairs(Conn& conn, int64_t run_id) {
  ASSIGN_OR_RETURN(Rows rows, conn.Query(
      "SELECT a, b, probability FROM link_pairs WHERE run_id = $1 ORDER BY a, b", {run_id}));
  std::vector<LinkPair> out;
  out.reserve(rows.size());
  for (int r = 0; r < rows.size(); ++r) {
    out.push_back({rows.Int(r, 0), rows.Int(r, 1), rows.Double(r, 2)});
  }
  return out;
}

}  // namespace recount::storage::postgres
