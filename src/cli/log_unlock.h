// How commands get the log signing key (docs/security.md section 7.2): from the store master key,
// unlocked with the store credential (credentials.h: $RECOUNT_KEY_FILE, $RECOUNT_PASSPHRASE or a
// prompt). Every command that changes the store calls PrepareStoreForWriting first, so each of
// its write transactions signs a checkpoint; the log names the actor from $RECOUNT_ACTOR, else
// the login name.
#pragma once

#include <memory>

#include "app/identity_vault.h"
#include "base/result.h"
#include "cli/command.h"
#include "crypto/key_ring.h"
#include "crypto/signed_note.h"
#include "storage/store.h"

namespace recount::cli {

// The log key, or nullptr when no store credential is available and `required` is false. A
// wrong credential is always an error.
Result<std::shared_ptr<crypto::NoteSigner>> UnlockLogKey(storage::Store& store, bool required,
                                                         CommandContext& ctx);

// Sets the actor and attaches the checkpoint signer; kFailedPrecondition (saying how to unlock)
// when the store cannot be unlocked.
Status PrepareStoreForWriting(storage::Store& store, CommandContext& ctx);
// Logs the identities `reader` decrypted (app/identity_reads.h), signed: unlocks the store key
// for that if the command has not done so. Call once, after the command has read them.
Status LogIdentityReads(storage::Store& store, const app::IdentityReader& reader,
                        std::string_view command, CommandContext& ctx);

// The same with a store credential the command already holds (init, passwd).
Status PrepareStoreForWriting(storage::Store& store, const crypto::Credential& store_credential);
// The same with the store master key already unlocked (import, edit: they seal narratives with
// it), so the store is not unlocked a second time.
Status PrepareStoreForWriting(storage::Store& store, const crypto::SecretBytes& master_key);

}  // namespace recount::cli
