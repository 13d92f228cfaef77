#include <filesystem>
#include <ostream>

#include "app/store_keys.h"
#include "cli/commands.h"
#include "cli/credentials.h"
#include "cli/log_unlock.h"
#include "storage/store.h"

namespace recount::cli {

Command PasswdCommand() {
  return {"passwd", "change the store or identity-vault passphrase (or switch to a key file)",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            struct Options {
              bool vault = false;
              std::string new_key_file, key_file;
              std::string kdf = "moderate";
            };
            auto o = std::make_shared<Options>();
            AddStoreOption(sub, ctx);
            sub.add_flag("--vault", o->vault,
                         "change the identity-vault passphrase (default: the store passphrase)");
            sub.add_option("--new-key-file", o->new_key_file,
                           "protect the key with a new key file written here instead");
            sub.add_option("--key-file", o->key_file,
                           "protect the key with this existing key file instead");
            sub.add_option("--kdf", o->kdf, "Argon2id strength: moderate or sensitive")
                ->check(CLI::IsMember({"moderate", "sensitive"}));
            sub.footer(
                "The current secret comes from RECOUNT_PASSPHRASE / RECOUNT_KEY_FILE (with "
                "--vault: RECOUNT_VAULT_PASSPHRASE / RECOUNT_VAULT_KEY_FILE) or the prompt; the "
                "new passphrase from RECOUNT_NEW_PASSPHRASE (RECOUNT_NEW_VAULT_PASSPHRASE) or "
                "the prompt, typed twice. Only the top key is re-wrapped: no data is "
                "re-encrypted, and a failure changes nothing. Copies of the store made before "
                "still open with the old passphrase.");
            return [&ctx, o]() -> Status {
              const KeySlot slot = o->vault ? KeySlot::kVault : KeySlot::kStore;
              const crypto::KeySlotKind kind = o->vault ? crypto::KeySlotKind::kIdentityVault
                                                        : crypto::KeySlotKind::kStoreMaster;
              const std::string label = o->vault ? "identity-vault" : "store";
              ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                              storage::OpenMode::kOpenExisting));
              ASSIGN_OR_RETURN(std::optional<crypto::Credential> old,
                               CredentialForUnlock(slot, /*allow_skip=*/false, ctx));
              if (!old) {
                return InvalidArgument(
                    "the current " + label + " passphrase is needed: type it at a terminal or "
                    "set " + (o->vault ? "RECOUNT_VAULT_PASSPHRASE (or RECOUNT_VAULT_KEY_FILE)"
                                       : "RECOUNT_PASSPHRASE (or RECOUNT_KEY_FILE)"));
              }
              // The change is logged and signed: with the store key we were just given, or (for
              // the vault passphrase) the store credential from the environment or a prompt.
              RETURN_IF_ERROR(o->vault ? PrepareStoreForWriting(*store, ctx)
                                       : PrepareStoreForWriting(*store, *old));
              std::string created;
              Result<std::optional<crypto::Credential>> from_file =
                  KeyFileOption(o->new_key_file, o->key_file, &created);
              if (!from_file.ok()) return from_file.status();
              std::optional<crypto::Credential> fresh = std::move(*from_file);
              if (!fresh) {
                ASSIGN_OR_RETURN(crypto::Credential typed,
                                 NewPassphrase(slot,
                                               o->vault ? "RECOUNT_NEW_VAULT_PASSPHRASE"
                                                        : "RECOUNT_NEW_PASSPHRASE",
                                               ctx));
                fresh = std::move(typed);
              }
              Status changed = app::ChangeStoreCredential(
                  *store, kind, *old, *fresh,
                  o->kdf == "sensitive" ? crypto::KdfStrength::kSensitive
                                        : crypto::KdfStrength::kModerate);
              if (!changed.ok()) {
                if (!created.empty()) {
                  std::error_code ec;
                  std::filesystem::remove(created, ec);
                }
                return changed.WithContext("nothing was changed");
              }
              *ctx.out << "Changed the " << label << " "
                       << (fresh->type() == crypto::Credential::Type::kKeyFile ? "key file"
                                                                                : "passphrase")
                       << " of " << store->location()
                       << ". Backups made before still open with the old one: replace them.\n";
              if (!created.empty()) {
                *ctx.out << "Wrote key file " << created
                         << ": keep it away from the store and back it up.\n";
              }
              return Status();
            };
          }};
}

}  // namespace recount::cli
