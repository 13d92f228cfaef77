// Where the CLI gets passphrases and key files, and how a command opens the identity vault
// (docs/security.md section 3, "Unlocking").
//
// A passphrase never comes from a command-line argument (it would show in `ps` and shell history).
// For unlocking, in this order:
//   store slot:  $RECOUNT_KEY_FILE (path of a key file), $RECOUNT_PASSPHRASE, a prompt
//   vault slot:  $RECOUNT_VAULT_KEY_FILE, $RECOUNT_VAULT_PASSPHRASE, a prompt
// The prompt is used only when stdin is a terminal, and does not echo. New passphrases (init,
// passwd) are asked twice; non-interactively they come from $RECOUNT_PASSPHRASE /
// $RECOUNT_VAULT_PASSPHRASE at init and $RECOUNT_NEW_PASSPHRASE / $RECOUNT_NEW_VAULT_PASSPHRASE at
// passwd.
#pragma once

#include <optional>
#include <string>

#include "app/identity_vault.h"
#include "base/result.h"
#include "cli/command.h"
#include "crypto/key_ring.h"
#include "storage/store.h"

namespace recount::cli {

enum class KeySlot { kStore, kVault };

bool StdinIsTerminal();

// The credential that unlocks `slot`, from the environment or a prompt; nullopt when none is
// available (no variable set and no terminal, or with `allow_skip` an empty answer at the prompt).
Result<std::optional<crypto::Credential>> CredentialForUnlock(KeySlot slot, bool allow_skip,
                                                              CommandContext& ctx);

// A new passphrase for `slot`: from $`env_name` when set, else asked twice at a terminal.
Result<crypto::Credential> NewPassphrase(KeySlot slot, const char* env_name, CommandContext& ctx);

// A new web-account password for `user`: from $RECOUNT_USER_PASSWORD when set, else asked twice
// at a terminal.
Result<crypto::Credential> NewUserPassword(std::string_view user, CommandContext& ctx);

// A key-file credential from --new-key-file (created, must not exist) or --key-file (existing);
// nullopt when neither is given. Both given is kInvalidArgument. `created` is set to the path of a
// file it created (so the caller can remove it if a later step fails).
Result<std::optional<crypto::Credential>> KeyFileOption(const std::string& new_key_file,
                                                        const std::string& key_file,
                                                        std::string* created);

enum class VaultNeed {
  kRequired,  // the command cannot work without identities (import, link, export of identities)
  kOptional,  // the command works on coded data and says so when identities are locked
};

// How the command reads identities from `store`: unlocked with the vault credential, locked (only
// with kOptional), or a legacy store's plain identities. A wrong passphrase or key file is an
// error even for kOptional.
Result<app::IdentityReader> OpenIdentities(storage::Store& store, VaultNeed need,
                                           CommandContext& ctx);

// The line commands print on stderr when identities are locked.
inline constexpr const char* kIdentitiesLockedNote =
    "identities are locked: the identity vault was not unlocked (set RECOUNT_VAULT_PASSPHRASE or "
    "RECOUNT_VAULT_KEY_FILE, or type the passphrase at a terminal); only coded data is shown";

}  // namespace recount::cli
