#include "app/log_signing.h"

#include <cstdio>

#include "crypto/checkpoint.h"

namespace recount::app {

Result<crypto::NoteSigner> DeriveLogKey(const crypto::SecretBytes& master_key) {
  constexpr std::string_view kContext = "rclogsig";
  // The key id depends on the name, the name on the key: derive once to learn the key, then name
  // it after its own id (same seed, so the same Ed25519 key).
  ASSIGN_OR_RETURN(crypto::NoteSigner provisional,
                   crypto::NoteSigner::DeriveFromKey("recount-log", master_key, kContext));
  char id[9];
  std::snprintf(id, sizeof id, "%08x", provisional.key_id());
  return crypto::NoteSigner::DeriveFromKey("recount/log-" + std::string(id), master_key,
                                           kContext);
}

Status AttachLogSigner(storage::Store& store, std::shared_ptr<const crypto::NoteSigner> key) {
  const std::string vkey = key->verifier().Vkey();
  ASSIGN_OR_RETURN(std::optional<std::string> stored, store.GetSetting("log_vkey"));
  if (!stored) {
    RETURN_IF_ERROR(store.PutSetting("log_vkey", vkey));
  } else if (*stored != vkey) {
    return FailedPrecondition("the log key recorded in " + store.location() +
                              " is not this store's key: the store was tampered with or its "
                              "key ring replaced; run 'recount audit verify'");
  }
  store.SetCheckpointSigner([key](const storage::LogTreeHead& head) -> Result<std::string> {
    crypto::Checkpoint cp;
    cp.origin = key->name();
    cp.tree_size = head.size;
    cp.root_hash = head.root;
    return crypto::SignCheckpoint(cp, *key);
  });
  return Status();
}

}  // namespace recount::app
