#include "storage/sqlite/sqlite_record_scan.h"

namespace recount::storage::sqlite {
PartialDate ReadStoredDate(const Statement& st, int col) {
  if (st.IsNull(col)) return PartialDate();
  auto r = PartialDate::Parse(st.Text(col));
  return r.ok() ? *r : PartialDate();  // stored dates are canonical; a bad one reads as unknown
}

std::string RecordWhereClause(const RecordFilter& f, ActMatch how) {
  std::string w = "p.role = 'victim'";
  if (f.after_id != 0) w += " AND p.id > :after_id";
  if (!f.source.empty()) w += " AND s.name = :source";
  if (!f.sex.empty()) w += " AND p.sex = :sex";
  if (f.visible_to) {
    // docs/access.md: unrestricted, or shared with the reader.
    w += " AND (NOT EXISTS (SELECT 1 FROM record_sharing rs WHERE rs.record_id = p.id AND "
         "rs.restricted <> 0) OR EXISTS (SELECT 1 FROM record_shares sh WHERE sh.record_id = "
         "p.id AND sh.user_id = :viewer))";
  }
  if (f.HasActConditions()) {
    w += how == ActMatch::kPerRecord
             ? " AND EXISTS (SELECT 1 FROM acts fa JOIN events fe ON fe.id = fa.event_id "
               "WHERE fa.victim_id = p.id"
             : " AND p.id IN (SELECT fa.victim_id FROM acts fa JOIN events fe ON "
               "fe.id = fa.event_id WHERE 1";
    if (!f.act_type.empty()) w += " AND fa.act_type = :act";
    if (f.year_from != 0) w += " AND fe.year_hi >= :year_from";
    if (f.year_to != 0) w += " AND fe.year_lo <= :year_to";
    if (!f.place_ids.empty()) {
      w += " AND fe.place_id IN (";
      for (size_t i = 0; i < f.place_ids.size(); ++i) {
        w += (i ? ", :place" : ":place") + std::to_string(i);
      }
      w += ")";
    }
    // A NULL (unknown) age compares as unknown: the act does not match.
    if (f.age_from >= 0) w += " AND fa.age_hi >= :age_from";
    if (f.age_to >= 0) w += " AND fa.age_lo <= :age_to";
    w += ")";
  }
  return w;
}

void BindRecordFilter(Statement& st, const RecordFilter& f) {
  sqlite3_stmt* raw = st.raw();
  auto bind = [&](const char* name, auto value) {
    int idx = sqlite3_bind_parameter_index(raw, name);
    if (idx > 0) st.Bind(idx, value);
  };
  if (!f.source.empty()) bind(":source", std::string_view(f.source));
  if (!f.sex.empty()) bind(":sex", std::string_view(f.sex));
  if (!f.act_type.empty()) bind(":act", std::string_view(f.act_type));
  if (f.year_from != 0) bind(":year_from", static_cast<int64_t>(f.year_from));
  if (f.year_to != 0) bind(":year_to", static_cast<int64_t>(f.year_to));
  if (f.after_id != 0) bind(":after_id", static_cast<int64_t>(f.after_id));
  if (f.visible_to) bind(":viewer", *f.visible_to);
  for (size_t i = 0; i < f.place_ids.size(); ++i) {
    bind((":place" + std::to_string(i)).c_str(), std::string_view(f.place_ids[i]));
  }
  if (f.age_from >= 0) bind(":age_from", static_cast<int64_t>(f.age_from));
  if (f.age_to >= 0) bind(":age_to", static_cast<int64_t>(f.age_to));
}

namespace {

constexpr const char* kRecordFrom =
    " FROM persons p JOIN testimonies t ON t.id = p.testimony_id "
    "JOIN sources s ON s.id = t.source_id ";

// Appends the ids `st` returns to `ids`.
Status CollectIds(Statement& st, std::vector<int64_t>* ids) {
  while (true) {
    ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) return Status();
    ids->push_back(st.Int(0));
  }
}

// The ids of one keyset page (limit >= 0, offset 0) of a filter with conditions on acts, in id
// order (docs/web.md, "Filters"). First the next kPageWalk persons are walked in id order with a
// correlated EXISTS each, which finds a page of a common filter in a fraction of them; if that
// window holds fewer matches than the page needs, matches are rare (under limit / kPageWalk), and
// the rest of the page comes from one pass over the matching acts (the set form), which costs in
// proportion to those few acts instead of a walk over every remaining person.
Result<std::vector<int64_t>> PageIds(Db& db, const RecordFilter& filter) {
  constexpr int64_t kPageWalk = 16384;
  std::vector<int64_t> ids;
  if (filter.limit == 0) return ids;
  // The last victim id of the window (none: fewer than kPageWalk victims remain).
  ASSIGN_OR_RETURN(auto bound_st, db.PrepareCached(
      "SELECT id FROM persons WHERE role = 'victim' AND id > ? ORDER BY id LIMIT 1 OFFSET " +
      std::to_string(kPageWalk - 1)));
  bound_st.Bind(1, static_cast<int64_t>(filter.after_id));
  ASSIGN_OR_RETURN(bool bounded, bound_st.Step());
  const int64_t bound = bounded ? bound_st.Int(0) : 0;
  const std::string limit = " ORDER BY p.id LIMIT " + std::to_string(filter.limit);
  ASSIGN_OR_RETURN(auto walk, db.PrepareCached(
      "SELECT p.id" + std::string(kRecordFrom) + "WHERE " +
      RecordWhereClause(filter, ActMatch::kPerRecord) +
      (bounded ? " AND p.id <= :page_bound" : "") + limit));
  BindRecordFilter(walk, filter);
  if (bounded) walk.Bind(sqlite3_bind_parameter_index(walk.raw(), ":page_bound"), bound);
  RETURN_IF_ERROR(CollectIds(walk, &ids));
  if (!bounded || static_cast<int64_t>(ids.size()) >= filter.limit) return ids;
  ASSIGN_OR_RETURN(auto rest, db.PrepareCached(
      "SELECT p.id" + std::string(kRecordFrom) + "WHERE " +
      RecordWhereClause(filter, ActMatch::kSet) + " AND p.id > :page_bound ORDER BY p.id LIMIT " +
      std::to_string(filter.limit - static_cast<int64_t>(ids.size()))));
  BindRecordFilter(rest, filter);
  rest.Bind(sqlite3_bind_parameter_index(rest.raw(), ":page_bound"), bound);
  RETURN_IF_ERROR(CollectIds(rest, &ids));
  return ids;
}

}  // namespace

