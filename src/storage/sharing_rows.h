// The backend-neutral half of storing per-record sharing (record_sharing.h): what a sharing looks
// like once written, and how rows read from the two tables become RecordSharing values, so the
// SQLite and PostgreSQL backends (sqlite/sqlite_sharing.h, postgres/pg_sharing.h) only run SQL.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <utility>
#include <vector>

#include "storage/record_sharing.h"

namespace recount::storage {

// `s` as SetSharing stores it: users sorted without repeats (none when unrestricted), version + 1.
RecordSharing SharingToWrite(RecordSharing s);

// Joins the rows of record_sharing (`sharing`, by record) with those of record_shares
// ((record, user) pairs, by record then user); shares without a sharing row (only a database
// edit makes these) become an unrestricted, version-0 entry with users. Sorted by record.
std::vector<RecordSharing> JoinSharingRows(std::vector<RecordSharing> sharing,
                                           const std::vector<std::pair<int64_t, int64_t>>& shares);

// The one record's sharing from JoinSharingRows' result: the never-restricted default when empty.
RecordSharing OneSharing(model::RowId record, std::vector<RecordSharing> found);

}  // namespace recount::storage
