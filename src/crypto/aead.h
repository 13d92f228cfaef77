// Authenticated encryption with associated data: XChaCha20-Poly1305 (IETF construction,
// draft-irtf-cfrg-xchacha; RFC 8439 ChaCha20-Poly1305 with a 192-bit nonce).
//
// Sealed format (AeadSeal/AeadOpen): nonce (24 bytes, random) || ciphertext || tag (16 bytes).
// Random 192-bit nonces are safe to use without a counter for any realistic number of messages.
// The associated data is authenticated but not stored: the caller must present exactly the same
// bytes to open (this is how a ciphertext is bound to its record and field, see data_key.h).
//
// Ownership: keys are borrowed for the call. Errors: kInvalidArgument for a key of the wrong size;
// kDataLoss when opening fails (wrong key, wrong associated data, or altered/truncated ciphertext:
// these are indistinguishable by design). Thread-safety: pure functions.
#pragma once

#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/secret_bytes.h"

namespace recount::crypto {

inline constexpr size_t kAeadKeySize = 32;
inline constexpr size_t kAeadNonceSize = 24;
inline constexpr size_t kAeadTagSize = 16;
inline constexpr size_t kAeadOverhead = kAeadNonceSize + kAeadTagSize;

Result<Bytes> AeadSeal(const SecretBytes& key, ByteSpan associated_data, ByteSpan plaintext);
Result<Bytes> AeadOpen(const SecretBytes& key, ByteSpan associated_data, ByteSpan sealed);
// As AeadOpen, for plaintexts that are themselves secrets (wrapped keys); must be non-empty.
Result<SecretBytes> AeadOpenToSecret(const SecretBytes& key, ByteSpan associated_data,
                                     ByteSpan sealed);

// Known-answer interface with a caller-chosen nonce, for test vectors only (reusing a nonce with
// the same key destroys confidentiality and integrity). Output / input is ciphertext || tag.
// kInvalidArgument for a key or nonce of the wrong size.
Result<Bytes> AeadEncryptWithNonceForTesting(ByteSpan key, ByteSpan nonce, ByteSpan associated_data,
                                             ByteSpan plaintext);
Result<Bytes> AeadDecryptWithNonce(ByteSpan key, ByteSpan nonce, ByteSpan associated_data,
                                   ByteSpan ciphertext_and_tag);

}  // namespace recount::crypto
