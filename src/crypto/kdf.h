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
// Errors: kInvalidArgument for parameters outside the accepted range (also guards against a
// doctored keyfile that asks for absurd memory), kResourceExhausted if the memory cannot be had.
// Thread-safety: pure functions; each call allocates its own working memory.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

#include "base/result.h"
#include "crypto/secret_bytes.h"

namespace recount::crypto {

enum class KdfStrength { kModerate, kSensitive, kTestingOnlyInsecure };

inline constexpr size_t kKdfSaltSize = 16;
// Largest memory a keyfile may ask for (4 GiB): a parameter above this is treated as damage.
inline constexpr uint64_t kKdfMaxMemoryBytes = uint64_t{4} << 30;

struct KdfParams {
  static constexpr uint8_t kArgon2id13 = 1;  // the only algorithm id so far

  uint8_t algorithm = kArgon2id13;
  uint64_t ops_limit = 0;     // Argon2 passes (t)
  uint64_t memory_bytes = 0;  // Argon2 memory (m), in bytes
  std::array<uint8_t, kKdfSaltSize> salt{};

  // True for parameters below the kModerate preset (i.e. made for tests).
  bool IsBelowModerate() const;
};

// Fresh parameters for `strength` with a random salt.
Result<KdfParams> NewKdfParams(KdfStrength strength);

// Checks the parameters are in the accepted range (algorithm known, limits within libsodium's and
// recount's bounds).
Status ValidateKdfParams(const KdfParams& params);

// Derives `key_size` bytes from the passphrase. An empty passphrase is kInvalidArgument.
Result<SecretBytes> DeriveKeyFromPassphrase(std::string_view passphrase, const KdfParams& params,
                                            size_t key_size);

}  // namespace recount::crypto
