// The store master key for commands that encrypt or decrypt evidence files (attach, attachment
// get, export --evidence): unlocked from the key ring with the store credential
// (credentials.h: $RECOUNT_KEY_FILE, $RECOUNT_PASSPHRASE or a prompt). The key lives in guarded
// memory and is wiped when the returned SecretBytes goes away.
#pragma once

#include "base/result.h"
#include "cli/command.h"
#include "crypto/key_ring.h"
#include "crypto/secret_bytes.h"
#include "storage/store.h"

namespace recount::cli {

struct UnlockedStore {
  crypto::Credential credential;  // to pass on to PrepareStoreForWriting
  crypto::SecretBytes master_key;
};

// kFailedPrecondition for a store without keys or when no credential is available (the message
// says how to give one); kUnauthenticated for a wrong one. `why` completes "... needs the store
// key to ...".
Result<UnlockedStore> UnlockStoreMasterKey(storage::Store& store, CommandContext& ctx,
                                           std::string_view why);

}  // namespace recount::cli
