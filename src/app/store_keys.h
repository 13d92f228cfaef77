// Use cases for the store's keys (docs/security.md section 3): create the key ring at init, unlock
// the identity vault, change a passphrase (or switch to a key file), and make or read key files.
//
// The key ring (crypto/key_ring.h) lives inside the store (Store::LoadKeyRing), so one file is
// one store and its backups carry their wrapped keys. A store without a key ring was made before
// encryption ("legacy"): its identities are plain JSON; recount reads them but refuses to import
// into it.
//
// Errors: kUnauthenticated (wrong passphrase or key file), kDataLoss (damaged key ring),
// kFailedPrecondition (legacy store, or the key ring changed meanwhile), kAlreadyExists (a key
// file path that exists), kInvalidArgument (identical credentials). Nothing is changed on error.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "app/identity_vault.h"
#include "base/result.h"
#include "crypto/kdf.h"
#include "crypto/key_ring.h"
#include "storage/store.h"

namespace recount::app {

// Creates the key ring of a new store (which must have none yet).
Status CreateStoreKeys(storage::Store& store, const crypto::Credential& store_credential,
                       const crypto::Credential& vault_credential, crypto::KdfStrength strength);

// The store's key ring; nullopt for a legacy store. kDataLoss names the store when damaged.
Result<std::optional<crypto::KeyRing>> LoadStoreKeys(storage::Store& store);

// Unlocks the identity vault (one Argon2id derivation for a passphrase slot).
Result<std::unique_ptr<IdentityVault>> UnlockIdentityVault(const crypto::KeyRing& ring,
                                                           const crypto::Credential& credential);

// Re-wraps one slot's key under `fresh` after checking `old`, and replaces the store's key ring
// atomically; no data is re-encrypted. Refuses a `fresh` credential that also opens the other
// slot (both passphrases would then be the same).
Status ChangeStoreCredential(storage::Store& store, crypto::KeySlotKind kind,
                             const crypto::Credential& old, const crypto::Credential& fresh,
                             crypto::KdfStrength strength);

// Writes a new key file of 32 random bytes at `path`, readable by its owner only; refuses to
// overwrite an existing file.
Status CreateKeyFile(const std::string& path);
// Reads a key file (32 bytes to 1 MiB) as a credential.
Result<crypto::Credential> ReadKeyFile(const std::string& path);

}  // namespace recount::app
