// Per-record sharing as the store keeps it (docs/access.md): a record may be restricted, and a
// restricted record is visible on the web only to the users it is shared with.
//
// A record's sharing changes only through Store::SetSharing, which writes the rows and appends a
// "share" log entry (record = record id, version = the sharing version, digest =
// RecordSharingDigest) in one transaction. Reading a restricted record by id checks its rows
// against that entry (app/record_access.h), and `recount audit verify` checks every record's
// sharing, so a share granted by editing the database is refused and reported.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/record.h"

namespace recount::storage {

struct RecordSharing {
  model::RowId record = 0;
  bool restricted = false;
  std::vector<int64_t> users;  // account ids, ascending, no repeats; empty unless restricted
  int64_t version = 0;         // 0: sharing never changed; +1 per Store::SetSharing
  int64_t log_seq = 0;         // set by the store: the seq of the latest "share" entry
};

// "sha256:<hex>" over record id, restricted, version and the user ids.
std::string RecordSharingDigest(const RecordSharing& s);

// True when a web user with account id `user_id` may see a record with this sharing.
bool SharingAllows(const RecordSharing& s, int64_t user_id);

}  // namespace recount::storage
