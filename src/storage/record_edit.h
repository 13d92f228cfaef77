// The backend-neutral halves of record edits and of shredding kept versions (Store::UpdateRecord,
// ShredRecord; sqlite/sqlite_record_update.h, postgres/pg_record_update.h), so both backends
// refuse, keep and blank exactly alike.
//
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "storage/store.h"

namespace recount::storage {

// kConflict for an edit made on `expected_version` of a record now at current.version, saying
// what happened and what to do; OK when they agree.
Status CheckEditVersion(const StoredRecord& current, int64_t expected_version);

// The canonical bytes to keep for `current` (CanonicalRecordBytes with its blob's hash).
std::string KeptVersionBytes(const StoredRecord& current);

// A kept version after a shred of its record: its identity id and narrative blanked, everything
// coded kept. Sets *identity_id to the identity id it named ("" for none), whose row the caller
// deletes. kDataLoss (naming record and version) when the kept bytes are damaged.
Result<std::string> ShreddedVersionBytes(const RecordVersion& version, std::string* identity_id);

}  // namespace recount::storage
