// Record endpoints: list/search, one record, its identity (logged), its history; documented
// counts (docs/http-api.md, "Records").
#include <nlohmann/json.hpp>

#include "app/audit_prove.h"
#include "app/count_acts.h"
#include "app/identity_reads.h"
#include "app/record_access.h"
#include "app/record_json.h"
#include "app/record_query.h"
#include "app/search_records.h"
#include "http/api_handlers.h"

namespace recount::http {
namespace {

// A record in a list: coded fields and acts, no narrative (GET /api/records/{id} has it).
nlohmann::json ListItem(storage::StoredRecord& sr) {
  sr.record.narrative.clear();
  nlohmann::json j = app::RecordToJson(sr.record, nullptr);
  j["version"] = sr.version;
  return j;
}

// The filters of a list or search (app/record_query.h), named as the query arguments.
Result<storage::RecordFilter> ListFilter(Call& call) {
  app::RecordQuery q;
  q.source = call.request.Query("source");
  q.act = call.request.Query("act");
  q.sex = call.request.Query("sex");
  ASSIGN_OR_RETURN(int64_t from, IntQuery(call, "year_from", 0, 0, 9999));
  ASSIGN_OR_RETURN(int64_t to, IntQuery(call, "year_to", 0, 0, 9999));
  q.year_from = static_cast<int>(from);
  q.year_to = static_cast<int>(to);
  q.place = call.request.Query("place");
  if (q.place.size() > 200) return InvalidArgument("place: at most 200 bytes (a gazetteer id)");
  for (const auto& [name, out] : {std::pair{"age_from", &q.age_from},
                                  std::pair{"age_to", &q.age_to}}) {
    if (call.request.Query(name).empty()) continue;
    ASSIGN_OR_RETURN(int64_t age, IntQuery(call, name, 0, 0, app::kMaxFilterAge));
    *out = static_cast<int>(age);
  }
  return app::BuildRecordFilter(q, call.viewer());
}

// Through the access check: a restricted record not shared with the caller is "no record".
Result<storage::StoredRecord> LoadRecord(Call& call, const char* param) {
  ASSIGN_OR_RETURN(int64_t id, IdParam(call, param));
  return app::LoadVisibleRecord(call.store(), call.viewer(), id);
}

}  // namespace

Result<Response> HandleListRecords(Call& call) {
  ASSIGN_OR_RETURN(int64_t limit, IntQuery(call, "limit", 50, 1, 500));
  ASSIGN_OR_RETURN(int64_t offset, IntQuery(call, "offset", 0, 0, int64_t{1} << 40));
  const std::string q = call.request.Query("q");
  nlohmann::json out = {{"records", nlohmann::json::array()}};
  ASSIGN_OR_RETURN(storage::RecordFilter f, ListFilter(call));
  if (!q.empty()) {
    if (q.size() > 200) return InvalidArgument("the search text q is longer than 200 bytes");
    // Names are searched only for roles that may see identities; others search places.
    const bool names = app::RoleHas(call.user->role, app::Permission::kReadIdentities);
    ASSIGN_OR_RETURN(app::IdentityReader reader,
                     names ? call.Identities() : Result<app::IdentityReader>(
                                                     app::IdentityReader::Locked()));
    ASSIGN_OR_RETURN(std::vector<app::SearchHit> hits,
                     app::SearchRecords(call.store(), q, limit, reader, call.viewer(), f));
    for (app::SearchHit& h : hits) {
      nlohmann::json j = ListItem(h.record);
      j["matched"] = h.matched;
      out["records"].push_back(std::move(j));
    }
    out["searched"] = reader.locked() ? "places" : "names and places";
    return JsonResponse(200, out.dump());
  }
  ASSIGN_OR_RETURN(int64_t after, IntQuery(call, "after", 0, 0, int64_t{1} << 62));
  // The total is counted for the first page only: counting costs a pass over the matches.
  if (after == 0 && offset == 0) {
    ASSIGN_OR_RETURN(int64_t total, call.store().CountRecords(f));
    out["total"] = total;
    // No match: the page need not walk every record to find none (docs/web.md, "Filters").
    if (total == 0) {
      out["offset"] = offset;
      out["limit"] = limit;
      return JsonResponse(200, out.dump());
    }
  }
  f.limit = limit;
  f.offset = offset;
  f.after_id = after;
  model::RowId last = 0;
  int64_t n = 0;
  RETURN_IF_ERROR(call.store().ScanRecords(f, [&](storage::StoredRecord&& sr) -> Status {
    last = sr.record.id;
    ++n;
    out["records"].push_back(ListItem(sr));
    return Status();
  }));
  out["offset"] = offset;
  out["limit"] = limit;
  // Keyset paging: ?after=<next_after> gives the next page at the same cost at any depth.
  if (n == limit) out["next_after"] = last;
  return JsonResponse(200, out.dump());
}

Result<Response> HandleGetRecord(Call& call) {
  ASSIGN_OR_RETURN(storage::StoredRecord sr, LoadRecord(call, "id"));
  ASSIGN_OR_RETURN(bool open, call.conn.narratives.OpenInPlace(&sr.record));
  nlohmann::json j = app::RecordToJson(sr.record, nullptr);
  j["version"] = sr.version;
  j["narrative_sealed"] = !open;
  ASSIGN_OR_RETURN(std::vector<storage::EvidenceFile> files,
                   call.store().ListEvidenceFiles(sr.record.id));
  j["attachments"] = nlohmann::json::array();
  for (const auto& f : files) {
    j["attachments"].push_back({{"id", f.id},
                                {"file_name", f.file_name},
                                {"media_type", f.media_type},
                                {"size", f.size},
                                {"attached_at", f.attached_at}});
  }
  return JsonResponse(200, j.dump());
}

Result<Response> HandleGetIdentity(Call& call) {
  ASSIGN_OR_RETURN(storage::StoredRecord sr, LoadRecord(call, "id"));
  ASSIGN_OR_RETURN(app::IdentityReader reader, call.Identities());
  if (reader.locked()) {
    return FailedPrecondition("identities are locked on this server: it was started without "
                              "the identity-vault key");
  }
  ASSIGN_OR_RETURN(std::optional<model::Identity> id, reader.Read(sr));
  // The read is logged before the identity leaves the server.
  RETURN_IF_ERROR(app::LogIdentityReads(call.store(), reader, "web"));
  nlohmann::json j = app::RecordToJson(sr.record, id ? &*id : nullptr);
  nlohmann::json out = {{"id", sr.record.id}, {"identity", j.value("identity", nlohmann::json())}};
  return JsonResponse(200, out.dump());
}

Result<Response> HandleRecordHistory(Call& call) {
  ASSIGN_OR_RETURN(int64_t id, IdParam(call, "id"));
  RETURN_IF_ERROR(app::CheckHistoryVisible(call.store(), call.viewer(), id));
  ASSIGN_OR_RETURN(std::vector<storage::AuditEntry> entries, app::ReadHistory(call.store(), id));
  if (entries.empty()) return NotFound("no record " + std::to_string(id));
  nlohmann::json out = {{"entries", nlohmann::json::array()},
                        {"kept_versions", nlohmann::json::array()}};
  for (const auto& e : entries) out["entries"].push_back(app::AuditEntryToJson(e));
  ASSIGN_OR_RETURN(std::vector<storage::RecordVersion> kept, call.store().RecordVersions(id));
  for (const auto& v : kept) {
    out["kept_versions"].push_back({{"version", v.version},
                                    {"replaced_at", v.replaced_at},
                                    {"replaced_by", v.replaced_by},
                                    {"shredded", v.shredded}});
  }
  return JsonResponse(200, out.dump());
}

Result<Response> HandleStats(Call& call) {
  std::string by = call.request.Query("by", "act");
  std::string lang = call.request.Query("lang", "en");
  if (lang != "en" && lang != "ko") return InvalidArgument("lang must be en or ko");
  std::vector<std::string> dims;
  size_t start = 0;
  while (start <= by.size()) {
    size_t comma = by.find(',', start);
    if (comma == std::string::npos) comma = by.size();
    dims.push_back(by.substr(start, comma - start));
    start = comma + 1;
  }
  // Documented counts include restricted records (docs/access.md).
  app::CountTable t;
  RETURN_IF_ERROR(app::ReadWholeStoreForAggregates(call.store(), call.viewer(), [&]() -> Status {
    ASSIGN_OR_RETURN(t, app::CountActs(call.store(), dims, lang));
    return Status();
  }));
  nlohmann::json out = {{"dimensions", t.dimensions},
                        {"total_acts", t.total_acts},
                        {"total_victims", t.total_victims},
                        {"rows", nlohmann::json::array()}};
  for (const auto& r : t.rows) {
    out["rows"].push_back(
        {{"keys", r.keys}, {"labels", r.labels}, {"acts", r.acts}, {"victims", r.victims}});
  }
  return JsonResponse(200, out.dump());
}

}  // namespace recount::http
