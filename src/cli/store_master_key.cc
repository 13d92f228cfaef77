#include "cli/store_master_key.h"

#include "app/store_keys.h"
#include "cli/credentials.h"

namespace recount::cli {

Result<UnlockedStore> UnlockStoreMasterKey(storage::Store& store, CommandContext& ctx,
                                           std::string_view why) {
  ASSIGN_OR_RETURN(std::optional<crypto::KeyRing> ring, app::LoadStoreKeys(store));
  if (!ring) {
    return FailedPrecondition(store.location() +
                              " has no keys (made before encryption), so it cannot " +
                              std::string(why) + "; create a new store with 'recount init'");
  }
  ASSIGN_OR_RETURN(std::optional<crypto::Credential> credential,
                   CredentialForUnlock(KeySlot::kStore, /*allow_skip=*/false, ctx));
  if (!credential) {
    return FailedPrecondition("recount needs the store key to " + std::string(why) +
                              ": set RECOUNT_PASSPHRASE or RECOUNT_KEY_FILE, or run at a "
                              "terminal to be asked");
  }
  ASSIGN_OR_RETURN(crypto::SecretBytes master,
                   ring->Unlock(crypto::KeySlotKind::kStoreMaster, *credential));
  return UnlockedStore{std::move(*credential), std::move(master)};
}

}  // namespace recount::cli
