#include "cli/narrative_unlock.h"

#include "app/store_keys.h"
#include "cli/credentials.h"

namespace recount::cli {

Result<NarrativeAccess> OpenNarratives(storage::Store& store, NarrativeNeed need,
                                       std::string_view why, CommandContext& ctx) {
  NarrativeAccess access;
  Result<std::optional<crypto::KeyRing>> loaded = app::LoadStoreKeys(store);
  if (!loaded.ok()) {
    if (need == NarrativeNeed::kRequired) return loaded.status();
    // A damaged key ring: coded data stays readable, the narratives stay sealed; say why.
    *ctx.err << "recount: " << loaded.status().message() << "; narratives stay sealed\n";
    return access;
  }
  std::optional<crypto::KeyRing>& ring = *loaded;
  if (!ring) return access;  // legacy store: narratives are plain text
  ASSIGN_OR_RETURN(std::optional<crypto::Credential> credential,
                   CredentialForUnlock(KeySlot::kStore,
                                       /*allow_skip=*/need == NarrativeNeed::kOptional, ctx));
  if (!credential) {
    if (need == NarrativeNeed::kOptional) return access;
    return FailedPrecondition("recount needs the store key to " + std::string(why) +
                              " (narratives are sealed under it): set RECOUNT_PASSPHRASE or "
                              "RECOUNT_KEY_FILE, or run at a terminal to be asked");
  }
  ASSIGN_OR_RETURN(crypto::SecretBytes master,
                   ring->Unlock(crypto::KeySlotKind::kStoreMaster, *credential));
  ASSIGN_OR_RETURN(std::unique_ptr<app::RecordSealer> sealer,
                   app::RecordSealer::FromMasterKey(master));
  access.reader = app::NarrativeReader::Unlocked(std::move(sealer));
  access.master_key = std::move(master);
  return access;
}

}  // namespace recount::cli
