#include "crypto/sha256.h"

#include <nettle/sha2.h>

#include <cassert>

// SHA-256 comes from Nettle rather than libsodium: Nettle selects the x86 SHA extensions (or
// other CPU-specific code) at run time, about ten times faster than libsodium's portable C, and
// the store hashes every record it writes (record digests, log leaves; docs/security.md 7.5).
// Both implement FIPS 180-4; the tests check the FIPS vectors and the RFC 9162 Merkle vectors.

namespace recount::crypto {

struct Sha256Hasher::State {
  sha256_ctx ctx;
};

Sha256Digest Sha256(ByteSpan data) {
  sha256_ctx ctx;
  sha256_init(&ctx);
  sha256_update(&ctx, data.size(), data.data());
  Sha256Digest out;
  sha256_digest(&ctx, out.size(), out.data());
  return out;
}

Sha256Hasher::Sha256Hasher() : state_(std::make_unique<State>()) { sha256_init(&state_->ctx); }
Sha256Hasher::~Sha256Hasher() = default;
Sha256Hasher::Sha256Hasher(Sha256Hasher&&) noexcept = default;
Sha256Hasher& Sha256Hasher::operator=(Sha256Hasher&&) noexcept = default;

void Sha256Hasher::Update(ByteSpan data) {
  assert(!finished_ && "Sha256Hasher::Update after Finish");
  sha256_update(&state_->ctx, data.size(), data.data());
}

Sha256Digest Sha256Hasher::Finish() {
  assert(!finished_ && "Sha256Hasher::Finish called twice");
  finished_ = true;
  Sha256Digest out;
  sha256_digest(&state_->ctx, out.size(), out.data());
  return out;
}

}  // namespace recount::crypto
