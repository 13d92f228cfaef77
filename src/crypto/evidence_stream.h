// Streaming encryption of evidence files (photos, audio, scanned documents) with
// XChaCha20-Poly1305 secretstream, computing the SHA-256 of the plaintext in the same pass.
//
// The SHA-256 taken at intake is what the tamper-evident log records for the attachment (a court
// can later hash the exported file and compare); decryption recomputes it so the caller can check.
//
// Format: "RCEVID01" | u32 chunk size | secretstream header (24 bytes) |
//         chunks of (chunk size + 17) bytes, the last one shorter or equal, tagged FINAL.
// Every chunk is authenticated with associated data binding it to the evidence id and the chunk
// size; the stream construction binds order, so reordering, dropping, duplicating or truncating
// chunks is detected; a stream without its FINAL chunk (truncated file) or with bytes after it is
// rejected. An empty file is one empty FINAL chunk.
//
// Memory: one chunk buffer (default 64 KiB) regardless of file size.
// Errors: kDataLoss (wrong key, wrong evidence id, altered, truncated or extended stream, not an
// evidence stream), kIoError (the istream/ostream failed), kInvalidArgument (bad chunk size or key
// size, empty evidence id). On error during decryption, some plaintext may already have been
// written to `out`; it is authentic but incomplete, so the caller must write to a temporary file
// and discard it on error. Ownership: streams and key are borrowed for the call. Thread-safety:
// reentrant; one stream pair per call.
#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <string_view>

#include "base/result.h"
#include "crypto/secret_bytes.h"
#include "crypto/sha256.h"

namespace recount::crypto {

inline constexpr uint32_t kEvidenceDefaultChunkSize = 64 * 1024;
inline constexpr uint32_t kEvidenceMaxChunkSize = 16 * 1024 * 1024;

struct EvidenceDigest {
  Sha256Digest plaintext_sha256{};
  uint64_t plaintext_bytes = 0;
};

// Encrypts all of `in` into `out` with `key` (a 32-byte kEvidence data key, data_key.h).
Result<EvidenceDigest> EncryptEvidence(const SecretBytes& key, std::string_view evidence_id,
                                       std::istream& in, std::ostream& out,
                                       uint32_t chunk_size = kEvidenceDefaultChunkSize);

// Decrypts a stream written by EncryptEvidence; fails unless the whole stream is intact.
Result<EvidenceDigest> DecryptEvidence(const SecretBytes& key, std::string_view evidence_id,
                                       std::istream& in, std::ostream& out);

}  // namespace recount::crypto
