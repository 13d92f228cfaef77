// EnvelopeCipher: the per-record fast path of envelope encryption, for sealing or opening many
// small values each under its own fresh data key (identity details at import, names at linkage).
//
// Seal(binding, plaintext) draws a fresh data key and two nonces (one randombytes call), wraps
// the data key under the wrapping key (master or vault key) bound to (binding.record_id, key
// class), and seals the plaintext under the data key bound to (record id, field, version). The
// output is byte-for-byte the formats of data_key.h:
//     wrapped data key (kWrappedDataKeySize bytes, as WrapDataKey) || sealed field (as SealField)
// so UnwrapDataKey/OpenField open it too, and shredding is deleting these bytes (data_key.h).
// Unlike calling NewDataKey/WrapDataKey/SealField per record, nothing here allocates guarded
// memory or makes system calls per value beyond the randombytes call: the data key lives in one
// reused guarded buffer, and the associated-data and output buffers are reused.
//
// Ownership: the cipher owns a copy of the wrapping key (SecretBytes). Errors: kInvalidArgument
// (wrong key size, empty record id or field), kDataLoss on Open (wrong key, binding, or altered /
// truncated bytes). Thread-safety: one cipher per thread (it reuses internal buffers).
#pragma once

#include <cstdint>

#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/data_key.h"
#include "crypto/secret_bytes.h"

namespace recount::crypto {

class EnvelopeCipher {
 public:
  static Result<EnvelopeCipher> Create(const SecretBytes& wrapping_key, DataKeyClass key_class);

  // Appends wrapped key || sealed field to *out (existing content is kept: callers may have
  // written a header first).
  Status Seal(const FieldBinding& binding, ByteSpan plaintext, Bytes* out);
  // Opens what Seal appended (`envelope` = wrapped key || sealed field) into *plaintext
  // (replaced). The caller should wipe *plaintext when done (WipeBytes).
  Status Open(const FieldBinding& binding, ByteSpan envelope, Bytes* plaintext);

  // Size of the output of Seal for a plaintext of `n` bytes.
  static constexpr size_t SealedSize(size_t n) { return kWrappedDataKeySize + 1 + 24 + n + 16; }

 private:
  EnvelopeCipher() = default;
  SecretBytes wrapping_key_;
  SecretBytes scratch_;  // data key (32) || wrap nonce (24) || field nonce (24)
  DataKeyClass key_class_ = DataKeyClass::kRecord;
  Bytes wrap_ad_, field_ad_;
};

// Overwrites memory that held plaintext secrets (so the compiler cannot drop the writes).
void WipeBytes(void* data, size_t size);

}  // namespace recount::crypto
