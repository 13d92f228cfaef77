// Reading records back: one victim record with its testimony, identity blob, acts and
// involvements, merged from three ordered queries (persons, acts, involvements) so a scan of the
// whole store streams in constant memory. Used by the store's reads, by the import batch (to
// re-digest a record it added to) and by audit verification.
#pragma once

#include <functional>

#include "storage/sqlite/sqlite_db.h"
#include "storage/store.h"

namespace recount::storage::sqlite {

// Calls `fn` for each record matching `filter` (and with `only_id` != 0, only that record) in id
// order; stops at the first error `fn` returns.
Status ScanStoredRecords(Db& db, const RecordFilter& filter, model::RowId only_id,
                         const std::function<Status(StoredRecord&&)>& fn);

// The partial date stored in column `col` of the current row; unknown when NULL (stored dates
// are canonical, so a bad one also reads as unknown).
PartialDate ReadStoredDate(const Statement& st, int col);

// (record id, cluster id) of every record with a cluster, in id order.
Result<std::vector<std::pair<model::RowId, std::string>>> ReadClusterAssignment(Db& db);

// The scored pairs of link run `run_id`, in (a, b) order; and the ids of all runs.
Result<std::vector<LinkPair>> ReadLinkPairs(Db& db, int64_t run_id);
Result<std::vector<int64_t>> ReadLinkRunIds(Db& db);

// How the act-level conditions are written: kPerRecord as a correlated EXISTS per person (a page
// walks persons in id order and stops after LIMIT matches: cheapest for pages), kSet as
// `p.id IN (the victims of the matching acts)`, evaluated once by one pass over the acts
// (cheapest for counting every match: 1.5-4 times less CPU on 140,000 records; docs/web.md,
// "Filters").
enum class ActMatch { kPerRecord, kSet };
// The SQL condition and its bindings for `filter` over persons p / sources s (shared with counts).
std::string RecordWhereClause(const RecordFilter& filter, ActMatch how = ActMatch::kPerRecord);
void BindRecordFilter(Statement& st, const RecordFilter& filter);

}  // namespace recount::storage::sqlite
