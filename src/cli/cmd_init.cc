#include <filesystem>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/store_keys.h"
#include "cli/commands.h"
#include "cli/credentials.h"
#include "cli/log_unlock.h"
#include "storage/store.h"

namespace recount::cli {
namespace {

struct InitOptions {
  std::string new_key_file, key_file, new_vault_key_file, vault_key_file;
  std::string kdf = "moderate";
};

// The credential of one slot at init: a key-file option, else the slot's key-file variable, else
// its passphrase variable, else a passphrase typed twice at a terminal.
Result<crypto::Credential> InitCredential(KeySlot slot, const std::string& new_key_file,
                                          const std::string& key_file, std::string* created,
                                          CommandContext& ctx) {
  ASSIGN_OR_RETURN(std::optional<crypto::Credential> from_file,
                   KeyFileOption(new_key_file, key_file, created));
  if (from_file) return std::move(*from_file);
  const char* key_file_env = slot == KeySlot::kStore ? "RECOUNT_KEY_FILE" : "RECOUNT_VAULT_KEY_FILE";
  if (const char* path = std::getenv(key_file_env); path != nullptr && *path != '\0') {
    Result<crypto::Credential> c = app::ReadKeyFile(path);
    if (!c.ok()) return c.status().WithContext(std::string("$") + key_file_env);
    return c;
  }
  return NewPassphrase(slot,
                       slot == KeySlot::kStore ? "RECOUNT_PASSPHRASE" : "RECOUNT_VAULT_PASSPHRASE",
                       ctx);
}

// Removes the half-made store: the SQLite files, or the tables made in a PostgreSQL database.
void RemoveStoreFiles(const std::string& path) {
  storage::RemoveNewStore(path).IgnoreError();
}

}  // namespace

Command InitCommand() {
  return {"init", "create a new, empty store and its keys",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto o = std::make_shared<InitOptions>();
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            sub.add_option("--new-key-file", o->new_key_file,
                           "protect the store key with a new key file written here (instead of "
                           "a passphrase)");
            sub.add_option("--key-file", o->key_file,
                           "protect the store key with this existing key file");
            sub.add_option("--new-vault-key-file", o->new_vault_key_file,
                           "protect the identity-vault key with a new key file written here");
            sub.add_option("--vault-key-file", o->vault_key_file,
                           "protect the identity-vault key with this existing key file");
            sub.add_option("--kdf", o->kdf,
                           "Argon2id strength for passphrases: moderate (256 MiB, ~1 s) or "
                           "sensitive (1 GiB, several s)")
                ->check(CLI::IsMember({"moderate", "sensitive"}));
            sub.footer(
                "Two secrets are set: the store passphrase and the identity-vault passphrase "
                "(must differ; only vault holders can read names). They are typed at the prompt, "
                "or taken from RECOUNT_PASSPHRASE / RECOUNT_VAULT_PASSPHRASE, or replaced by key "
                "files (options above, or RECOUNT_KEY_FILE / RECOUNT_VAULT_KEY_FILE). Never pass "
                "a passphrase as an argument. See docs/security.md.");
            return [&ctx, o]() -> Status {
              std::string path = ResolveStorePath(ctx);
              std::error_code ec;
              if (std::filesystem::exists(path, ec)) {
                return AlreadyExists("a store already exists at " + path +
                                     "; use it, or choose another path with --store");
              }
              const crypto::KdfStrength strength = o->kdf == "sensitive"
                                                       ? crypto::KdfStrength::kSensitive
                                                       : crypto::KdfStrength::kModerate;
              std::string created_store_file, created_vault_file;
              auto cleanup_key_files = [&] {
                if (!created_store_file.empty()) std::filesystem::remove(created_store_file, ec);
                if (!created_vault_file.empty()) std::filesystem::remove(created_vault_file, ec);
              };
              Result<crypto::Credential> store_credential = InitCredential(
                  KeySlot::kStore, o->new_key_file, o->key_file, &created_store_file, ctx);
              if (!store_credential.ok()) {
                cleanup_key_files();
                return store_credential.status();
              }
              Result<crypto::Credential> vault_credential =
                  InitCredential(KeySlot::kVault, o->new_vault_key_file, o->vault_key_file,
                                 &created_vault_file, ctx);
              if (!vault_credential.ok()) {
                cleanup_key_files();
                return vault_credential.status();
              }
              auto store = storage::OpenStore(path, storage::OpenMode::kCreate);
              if (!store.ok()) {
                cleanup_key_files();
                return store.status();
              }
              Status keys =
                  app::CreateStoreKeys(**store, *store_credential, *vault_credential, strength);
              if (!keys.ok()) {
                store->reset();
                RemoveStoreFiles(path);
                cleanup_key_files();
                return keys.WithContext("creating the keys of " + path +
                                        " (no store was created)");
              }
              // Sign the log from its first entry (the key ring's creation).
              Status signing = PrepareStoreForWriting(**store, *store_credential);
              if (signing.ok()) {
                storage::AuditEntry created;
                created.op = "init";
                created.detail = "store created";
                signing = (*store)->AppendAuditEntry(std::move(created)).status();
              }
              if (!signing.ok()) {
                store->reset();
                RemoveStoreFiles(path);
                cleanup_key_files();
                return signing.WithContext("signing the first log checkpoint of " + path +
                                           " (no store was created)");
              }
              if (ctx.global.json) {
                *ctx.out << nlohmann::json{{"store", path},
                                           {"schema_version", (*store)->schema_version()},
                                           {"encrypted", true}}
                                .dump()
                         << "\n";
              } else {
                *ctx.out << "Created store " << path << " (schema version "
                         << (*store)->schema_version()
                         << ") with its keys: identities will be encrypted under the "
                            "identity-vault key.\n";
                Result<std::optional<std::string>> vkey = (*store)->GetSetting("log_vkey");
                if (vkey.ok() && *vkey) {
                  *ctx.out << "Its tamper-evident log is signed with this public key; keep a copy "
                              "outside the store and give it to partners who verify it:\n  "
                           << **vkey << "\n";
                }
                for (const std::string& f : {created_store_file, created_vault_file}) {
                  if (!f.empty()) {
                    *ctx.out << "Wrote key file " << f
                             << ": keep it away from the store and back it up; without it the "
                                "data cannot be opened.\n";
                  }
                }
                *ctx.out << "Next: recount import --store " << path
                         << " --source NAME FILE.csv\n";
              }
              return Status();
            };
          }};
}

}  // namespace recount::cli
