// How commands read sealed narratives (app/record_seal.h; docs/security.md section 5): the store
// master key, unlocked with the store credential (credentials.h: $RECOUNT_KEY_FILE,
// $RECOUNT_PASSPHRASE or a prompt), opens them. The key lives in guarded memory and is wiped when
// the returned value goes away.
#pragma once

#include <optional>
#include <string_view>

#include "app/record_seal.h"
#include "base/result.h"
#include "cli/command.h"
#include "crypto/secret_bytes.h"
#include "storage/store.h"

namespace recount::cli {

enum class NarrativeNeed {
  kRequired,  // the command cannot do its job without them (export, edit)
  kOptional,  // the command shows coded data and says so when narratives stay sealed (show)
};

struct NarrativeAccess {
  app::NarrativeReader reader = app::NarrativeReader::Locked();
  // The unlocked master key, when the reader is unlocked (so a command that also writes can sign
  // with it instead of unlocking the store a second time).
  std::optional<crypto::SecretBytes> master_key;
};

// A store without keys (made before encryption) has only plain narratives: a locked reader reads
// them. kRequired without a credential is kFailedPrecondition saying how to give one (`why`
// completes "... needs the store key to ..."); a wrong credential is always an error. A damaged
// key ring is an error for kRequired; for kOptional it is said on stderr and the reader is locked.
Result<NarrativeAccess> OpenNarratives(storage::Store& store, NarrativeNeed need,
                                       std::string_view why, CommandContext& ctx);

}  // namespace recount::cli
