// AuditEntry: one entry of the store's tamper-evident log, and its canonical bytes.
//
// Each entry is a leaf of the RFC 9162 Merkle tree over the log (docs/security.md section 7). The
// leaf data are the canonical bytes below, so anyone can recompute a leaf hash from an exported
// entry with nothing but SHA-256:
//
//   recount-audit/v1\n
//   seq <n>\n            1-based position in the log
//   time <RFC 3339>\n
//   actor <who>\n
//   op <operation>\n     create | update | edit | shred-identity | delete | link | link-pairs |
//                        keys | read-identity | attach | shred-attachment | review | init |
//                        user | login | restore | migrate | share
//                        ("edit": a user's edit, whose replaced version is kept;
//                        "update": more rows for a record later in the same import)
//   record <row id>\n    the record's row id; for link and link-pairs the link run id; for user
//                        and login the account id; else 0 (share: the record id, with the
//                        sharing version and RecordSharingDigest)
//   version <n>\n        the record's version after the change (0 when not about one record)
//   digest <sha256:hex>\n  what the subject looks like after the change (record_digest.h), or "-"
//   detail <text>\n      one free line (source and external id, command, counts)
//
// Values are escaped so that an entry is always exactly these nine lines: backslash as "\\",
// newline as "\n", carriage return as "\r". Parse accepts only bytes that Encode would produce.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace recount::storage {

struct AuditEntry {
  int64_t seq = 0;
  std::string time;
  std::string actor;
  std::string op;
  int64_t record = 0;
  int64_t version = 0;
  std::string digest = "-";
  std::string detail;
};

// True for the operations that set a record's state (and so carry its version and digest):
// create, update, edit, shred-identity, delete.
bool IsRecordStateOp(std::string_view op);
// IsRecordStateOp, or another entry about one record: read-identity, attach, shred-attachment,
// share, read-attachment (a download over the web, app/evidence_files.h).
bool IsRecordHistoryOp(std::string_view op);

std::string EncodeAuditEntry(const AuditEntry& entry);
// kDataLoss, naming the problem, for anything Encode would not have produced.
Result<AuditEntry> ParseAuditEntry(std::string_view bytes);

}  // namespace recount::storage
