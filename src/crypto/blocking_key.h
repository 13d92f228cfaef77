// Keyed hashes for linkage blocking keys and search tokens, so that the store can index "records
// whose surname romanises to KIM and who were born in 1985" without storing the name.
//
//   hashing key = crypto_kdf(vault key, subkey id, context "rcblock1")   (BLAKE2b-based KDF)
//   token       = BLAKE2b-256 keyed with the hashing key over
//                 u32 len(kind) || kind || u32 len(value) || value
//
// The `kind` (e.g. "surname.rr", "birth_year") separates token spaces so equal strings of different
// fields do not collide. Without the vault key, tokens cannot be recomputed from guessed names (a
// plain hash could be reversed by hashing a list of common Korean names), but anyone who sees the
// tokens learns which records share a value (equality is the point of a blocking key). Values
// should be normalised by the caller (linkage/normalize) before hashing. Rotating `subkey_id`
// invalidates all tokens (re-index).
//
// Ownership: the hasher owns its derived key (SecretBytes). Errors: kInvalidArgument for a vault
// key that is not 32 bytes or an empty kind. Thread-safety: Token() is const and may be called
// concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/secret_bytes.h"

namespace recount::crypto {

class BlockingKeyHasher {
 public:
  static Result<BlockingKeyHasher> FromVaultKey(const SecretBytes& vault_key,
                                                uint64_t subkey_id = 1);

  // 64 lower-case hex characters (256-bit token).
  Result<std::string> Token(std::string_view kind, std::string_view normalized_value) const;

 private:
  BlockingKeyHasher() = default;
  SecretBytes key_;
};

}  // namespace recount::crypto
