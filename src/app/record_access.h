// Use case: may this reader see this record? The one access check every read path goes through
// (docs/access.md): a record by id, lists and searches, history, identity reads, the review
// queue and pairs, on the web and on the command line.
//
// Rule: an unrestricted record is visible to every reader whose role may read records (the
// router checks roles); a restricted record only to the web users it is shared with. The command
// line is run by the key holder and reads the whole store (Viewer::WholeStore()).
//
// A restricted record not shared with the reader answers kNotFound with the same message as a
// record that does not exist, so its existence is not revealed. Before a restricted record is
// shown, its sharing rows are checked against their latest "share" log entry: a share granted by
// editing the database is refused (kDataLoss) and reported by `recount audit verify`.
//
// Thread-safety: pure functions over the caller's Store (one thread at a time).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>

#include "base/result.h"
#include "storage/store.h"

namespace recount::app {

// Who is reading.
struct Viewer {
  std::optional<int64_t> user_id;  // a web user's account id; nullopt: the whole store
  static Viewer WholeStore() { return Viewer{}; }
  static Viewer WebUser(int64_t id) { return Viewer{id}; }
};

// kNotFound ("no record N") when the record does not exist or is restricted and not shared with
// the viewer; kDataLoss when a restricted record's sharing differs from its log entry.
Status CheckRecordVisible(storage::Store& store, const Viewer& viewer, model::RowId id);
// For the history of a record, which outlives its deletion: CheckRecordVisible for a record that
// exists; a deleted one passes unless its last sharing (kept after the deletion) hid it.
Status CheckHistoryVisible(storage::Store& store, const Viewer& viewer, model::RowId id);
// GetRecord after CheckRecordVisible.
Result<storage::StoredRecord> LoadVisibleRecord(storage::Store& store, const Viewer& viewer,
                                                model::RowId id);
// Limits a list or count to what the viewer may see (the store filters, so paging and totals
// stay consistent).
void ScopeToViewer(const Viewer& viewer, storage::RecordFilter* filter);
// The restricted records the viewer may not see (empty for the whole store).
Result<std::set<model::RowId>> HiddenRecords(storage::Store& store, const Viewer& viewer);
// Runs `fn`, which computes aggregates (counts, estimates) that include restricted records by
// design (docs/access.md), with the store reading the whole store (PostgreSQL's row-level
// security would otherwise leave them out), then narrows it back to `viewer`. Only for code that
// returns no record's content.
Status ReadWholeStoreForAggregates(storage::Store& store, const Viewer& viewer,
                                   const std::function<Status()>& fn);
// The sharing's rows against its latest "share" log entry: kDataLoss naming the record when they
// differ or the entry is missing (a never-restricted record with no rows passes).
Status CheckSharingAgainstLog(storage::Store& store, const storage::RecordSharing& sharing);

}  // namespace recount::app