Status ScanStoredRecords(Db& db, const RecordFilter& filter, model::RowId only_id,
                       const std::function<Status(StoredRecord&&)>& fn) {
  std::string where;
  std::string paging;
  std::string page_ids;  // JSON array of the page's ids, when resolved first
  if (only_id == 0 && filter.limit >= 0 && filter.offset == 0 && filter.HasActConditions()) {
    // A page of a filter on acts: find its ids once (PageIds), then read those records, rather
    // than evaluating the filter again in each of the three queries below.
    ASSIGN_OR_RETURN(std::vector<int64_t> ids, PageIds(db, filter));
    if (ids.empty()) return Status();
    page_ids = "[";
    for (int64_t id : ids) page_ids += (page_ids.size() > 1 ? "," : "") + std::to_string(id);
    page_ids += "]";
    where = "p.id IN (SELECT value FROM json_each(:page_ids))";
  } else {
    where = RecordWhereClause(filter);
    if (only_id != 0) where += " AND p.id = :only_id";
    if (filter.limit >= 0) paging += " LIMIT " + std::to_string(filter.limit);
    if (filter.offset > 0) {
      if (filter.limit < 0) paging += " LIMIT -1";
      paging += " OFFSET " + std::to_string(filter.offset);
    }
  }
  const std::string from = kRecordFrom;
  ASSIGN_OR_RETURN(auto persons, db.PrepareCached(
      "SELECT p.id, s.name, t.external_id, p.person_ref, t.testimony_date, t.language, "
      "t.connection, t.reliability, t.consent, t.narrative, p.sex, p.birth, p.origin_text, "
      "p.origin_place, p.identity_id, i.data, p.cluster_id, p.version" + from +
      "LEFT JOIN identities i ON i.id = p.identity_id WHERE " + where + " ORDER BY p.id" +
      paging));
  // Acts and involvements are read for the same persons, in the same order, and merged.
  std::string person_ids = "SELECT p.id" + from + "WHERE " + where + " ORDER BY p.id" + paging;
  ASSIGN_OR_RETURN(auto acts, db.PrepareCached(
      "SELECT a.victim_id, a.id, a.act_type, e.date, e.place_text, e.place_id, a.age "
      "FROM acts a JOIN events e ON e.id = a.event_id WHERE a.victim_id IN (" + person_ids +
      ") ORDER BY a.victim_id, a.id"));
  ASSIGN_OR_RETURN(auto invs, db.PrepareCached(
      "SELECT a.victim_id, i.act_id, i.perpetrator_type, i.degree FROM involvements i "
      "JOIN acts a ON a.id = i.act_id WHERE a.victim_id IN (" + person_ids +
      ") ORDER BY a.victim_id, i.act_id, i.id"));
  for (Statement* st : {&persons, &acts, &invs}) {
    if (!page_ids.empty()) {
      st->Bind(sqlite3_bind_parameter_index(st->raw(), ":page_ids"), std::string_view(page_ids));
      continue;
    }
    BindRecordFilter(*st, filter);
    if (only_id != 0) {
      int idx = sqlite3_bind_parameter_index(st->raw(), ":only_id");
      if (idx > 0) st->Bind(idx, only_id);
    }
  }
  ASSIGN_OR_RETURN(bool act_row, acts.Step());
  ASSIGN_OR_RETURN(bool inv_row, invs.Step());
  while (true) {
    ASSIGN_OR_RETURN(bool row, persons.Step());
    if (!row) break;
    StoredRecord sr;
    model::Record& r = sr.record;
    r.id = persons.Int(0);
    r.source = persons.Text(1);
    r.external_id = persons.Text(2);
    r.person_ref = persons.Text(3);
    r.testimony_date = ReadStoredDate(persons, 4);
    r.language = persons.Text(5);
    r.connection = persons.Text(6);
    r.reliability = persons.Text(7);
    r.consent = persons.Text(8);
    r.narrative = persons.Text(9);
    r.sex = persons.Text(10);
    r.birth = ReadStoredDate(persons, 11);
    r.origin_text = persons.Text(12);
    r.origin_place_id = persons.Text(13);
    sr.identity_id = persons.Text(14);
    sr.identity_blob = persons.Text(15);
    r.cluster_id = persons.Text(16);
    sr.version = persons.Int(17);
    while (act_row && acts.Int(0) < r.id) {
      ASSIGN_OR_RETURN(act_row, acts.Step());
    }
    while (act_row && acts.Int(0) == r.id) {
      model::Act a;
      a.id = acts.Int(1);
      a.act_type = acts.Text(2);
      a.date = ReadStoredDate(acts, 3);
      a.place_text = acts.Text(4);
      a.place_id = acts.Text(5);
      if (!acts.IsNull(6)) a.age = static_cast<int>(acts.Int(6));
      while (inv_row && (invs.Int(0) < r.id || (invs.Int(0) == r.id && invs.Int(1) < a.id))) {
        ASSIGN_OR_RETURN(inv_row, invs.Step());
      }
      while (inv_row && invs.Int(0) == r.id && invs.Int(1) == a.id) {
        a.involvements.push_back({invs.Text(2), invs.Text(3)});
        ASSIGN_OR_RETURN(inv_row, invs.Step());
      }
      r.acts.push_back(std::move(a));
      ASSIGN_OR_RETURN(act_row, acts.Step());
    }
    RETURN_IF_ERROR(fn(std::move(sr)));
  }
  return Status();
}


Result<std::vector<LinkPair>> ReadLinkPairs(Db& db, int64_t run_id) {
  ASSIGN_OR_RETURN(auto st, db.Prepare(
      "SELECT a, b, probability FROM link_pairs WHERE run_id = ? ORDER BY a, b"));
  st.Bind(1, run_id);
  std::vector<LinkPair> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back({st.Int(0), st.Int(1), sqlite3_column_double(st.raw(), 2)});
  }
  return out;
}

Result<std::vector<int64_t>> ReadLinkRunIds(Db& db) {
  ASSIGN_OR_RETURN(auto st, db.Prepare("SELECT id FROM link_runs ORDER BY id"));
  std::vector<int64_t> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(st.Int(0));
  }
  return out;
}

Result<std::vector<std::pair<model::RowId, std::string>>> ReadClusterAssignment(Db& db) {
  ASSIGN_OR_RETURN(auto st, db.Prepare(
      "SELECT id, cluster_id FROM persons WHERE cluster_id IS NOT NULL ORDER BY id"));
  std::vector<std::pair<model::RowId, std::string>> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.emplace_back(st.Int(0), st.Text(1));
  }
  return out;
}

}  // namespace recount::storage::sqlite
