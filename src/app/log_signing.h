// The key that signs the tamper-evident log's checkpoints (docs/security.md section 7.2).
//
// It is derived from the store master key (crypto::NoteSigner::DeriveFromKey, context
// "rclogsig"), so it is never stored and anyone who can unlock the store can sign, while someone
// with only the database file cannot. Its name, which is also the checkpoints' origin line, is
// "recount/log-<key id>" — unique per store. The public key (vkey) is recorded in the store as
// the setting "log_vkey" and printed by `recount init` and `recount audit verify`, for the
// organisation and its partners to keep: verification against a kept copy rules out a replaced
// key.
#pragma once

#include <memory>

#include "base/result.h"
#include "crypto/secret_bytes.h"
#include "crypto/signed_note.h"
#include "storage/store.h"

namespace recount::app {

Result<crypto::NoteSigner> DeriveLogKey(const crypto::SecretBytes& master_key);

// From now on every write through `store` signs a checkpoint with `key`; records the public key
// in the store when it has none yet (kFailedPrecondition if it holds a different one).
Status AttachLogSigner(storage::Store& store, std::shared_ptr<const crypto::NoteSigner> key);

}  // namespace recount::app
