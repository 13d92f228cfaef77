// SHA-256 (FIPS 180-4), one-shot and streaming.
//
// Used for RFC 9162 Merkle hashing (merkle_hash.h), signed-note key IDs and the plaintext digest of
// evidence files. Sha256Hasher is a value owning its state; it is not thread-safe (one hasher per
// thread), distinct hashers are independent. Finish() may be called once; Update() after Finish()
// is a programmer error (asserted).
#pragma once

#include <array>
#include <cstdint>
#include <memory>

#include "crypto/bytes.h"

namespace recount::crypto {

inline constexpr size_t kSha256Size = 32;
using Sha256Digest = std::array<uint8_t, kSha256Size>;

Sha256Digest Sha256(ByteSpan data);

class Sha256Hasher {
 public:
  Sha256Hasher();
  ~Sha256Hasher();
  Sha256Hasher(Sha256Hasher&&) noexcept;
  Sha256Hasher& operator=(Sha256Hasher&&) noexcept;

  void Update(ByteSpan data);
  Sha256Digest Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
  bool finished_ = false;
};

}  // namespace recount::crypto
