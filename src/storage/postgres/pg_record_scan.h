// Reading records back from PostgreSQL: the same StoredRecord as the SQLite scan, read page by
// page (keyset pagination on the record id: three queries per page of records, for persons, acts
// and involvements, merged in id order), so a scan of the whole store needs bounded memory and
// `fn` may use the connection between pages.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "storage/postgres/pg_conn.h"
#include "storage/store.h"

namespace recount::storage::postgres {

// Calls `fn` for each record matching `filter` (with `only_id` != 0, only that record) in id
// order; stops at the first error `fn` returns.
Status ScanPgRecords(Conn& conn, const RecordFilter& filter, model::RowId only_id,
                     const std::function<Status(StoredRecord&&)>& fn);

// The SQL condition for `filter` over persons p / sources s; appends its parameters.
std::string PgRecordWhere(const RecordFilter& filter, std::vector<Param>* params);

// The partial date stored at (row, col); unknown when NULL (stored dates are canonical, so a bad
// one also reads as unknown).
PartialDate ReadStoredDate(const Rows& rows, int row, int col);

Result<std::vector<std::pair<model::RowId, std::string>>> ReadPgClusterAssignment(Conn& conn);
Result<std::vector<LinkPair>> ReadPgLinkPairs(Conn& conn, int64_t run_id);

}  // namespace recount::storage::postgres
