// The SQLite side of per-record sharing (storage/record_sharing.h), migration 11:
//
//   record_sharing (record_id PRIMARY KEY, restricted, version, log_seq)
//   record_shares  (record_id, user_id)  PRIMARY KEY (record_id, user_id)
//
// A record without a record_sharing row was never restricted. The contract of each function is
// Store's (store.h, "Per-record sharing"); SetSharingRow writes the rows and the "share" log entry
// in one transaction.
#pragma once

#include <string_view>
#include <vector>

#include "storage/audit_append.h"
#include "storage/record_sharing.h"
#include "storage/sqlite/sqlite_db.h"

namespace recount::storage::sqlite {

Result<RecordSharing> GetSharingRow(Db& db, model::RowId record);
Result<RecordSharing> SetSharingRow(Db& db, RecordSharing sharing, std::string_view change,
                                    const LogContext& log);
Result<std::vector<RecordSharing>> ListSharingRows(Db& db);

}  // namespace recount::storage::sqlite
