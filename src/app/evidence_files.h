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

// The same for bytes already in memory (an upload over the web API): `file_name` is the base name
// to record (no directory part), `bytes` the whole file. The media type, when empty, is guessed
// from the name. kInvalidArgument for an empty file, a name with a path separator or too long,
// or more than kMaxEvidenceBytes.
struct AttachBytesRequest {
  model::RowId record = 0;
  std::string file_name;
  std::string media_type;
  std::string source_note;
};
Result<storage::EvidenceFile> AttachEvidenceBytes(storage::Store& store,
                                                  const crypto::SecretBytes& master_key,
                                                  const AttachBytesRequest& request,
                                                  std::string_view bytes);

inline constexpr size_t kMaxEvidenceNameBytes = 255;  // a file name on common file systems

// Decrypts attachment `id` to `out_path` (must not exist) after the checks above.
Result<storage::EvidenceFile> ExtractEvidence(storage::Store& store,
                                              const crypto::SecretBytes& master_key, int64_t id,
                                              const std::string& out_path);

// The same, writing the plaintext to `out` (used by bundles); on error `out` holds partial data.
Result<storage::EvidenceFile> DecryptEvidenceTo(storage::Store& store,
                                                const crypto::SecretBytes& master_key, int64_t id,
                                                std::ostream& out);

// A download (the web API): attachment `id` of record `record` decrypted into memory after the
// checks of DecryptEvidenceTo, then one "read-attachment" log entry (record = `record`, digest =
// the file's logged plaintext SHA-256, detail = "<command>: attachment <id> <name>") appended
// before the bytes are returned, as identity reads are (app/identity_reads.h). kNotFound when
// the attachment does not exist or belongs to another record. The caller checks that the
// reader may see `record` (app/record_access.h).
struct OpenedEvidence {
  storage::EvidenceFile file;
  std::string bytes;
};
Result<OpenedEvidence> ReadEvidenceLogged(storage::Store& store,
                                          const crypto::SecretBytes& master_key,
                                          model::RowId record, int64_t id,
                                          std::string_view command);

// The "attach" entry that logged attachment `id`; kNotFound when none.
Result<storage::AuditEntry> FindAttachEntry(storage::Store& store, int64_t id);

// The media types accepted for uploads over the web (docs/http-api.md, "Attachments"): PDF,
// plain text, common image, audio and video formats. `media_type` without parameters, lower
// case. The command line takes any type (its user holds the store key).
bool IsAllowedUploadMediaType(std::string_view media_type);

// "image/jpeg", "audio/mpeg", ... from the extension; "application/octet-stream" otherwise.
std::string GuessMediaType(std::string_view file_name);

}  // namespace recount::app
