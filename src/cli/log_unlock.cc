#include "cli/log_unlock.h"

#include <cstdlib>

#include "app/identity_reads.h"
#include "app/log_signing.h"
#include "app/store_keys.h"
#include "cli/credentials.h"

namespace recount::cli {
namespace {

std::string Actor() {
  for (const char* var : {"RECOUNT_ACTOR", "USER", "LOGNAME"}) {
    const char* v = std::getenv(var);
    if (v != nullptr && *v != '\0') return v;
  }
  return "unknown";
}

}  // namespace

Result<std::shared_ptr<crypto::NoteSigner>> UnlockLogKey(storage::Store& store, bool required,
                                                         CommandContext& ctx) {
  ASSIGN_OR_RETURN(std::optional<crypto::KeyRing> ring, app::LoadStoreKeys(store));
  if (!ring) {
    if (!required) return std::shared_ptr<crypto::NoteSigner>();
    return FailedPrecondition(store.location() +
                              " has no keys (made before encryption): its changes cannot be "
                              "signed; create a new store with 'recount init' and import again");
  }
  ASSIGN_OR_RETURN(std::optional<crypto::Credential> credential,
                   CredentialForUnlock(KeySlot::kStore, /*allow_skip=*/!required, ctx));
  if (!credential) {
    if (!required) return std::shared_ptr<crypto::NoteSigner>();
    return FailedPrecondition(
        "changing the store needs the store key, to sign its tamper-evident log: set "
        "RECOUNT_PASSPHRASE or RECOUNT_KEY_FILE, or run at a terminal to be asked");
  }
  ASSIGN_OR_RETURN(crypto::SecretBytes master,
                   ring->Unlock(crypto::KeySlotKind::kStoreMaster, *credential));
  ASSIGN_OR_RETURN(crypto::NoteSigner key, app::DeriveLogKey(master));
  return std::make_shared<crypto::NoteSigner>(std::move(key));
}

Status PrepareStoreForWriting(storage::Store& store, const crypto::Credential& store_credential) {
  store.SetActor(Actor());
  ASSIGN_OR_RETURN(std::optional<crypto::KeyRing> ring, app::LoadStoreKeys(store));
  if (!ring) return FailedPrecondition(store.location() + " has no keys");
  ASSIGN_OR_RETURN(crypto::SecretBytes master,
                   ring->Unlock(crypto::KeySlotKind::kStoreMaster, store_credential));
  return PrepareStoreForWriting(store, master);
}

Status PrepareStoreForWriting(storage::Store& store, const crypto::SecretBytes& master_key) {
  store.SetActor(Actor());
  ASSIGN_OR_RETURN(crypto::NoteSigner key, app::DeriveLogKey(master_key));
  return app::AttachLogSigner(store, std::make_shared<crypto::NoteSigner>(std::move(key)));
}

Status LogIdentityReads(storage::Store& store, const app::IdentityReader& reader,
                        std::string_view command, CommandContext& ctx) {
  if (reader.read_ids().empty()) return Status();
  RETURN_IF_ERROR(PrepareStoreForWriting(store, ctx)
                      .WithContext("identities were read, and reading them is logged"));
  return app::LogIdentityReads(store, reader, command);
}

Status PrepareStoreForWriting(storage::Store& store, CommandContext& ctx) {
  store.SetActor(Actor());
  ASSIGN_OR_RETURN(std::shared_ptr<crypto::NoteSigner> key,
                   UnlockLogKey(store, /*required=*/true, ctx));
  return app::AttachLogSigner(store, std::move(key));
}

}  // namespace recount::cli
