// Reads of identity data are changes to the record of who saw what: each command that decrypted
// identities appends one "read-identity" entry to the tamper-evident log (docs/security.md 7.5):
// the record id when it read one record (0 for several), the command and the number of records
// in the detail, and the SHA-256 of the sorted list of record ids as the digest, so the exact set
// read can be proven later from the ids without putting thousands of ids in one entry.
#pragma once

#include <string_view>

#include "app/identity_vault.h"
#include "base/status.h"
#include "storage/store.h"

namespace recount::app {

// Appends the entry when `reader` decrypted anything; a no-op otherwise.
Status LogIdentityReads(storage::Store& store, const IdentityReader& reader,
                        std::string_view command);

}  // namespace recount::app
