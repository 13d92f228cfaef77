#include "app/record_access.h"

namespace recount::app {
namespace {

Status NoSuchRecord(model::RowId id) { return NotFound("no record " + std::to_string(id)); }

}  // namespace

Status CheckSharingAgainstLog(storage::Store& store, const storage::RecordSharing& s) {
  if (s.version == 0 && s.log_seq == 0 && !s.restricted && s.users.empty()) return Status();
  const std::string what = "the sharing of record " + std::to_string(s.record);
  const std::string advice =
      "; it was changed outside recount: run 'recount audit verify' and "
      "set the sharing again with 'recount restrict' or 'recount share'";
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, store.AuditEntryAt(s.log_seq));
  if (!bytes)
    return DataLoss(what + " names log entry " + std::to_string(s.log_seq) +
                    ", which does not exist" + advice);
  ASSIGN_OR_RETURN(storage::AuditEntry e, storage::ParseAuditEntry(*bytes));
  if (e.op != "share" || e.record != static_cast<int64_t>(s.record) || e.version != s.version ||
      e.digest != storage::RecordSharingDigest(s)) {
    return DataLoss(what + " differs from its log entry " + std::to_string(s.log_seq) + advice);
  }
  return Status();
}

Status CheckRecordVisible(storage::Store& store, const Viewer& viewer, model::RowId id) {
  Result<storage::RecordSharing> s = store.GetSharing(id);
  if (!s.ok()) return s.status().code() == StatusCode::kNotFound ? NoSuchRecord(id) : s.status();
  if (!viewer.user_id) return Status();
  if (!storage::SharingAllows(*s, *viewer.user_id)) return NoSuchRecord(id);
  // Only records whose sharing was ever set have rows to check (a deleted row is audit verify's
  // to find: it needs the whole log).
  RETURN_IF_ERROR(CheckSharingAgainstLog(store, *s));
  return Status();
}

Status CheckHistoryVisible(storage::Store& store, const Viewer& viewer, model::RowId id) {
  Status visible = CheckRecordVisible(store, viewer, id);
  if (visible.code() != StatusCode::kNotFound || !viewer.user_id) return visible;
  ASSIGN_OR_RETURN(std::set<model::RowId> hidden, HiddenRecords(store, viewer));
  return hidden.count(id) ? visible : Status();
}

Result<storage::StoredRecord> LoadVisibleRecord(storage::Store& store, const Viewer& viewer,
                                                model::RowId id) {
  RETURN_IF_ERROR(CheckRecordVisible(store, viewer, id));
  return store.GetRecord(id);
}

void ScopeToViewer(const Viewer& viewer, storage::RecordFilter* filter) {
  filter->visible_to = viewer.user_id;
}

Result<std::set<model::RowId>> HiddenRecords(storage::Store& store, const Viewer& viewer) {
  std::set<model::RowId> hidden;
  if (!viewer.user_id) return hidden;
  ASSIGN_OR_RETURN(std::vector<storage::RecordSharing> all, store.ListSharing());
  for (const storage::RecordSharing& s : all) {
    if (!storage::SharingAllows(s, *viewer.user_id)) hidden.insert(s.record);
  }
  return hidden;
}

Status ReadWholeStoreForAggregates(storage::Store& store, const Viewer& viewer,
                                   const std::function<Status()>& fn) {
  RETURN_IF_ERROR(store.SetReadScope(std::nullopt));
  Status s = fn();
  Status back = store.SetReadScope(viewer.user_id);
  return s.ok() ? back : s;
}

}  // namespace recount::app
