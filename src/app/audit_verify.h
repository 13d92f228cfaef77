// `recount audit verify`: recomputes the tamper-evident log and checks the store against it
// (docs/security.md section 7.5).
//
// What is checked, from the bytes in the store and nothing it says about itself:
//  1. the log: every entry parses, entries are numbered 1, 2, ... with no gap, reordering or
//     duplicate; the RFC 9162 tree over them equals the tree head the store keeps;
//  2. every checkpoint (stored, and any the caller holds, e.g. a partner's copy): its signature
//     with the trusted log key, and that its root is the root of the log's first `size` entries
//     (so nothing up to that size was changed, removed or reordered since it was signed);
//     entries after the last checkpoint are reported as unsigned;
//  3. every record in the tables against its last log entry: same digest (record_digest.h) and
//     version; records without an entry were added outside recount; logged records that are gone
//     without a "delete" entry were deleted outside recount;
//  4. the linkage result against the last "link" entry, each run's kept pairs against its
//     "link-pairs" entry, and the key ring against the last "keys" entry;
//  5. every evidence file against its "attach" entry (all metadata and both hashes) and its
//     stored ciphertext against the ciphertext hash logged at intake (no key is needed).
// Any finding is a problem naming what and where; the report is ok only with none.
//
// Memory: one small slot per record id and the log's leaf hashes (about 100 bytes per entry).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "crypto/signed_note.h"
#include "storage/store.h"

namespace recount::app {

struct AuditVerifyOptions {
  // The log's public key as the organisation keeps it. Without one, checkpoint signatures are
  // checked against the key recorded in the store itself, and the report says so.
  std::optional<crypto::NoteVerifier> log_key;
  // Signed checkpoints held outside the store (a partner's, a printed one).
  std::vector<std::string> external_checkpoints;
  size_t max_problems = 100;
};

struct AuditReport {
  uint64_t entries = 0;
  uint64_t records = 0;
  uint64_t review_decisions = 0;      // checked against their "review" entries
  uint64_t users = 0;                 // web accounts checked against their "user" entries
  uint64_t shared_records = 0;        // records' sharing checked against their "share" entries
  uint64_t evidence_files = 0;        // checked against their "attach" entries
  uint64_t kept_versions = 0;         // versions kept by edits, checked against their entries
  uint64_t checkpoints = 0;          // stored checkpoints whose signature and root verified
  uint64_t external_checkpoints = 0;  // outside ones that verified
  uint64_t signed_size = 0;           // size of the largest verified checkpoint
  std::string root_hex;               // root of the whole log, recomputed
  std::string log_key_source;         // "trusted key given" or "key recorded in the store"
  std::vector<std::string> problems;  // empty: the store matches its log
  bool ok() const { return problems.empty(); }
};

Result<AuditReport> VerifyAudit(storage::Store& store, const AuditVerifyOptions& options);

}  // namespace recount::app
