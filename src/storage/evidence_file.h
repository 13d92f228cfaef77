// EvidenceFile: one attached evidence file (audio, photo, scanned statement) as the store keeps it,
// and the digest the tamper-evident log records for it (docs/security.md section 7.6).
//
// The file itself is kept only encrypted (crypto/evidence_stream.h) under a fresh per-file data key
// wrapped by the store master key (crypto/data_key.h, class kEvidence, bound to `evidence_id`).
// Rows are written once and never changed: an attachment is immutable. Its "attach" log entry
// (record = the record's row id, detail "attachment <id> ...") carries EvidenceFileDigest, which
// commits to every metadata field, the plaintext SHA-256 taken at intake, the SHA-256 of the stored
// ciphertext and of the wrapped key. So `recount audit verify` can check every row, and a bundle
// holding the metadata and the decrypted file can be checked without the store.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/record.h"

namespace recount::storage {

struct EvidenceFile {
  int64_t id = 0;             // set by the store: 1, 2, ...
  model::RowId record = 0;    // the record it is attached to
  std::string evidence_id;    // random id bound into the ciphertext and the wrapped key
  std::string file_name;      // original base name, as given at intake
  std::string media_type;     // e.g. "audio/mpeg"; "application/octet-stream" when unknown
  std::string source_note;    // where the file came from (free text)
  uint64_t size = 0;          // plaintext bytes
  std::string plaintext_sha256;   // "sha256:<hex>", computed at intake
  std::string ciphertext_sha256;  // "sha256:<hex>" of the stored encrypted stream
  std::string wrapped_key;        // the wrapped data key (crypto/data_key.h); not secret
  std::string actor;              // set by the store: the log's actor
  std::string attached_at;        // set by the store (RFC 3339)
};

// "sha256:<hex>" over every field above (the wrapped key by its SHA-256), length-prefixed as
// record_digest.h does.
std::string EvidenceFileDigest(const EvidenceFile& file);
// The same from a wrapped key's "sha256:<hex>" instead of its bytes (what a bundle carries).
std::string EvidenceFileDigestWithKeyHash(const EvidenceFile& file,
                                          std::string_view wrapped_key_sha256);
// "sha256:<hex>" of arbitrary bytes (the notation used throughout the log).
std::string DigestOfBytes(std::string_view bytes);

// The detail line of an attach entry, and the attachment id read back from one (nullopt when the
// detail is not an attach detail).
std::string AttachEntryDetail(const EvidenceFile& file);
std::optional<int64_t> AttachmentIdOfDetail(std::string_view detail);

}  // namespace recount::storage
