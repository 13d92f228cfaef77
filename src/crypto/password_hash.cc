#include "crypto/password_hash.h"

#include <sodium.h>

#include "crypto/sodium_init.h"

namespace recount::crypto {
namespace {

void Limits(PasswordStrength strength, unsigned long long* ops, size_t* mem) {
  if (strength == PasswordStrength::kTestingOnlyInsecure) {
    *ops = crypto_pwhash_argon2id_OPSLIMIT_MIN;
    *mem = crypto_pwhash_argon2id_MEMLIMIT_MIN;
  } else {
    *ops = crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE;
    *mem = crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE;
  }
}

}  // namespace

Result<std::string> HashPassword(std::string_view password, PasswordStrength strength) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  if (password.empty()) return InvalidArgument("the password is empty");
  if (password.size() > kMaxPasswordBytes) {
    return InvalidArgument("the password is longer than " + std::to_string(kMaxPasswordBytes) +
                           " bytes");
  }
  unsigned long long ops;
  size_t mem;
  Limits(strength, &ops, &mem);
  char out[crypto_pwhash_argon2id_STRBYTES];
  if (crypto_pwhash_argon2id_str(out, password.data(), password.size(), ops, mem) != 0) {
    return ResourceExhausted("not enough memory to hash the password (Argon2id needs " +
                             std::to_string(mem >> 20) + " MiB)");
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view password, std::string_view encoded) {
  if (!EnsureCryptoInitialized().ok()) return false;
  if (password.empty() || password.size() > kMaxPasswordBytes) return false;
  if (encoded.empty() || encoded.size() >= crypto_pwhash_argon2id_STRBYTES) return false;
  if (encoded.substr(0, 10) != "$argon2id$") return false;
  std::string z(encoded);  // NUL-terminated copy for the C API
  return crypto_pwhash_argon2id_str_verify(z.c_str(), password.data(), password.size()) == 0;
}

bool PasswordNeedsRehash(std::string_view encoded, PasswordStrength strength) {
  if (!EnsureCryptoInitialized().ok()) return true;
  unsigned long long ops;
  size_t mem;
  Limits(strength, &ops, &mem);
  std::string z(encoded);
  return crypto_pwhash_argon2id_str_needs_rehash(z.c_str(), ops, mem) != 0;
}

const std::string& DummyPasswordHash(PasswordStrength strength) {
  // Each preset's hash is made on first use only (the interactive one costs a real hash).
  auto make = [](PasswordStrength s) {
    auto h = HashPassword("recount-dummy-password-for-unknown-users", s);
    return h.ok() ? *h : std::string();
  };
  if (strength == PasswordStrength::kInteractive) {
    static const std::string interactive = make(PasswordStrength::kInteractive);
    return interactive;
  }
  static const std::string testing = make(PasswordStrength::kTestingOnlyInsecure);
  return testing;
}

}  // namespace recount::crypto
