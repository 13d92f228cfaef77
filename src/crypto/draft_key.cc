#include "crypto/draft_key.h"

#include <sodium.h>

#include "crypto/sodium_init.h"

namespace recount::crypto {

Result<SecretBytes> DeriveDraftKey(const SecretBytes& master_key, int64_t user_id) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  if (master_key.size() != crypto_kdf_KEYBYTES) {
    return InvalidArgument("the store master key must be 32 bytes");
  }
  if (user_id <= 0) return InvalidArgument("a draft key needs a user account id (> 0)");
  static_assert(kDraftKeySize >= crypto_kdf_BYTES_MIN && kDraftKeySize <= crypto_kdf_BYTES_MAX);
  ASSIGN_OR_RETURN(SecretBytes key, SecretBytes::Allocate(kDraftKeySize));
  crypto_kdf_derive_from_key(key.data(), key.size(), static_cast<uint64_t>(user_id), "rcdraft1",
                             master_key.data());
  return key;
}

}  // namespace recount::crypto
