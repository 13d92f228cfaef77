#include "crypto/kdf.h"

#include <sodium.h>

#include <string>

#include "crypto/sodium_init.h"

namespace recount::crypto {

static_assert(kKdfSaltSize == crypto_pwhash_argon2id_SALTBYTES);

bool KdfParams::IsBelowModerate() const {
  if (IsKeyFile()) return false;
  return ops_limit < crypto_pwhash_argon2id_OPSLIMIT_MODERATE ||
         memory_bytes < crypto_pwhash_argon2id_MEMLIMIT_MODERATE;
}

Result<KdfParams> NewKdfParams(KdfStrength strength) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  KdfParams p;
  p.algorithm = KdfParams::kArgon2id13;
  switch (strength) {
    case KdfStrength::kModerate:
      p.ops_limit = crypto_pwhash_argon2id_OPSLIMIT_MODERATE;
      p.memory_bytes = crypto_pwhash_argon2id_MEMLIMIT_MODERATE;
      break;
    case KdfStrength::kSensitive:
      p.ops_limit = crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE;
      p.memory_bytes = crypto_pwhash_argon2id_MEMLIMIT_SENSITIVE;
      break;
    case KdfStrength::kTestingOnlyInsecure:
      p.ops_limit = crypto_pwhash_argon2id_OPSLIMIT_MIN;
      p.memory_bytes = crypto_pwhash_argon2id_MEMLIMIT_MIN;
      break;
  }
  randombytes_buf(p.salt.data(), p.salt.size());
  return p;
}

Result<KdfParams> NewKeyFileKdfParams() {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  KdfParams p;
  p.algorithm = KdfParams::kKeyFileBlake2b;
  randombytes_buf(p.salt.data(), p.salt.size());
  return p;
}

Status ValidateKdfParams(const KdfParams& p) {
  if (p.algorithm == KdfParams::kKeyFileBlake2b) {
    if (p.ops_limit != 0 || p.memory_bytes != 0) {
      return InvalidArgument("a key-file slot must have no Argon2id parameters");
    }
    return Status::Ok();
  }
  if (p.algorithm != KdfParams::kArgon2id13) {
    return InvalidArgument("unknown key-derivation algorithm id " + std::to_string(p.algorithm) +
                           " (this recount knows 1 = Argon2id v1.3 and 2 = key file)");
  }
  if (p.ops_limit < crypto_pwhash_argon2id_OPSLIMIT_MIN ||
      p.ops_limit > crypto_pwhash_argon2id_OPSLIMIT_MAX) {
    return InvalidArgument("Argon2id pass count " + std::to_string(p.ops_limit) +
                           " is out of range");
  }
  if (p.memory_bytes < crypto_pwhash_argon2id_MEMLIMIT_MIN || p.memory_bytes > kKdfMaxMemoryBytes ||
      p.memory_bytes > crypto_pwhash_argon2id_MEMLIMIT_MAX) {
    return InvalidArgument("Argon2id memory " + std::to_string(p.memory_bytes) +
                           " bytes is out of range (at most 4 GiB)");
  }
  return Status::Ok();
}

Result<SecretBytes> DeriveKeyFromPassphrase(std::string_view passphrase, const KdfParams& params,
                                            size_t key_size) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  RETURN_IF_ERROR(ValidateKdfParams(params));
  if (params.IsKeyFile()) return InvalidArgument("this slot is protected by a key file");
  if (passphrase.empty()) return InvalidArgument("the passphrase is empty");
  if (key_size < crypto_pwhash_argon2id_BYTES_MIN) {
    return InvalidArgument("derived key too short");
  }
  ASSIGN_OR_RETURN(SecretBytes key, SecretBytes::Allocate(key_size));
  if (crypto_pwhash(key.data(), key.size(), passphrase.data(), passphrase.size(),
                    params.salt.data(), params.ops_limit, static_cast<size_t>(params.memory_bytes),
                    crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return ResourceExhausted("Argon2id could not allocate " +
                             std::to_string(params.memory_bytes >> 20) +
                             " MiB; free memory or unlock on a machine with more RAM");
  }
  return key;
}

Result<SecretBytes> DeriveKeyFromKeyFile(ByteSpan key_file, const KdfParams& params) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  RETURN_IF_ERROR(ValidateKdfParams(params));
  if (!params.IsKeyFile()) return InvalidArgument("this slot is protected by a passphrase");
  if (key_file.size() < kMinKeyFileBytes || key_file.size() > kMaxKeyFileBytes) {
    return InvalidArgument("a key file must hold between 32 bytes and 1 MiB of random data (this "
                           "one has " + std::to_string(key_file.size()) + " bytes)");
  }
  static constexpr char kContext[] = "recount key file kek v1";
  static_assert(kKdfSaltSize >= crypto_generichash_KEYBYTES_MIN);
  ASSIGN_OR_RETURN(SecretBytes key, SecretBytes::Allocate(crypto_generichash_BYTES));
  crypto_generichash_state state;
  crypto_generichash_init(&state, params.salt.data(), params.salt.size(), key.size());
  crypto_generichash_update(&state, reinterpret_cast<const uint8_t*>(kContext),
                            sizeof(kContext) - 1);
  crypto_generichash_update(&state, key_file.data(), key_file.size());
  crypto_generichash_final(&state, key.data(), key.size());
  sodium_memzero(&state, sizeof(state));
  return key;
}

}  // namespace recount::crypto
