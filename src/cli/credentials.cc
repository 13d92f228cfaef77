#include "cli/credentials.h"

#include <termios.h>
#include <unistd.h>

#include <cstdlib>
#include <ostream>

#include "app/store_keys.h"
#include "crypto/envelope.h"

namespace recount::cli {
namespace {

constexpr size_t kMaxPassphrase = 1024;

struct SlotNames {
  const char* key_file_env;
  const char* passphrase_env;
  const char* label;
};

SlotNames Names(KeySlot slot) {
  if (slot == KeySlot::kStore) return {"RECOUNT_KEY_FILE", "RECOUNT_PASSPHRASE", "store"};
  return {"RECOUNT_VAULT_KEY_FILE", "RECOUNT_VAULT_PASSPHRASE", "identity-vault"};
}

const char* Env(const char* name) {
  const char* v = std::getenv(name);
  return (v != nullptr && *v != '\0') ? v : nullptr;
}

// Reads one line from the terminal on stdin without echo. Returns an empty credential-less
// result (nullopt) for an empty line.
Result<std::optional<crypto::Credential>> PromptHidden(const std::string& prompt,
                                                       CommandContext& ctx) {
  *ctx.err << prompt << std::flush;
  termios saved{};
  const bool have_termios = tcgetattr(STDIN_FILENO, &saved) == 0;
  if (have_termios) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  ASSIGN_OR_RETURN(crypto::SecretBytes buf, crypto::SecretBytes::Allocate(kMaxPassphrase));
  size_t len = 0;
  bool too_long = false;
  while (true) {
    char c = 0;
    ssize_t n = ::read(STDIN_FILENO, &c, 1);
    if (n <= 0 || c == '\n' || c == '\r') break;
    if (len < kMaxPassphrase) {
      buf.data()[len++] = static_cast<uint8_t>(c);
    } else {
      too_long = true;
    }
  }
  if (have_termios) tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  if (too_long) return InvalidArgument("the passphrase is longer than 1024 bytes");
  if (len == 0) return std::optional<crypto::Credential>();
  ASSIGN_OR_RETURN(crypto::Credential c,
                   crypto::Credential::Passphrase(std::string_view(
                       reinterpret_cast<const char*>(buf.data()), len)));
  return std::optional<crypto::Credential>(std::move(c));
}

}  // namespace

bool StdinIsTerminal() { return isatty(STDIN_FILENO) == 1; }

Result<std::optional<crypto::Credential>> CredentialForUnlock(KeySlot slot, bool allow_skip,
                                                              CommandContext& ctx) {
  const SlotNames names = Names(slot);
  if (const char* path = Env(names.key_file_env)) {
    Result<crypto::Credential> c = app::ReadKeyFile(path);
    if (!c.ok()) return c.status().WithContext(std::string("$") + names.key_file_env);
    return std::optional<crypto::Credential>(std::move(*c));
  }
  if (const char* pass = Env(names.passphrase_env)) {
    ASSIGN_OR_RETURN(crypto::Credential c, crypto::Credential::Passphrase(pass));
    return std::optional<crypto::Credential>(std::move(c));
  }
  if (!StdinIsTerminal()) return std::optional<crypto::Credential>();
  std::string prompt = std::string(names.label) + " passphrase";
  if (allow_skip) prompt += " (Enter to continue with identities locked)";
  prompt += ": ";
  return PromptHidden(prompt, ctx);
}

Result<crypto::Credential> NewUserPassword(std::string_view user, CommandContext& ctx) {
  if (const char* pass = Env("RECOUNT_USER_PASSWORD")) return crypto::Credential::Passphrase(pass);
  if (!StdinIsTerminal()) {
    return InvalidArgument("no password for user '" + std::string(user) +
                           "': type it at a terminal or set $RECOUNT_USER_PASSWORD");
  }
  const std::string who = "password for user '" + std::string(user) + "': ";
  ASSIGN_OR_RETURN(std::optional<crypto::Credential> first, PromptHidden("new " + who, ctx));
  if (!first) return InvalidArgument("the password is empty; nothing was changed");
  ASSIGN_OR_RETURN(std::optional<crypto::Credential> second,
                   PromptHidden("repeat the new " + who, ctx));
  if (!second || !first->SameAs(*second)) {
    return InvalidArgument("the two passwords differ; nothing was changed");
  }
  return std::move(*first);
}

Result<crypto::Credential> NewPassphrase(KeySlot slot, const char* env_name,
                                         CommandContext& ctx) {
  const SlotNames names = Names(slot);
  if (const char* pass = Env(env_name)) return crypto::Credential::Passphrase(pass);
  if (!StdinIsTerminal()) {
    return InvalidArgument(std::string("no new ") + names.label + " passphrase: type it at a "
                           "terminal, set $" + env_name + ", or use a key file (--new-key-file / "
                           "--key-file" + (slot == KeySlot::kVault ? ", vault variants" : "") +
                           ")");
  }
  ASSIGN_OR_RETURN(std::optional<crypto::Credential> first,
                   PromptHidden(std::string("new ") + names.label + " passphrase: ", ctx));
  if (!first) return InvalidArgument("the passphrase is empty; nothing was changed");
  ASSIGN_OR_RETURN(std::optional<crypto::Credential> second,
                   PromptHidden(std::string("repeat the new ") + names.label + " passphrase: ",
                                ctx));
  if (!second || !first->SameAs(*second)) {
    return InvalidArgument("the two passphrases differ; nothing was changed");
  }
  return std::move(*first);
}

Result<std::optional<crypto::Credential>> KeyFileOption(const std::string& new_key_file,
                                                        const std::string& key_file,
                                                        std::string* created) {
  if (!new_key_file.empty() && !key_file.empty()) {
    return InvalidArgument("give either a new key file or an existing one, not both");
  }
  std::string path = key_file;
  if (!new_key_file.empty()) {
    RETURN_IF_ERROR(app::CreateKeyFile(new_key_file));
    *created = new_key_file;
    path = new_key_file;
  }
  if (path.empty()) return std::optional<crypto::Credential>();
  ASSIGN_OR_RETURN(crypto::Credential c, app::ReadKeyFile(path));
  return std::optional<crypto::Credential>(std::move(c));
}

Result<app::IdentityReader> OpenIdentities(storage::Store& store, VaultNeed need,
                                           CommandContext& ctx) {
  ASSIGN_OR_RETURN(std::optional<crypto::KeyRing> ring, app::LoadStoreKeys(store));
  if (!ring) return app::IdentityReader::LegacyPlaintext();
  ASSIGN_OR_RETURN(std::optional<crypto::Credential> credential,
                   CredentialForUnlock(KeySlot::kVault, need == VaultNeed::kOptional, ctx));
  if (!credential) {
    if (need == VaultNeed::kOptional) return app::IdentityReader::Locked();
    return FailedPrecondition(
        "this needs the identity vault unlocked: set RECOUNT_VAULT_PASSPHRASE (or "
        "RECOUNT_VAULT_KEY_FILE to a key file), or run it at a terminal to type the passphrase");
  }
  Result<std::unique_ptr<app::IdentityVault>> vault =
      app::UnlockIdentityVault(*ring, *credential);
  if (!vault.ok()) {
    return Status(vault.status().code(),
                  vault.status().message() +
                      " (from RECOUNT_VAULT_KEY_FILE, RECOUNT_VAULT_PASSPHRASE or the prompt)");
  }
  return app::IdentityReader::Unlocked(std::move(*vault));
}

}  // namespace recount::cli
