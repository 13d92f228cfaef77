// Evidence files attached to records (`recount attach`, `recount attachment get`;
// docs/security.md section 7.6).
//
// Attach: the file is read once, streamed through crypto/evidence_stream.h under a fresh data key
// (class kEvidence, bound to a random evidence id) which is wrapped by the store master key; the
// plaintext SHA-256 and size come out of the same pass. The store keeps the row, the ciphertext
// and an "attach" log entry committing to both hashes, in one transaction.
// Extract: the row is checked against its attach entry, the ciphertext against its logged hash,
// then decrypted (the FINAL tag is required, so a truncated stream fails) into a temporary file
// beside the target, whose SHA-256 and size must equal the logged ones before it is renamed into
// place. Nothing is left at the target on any error.
//
// Memory: the ciphertext is held in memory once (it is a database blob), so files are limited to
// kMaxEvidenceBytes. Errors: kNotFound (record, attachment or file), kDataLoss (altered or
// truncated evidence, or a row that differs from its log entry), kInvalidArgument (too large),
// kIoError. Thread-safety: one call per store at a time.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/secret_bytes.h"
#include "storage/audit_entry.h"
#include "storage/store.h"

namespace recount::app {

inline constexpr uint64_t kMaxEvidenceBytes = 512ull * 1024 * 1024;

struct AttachRequest {
  model::RowId record = 0;
  std::string path;         // the file to attach
  std::string source_note;  // where it came from
  std::string media_type;   // empty: guessed from the file name's extension
};

Result<storage::EvidenceFile> AttachEvidence(storage::Store& store,
                                             const crypto::SecretBytes& master_key,
                                             const AttachRequest& request);

// Decrypts attachment `id` to `out_path` (must not exist) after the checks above.
Result<storage::EvidenceFile> ExtractEvidence(storage::Store& store,
                                              const crypto::SecretBytes& master_key, int64_t id,
                                              const std::string& out_path);

// The same, writing the plaintext to `out` (used by bundles); on error `out` holds partial data.
Result<storage::EvidenceFile> DecryptEvidenceTo(storage::Store& store,
                                                const crypto::SecretBytes& master_key, int64_t id,
                                                std::ostream& out);

// The "attach" entry that logged attachment `id`; kNotFound when none.
Result<storage::AuditEntry> FindAttachEntry(storage::Store& store, int64_t id);

// "image/jpeg", "audio/mpeg", ... from the extension; "application/octet-stream" otherwise.
std::string GuessMediaType(std::string_view file_name);

}  // namespace recount::app
