#include "crypto/blocking_key.h"

#include <sodium.h>

#include "crypto/encoding.h"
#include "crypto/sodium_init.h"
#include "crypto/wire.h"

namespace recount::crypto {

static_assert(crypto_kdf_CONTEXTBYTES == 8);

Result<BlockingKeyHasher> BlockingKeyHasher::FromVaultKey(const SecretBytes& vault_key,
                                                          uint64_t subkey_id) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  if (vault_key.size() != crypto_kdf_KEYBYTES) {
    return InvalidArgument("the identity-vault key must be 32 bytes");
  }
  BlockingKeyHasher h;
  ASSIGN_OR_RETURN(h.key_, SecretBytes::Allocate(crypto_generichash_KEYBYTES));
  crypto_kdf_derive_from_key(h.key_.data(), h.key_.size(), subkey_id, "rcblock1", vault_key.data());
  return h;
}

Result<std::string> BlockingKeyHasher::Token(std::string_view kind,
                                             std::string_view normalized_value) const {
  if (kind.empty()) return InvalidArgument("a blocking-key kind is required (e.g. 'surname.rr')");
  Bytes input;
  wire::PutLengthPrefixed(input, kind);
  wire::PutLengthPrefixed(input, normalized_value);
  uint8_t out[32];
  crypto_generichash(out, sizeof(out), input.data(), input.size(), key_.data(), key_.size());
  sodium_memzero(input.data(), input.size());
  return HexEncode(out);
}

}  // namespace recount::crypto
