// Per-record data keys and sealed record fields (envelope encryption below the KeyRing).
//
//   master key --wraps--> record data key  --seals--> narrative / sensitive fields of one record
//   vault key  --wraps--> identity data key --seals--> names, birth dates, contact details
//   master key --wraps--> evidence data key --streams--> attachment files (evidence_stream.h)
//
// A wrapped data key is bound (AEAD associated data) to the record id and the key class, so it
// cannot be moved to another record or presented as a different class. A sealed field is bound to
// (record id, field name, field version): swapping ciphertexts between records, between fields of
// one record, or rolling a field back to an older version's ciphertext under a newer version
// number fails to open (kDataLoss).
//
// Crypto-shredding: every field of a record is readable only through its wrapped data key. Deleting
// that one small blob (and letting the SQLite page be overwritten: the store must delete the row
// with secure_delete on and VACUUM, and drop backups per the retention policy) makes the fields
// unreadable even to someone holding the master key and old copies of the ciphertexts.
//
// Formats: wrapped key = 0x01 || nonce || sealed 32-byte key || tag (73 bytes);
//          sealed field = 0x01 || nonce || ciphertext || tag (41 + plaintext bytes).
// The leading byte is the format version so a future change can be recognised.
// Errors: kDataLoss (wrong key, wrong binding, altered or truncated data, unknown format byte),
// kInvalidArgument (empty record id or field name, wrong key size). Thread-safety: pure functions;
// keys are borrowed for the call; plaintext returned by OpenField is owned by the caller, who
// should keep it no longer than needed.
#pragma once

#include <cstdint>
#include <string_view>

#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/secret_bytes.h"

namespace recount::crypto {

enum class DataKeyClass : uint8_t {
  kRecord = 1,    // wrapped by the store master key
  kIdentity = 2,  // wrapped by the identity-vault key
  kEvidence = 3,  // wrapped by the store master key; used by evidence_stream.h
};

inline constexpr size_t kDataKeySize = 32;
inline constexpr size_t kWrappedDataKeySize = 1 + 24 + kDataKeySize + 16;

// A fresh random data key.
Result<SecretBytes> NewDataKey();

// Wraps `data_key` under `wrapping_key` (master or vault key) for record `record_id`.
Result<Bytes> WrapDataKey(const SecretBytes& wrapping_key, const SecretBytes& data_key,
                          std::string_view record_id, DataKeyClass key_class);
Result<SecretBytes> UnwrapDataKey(const SecretBytes& wrapping_key, ByteSpan wrapped,
                                  std::string_view record_id, DataKeyClass key_class);

// Where a field value belongs; all three parts are authenticated.
struct FieldBinding {
  std::string_view record_id;
  std::string_view field;  // e.g. "person.name_hangul"
  uint64_t version = 0;    // the record version that wrote the value
};

Result<Bytes> SealField(const SecretBytes& data_key, const FieldBinding& binding,
                        ByteSpan plaintext);
Result<Bytes> OpenField(const SecretBytes& data_key, const FieldBinding& binding, ByteSpan sealed);

}  // namespace recount::crypto
