// Passphrase stretching with Argon2id (RFC 9106) into a key-encryption key (KEK).
//
// The parameters (algorithm, operations, memory) and the random 16-byte salt travel with the
// wrapped key in the keyfile (key_ring.h), so they can be raised later by re-wrapping with new
// parameters, and an old keyfile still opens.
//
// Strength presets (libsodium's names; see docs/security.md for the figures):
//   kModerate  - the default for the store unlock key: ~256 MiB, 3 passes (about 1 s on a laptop).
//   kSensitive - 1 GiB, 4 passes: for machines that can afford it (several seconds).
//   kTestingOnlyInsecure - the minimum libsodium accepts (8 KiB, 1 pass). ONLY for unit tests and
//               CI speed; nothing in production code chooses it; KdfParams::IsTestingOnly() lets
//               the application refuse or warn about a keyfile made with it.
//
// Key files: a slot may instead be protected by a key file (a file of at least 32 random bytes,
// docs/security.md section 3). Its content already has full entropy, so it is not stretched: the
// key-encryption key is BLAKE2b-256 keyed with the slot's salt over a context string and the file
// content (algorithm id 2, with passes and memory 0). The trade-off (instant unlock, but whoever
// copies the file holds the key) is documented in docs/security.md.
//
// Errors: kInvalidArgument for parameters outside the accepted range (also guards against a
// doctored keyfile that asks for absurd memory), kResourceExhausted if the memory cannot be had.
// Thread-safety: pure functions; each call allocates its own working memory.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/secret_bytes.h"

namespace recount::crypto {

enum class KdfStrength { kModerate, kSensitive, kTestingOnlyInsecure };

inline constexpr size_t kKdfSaltSize = 16;
// Largest memory a keyfile may ask for (4 GiB): a parameter above this is treated as damage.
inline constexpr uint64_t kKdfMaxMemoryBytes = uint64_t{4} << 30;

struct KdfParams {
  static constexpr uint8_t kArgon2id13 = 1;     // passphrases
  static constexpr uint8_t kKeyFileBlake2b = 2;  // key files (no stretching; see above)

  uint8_t algorithm = kArgon2id13;
  uint64_t ops_limit = 0;     // Argon2 passes (t)
  uint64_t memory_bytes = 0;  // Argon2 memory (m), in bytes
  std::array<uint8_t, kKdfSaltSize> salt{};

  // True for Argon2id parameters below the kModerate preset (i.e. made for tests). False for
  // key-file slots, whose strength is the key file's 256 bits, not a work factor.
  bool IsBelowModerate() const;
  bool IsKeyFile() const { return algorithm == kKeyFileBlake2b; }
};

// Smallest and largest key file accepted (the content is hashed whole).
inline constexpr size_t kMinKeyFileBytes = 32;
inline constexpr size_t kMaxKeyFileBytes = size_t{1} << 20;

// Fresh parameters for `strength` with a random salt.
Result<KdfParams> NewKdfParams(KdfStrength strength);
// Fresh key-file parameters (algorithm kKeyFileBlake2b) with a random salt.
Result<KdfParams> NewKeyFileKdfParams();

// Checks the parameters are in the accepted range (algorithm known, limits within libsodium's and
// recount's bounds).
Status ValidateKdfParams(const KdfParams& params);

// Derives `key_size` bytes from the passphrase. An empty passphrase is kInvalidArgument, and so
// are key-file parameters.
Result<SecretBytes> DeriveKeyFromPassphrase(std::string_view passphrase, const KdfParams& params,
                                            size_t key_size);
// Derives a 32-byte key from a key file's content with key-file parameters. kInvalidArgument for
// content outside [kMinKeyFileBytes, kMaxKeyFileBytes] or Argon2id parameters.
Result<SecretBytes> DeriveKeyFromKeyFile(ByteSpan key_file, const KdfParams& params);

}  // namespace recount::crypto
