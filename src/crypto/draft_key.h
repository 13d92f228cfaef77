// The key a signed-in user's browser encrypts intake drafts with (docs/web.md, "Intake drafts").
//
// The intake page keeps an unfinished testimony in the browser's localStorage so that closing the
// browser loses nothing. A draft holds a witness's name, so it is kept there encrypted
// (AES-256-GCM, WebCrypto) under this key, which the page asks `recount serve` for after sign-in
// and holds in memory only. A copied or seized browser profile therefore holds ciphertext; reading
// it needs the store's master key or a sign-in (password and TOTP) as that user.
//
//   draft key = crypto_kdf(master key, subkey id = user account id, context "rcdraft1")
//
// (BLAKE2b-based KDF, as the backup and blocking keys.) One key per account: users sharing a
// browser cannot open each other's drafts. Deterministic, so a draft survives server restarts.
#pragma once

#include <cstdint>

#include "base/result.h"
#include "crypto/secret_bytes.h"

namespace recount::crypto {

inline constexpr size_t kDraftKeySize = 32;

// kInvalidArgument if the master key is not 32 bytes or the account id is not positive.
Result<SecretBytes> DeriveDraftKey(const SecretBytes& master_key, int64_t user_id);

}  // namespace recount::crypto
