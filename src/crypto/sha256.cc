#include "crypto/sha256.h"

#include <sodium.h>

#include <cassert>

namespace recount::crypto {

struct Sha256Hasher::State {
  crypto_hash_sha256_state st;
};

Sha256Digest Sha256(ByteSpan data) {
  Sha256Digest out;
  crypto_hash_sha256(out.data(), data.data(), data.size());
  return out;
}

Sha256Hasher::Sha256Hasher() : state_(std::make_unique<State>()) {
  crypto_hash_sha256_init(&state_->st);
}
Sha256Hasher::~Sha256Hasher() = default;
Sha256Hasher::Sha256Hasher(Sha256Hasher&&) noexcept = default;
Sha256Hasher& Sha256Hasher::operator=(Sha256Hasher&&) noexcept = default;

void Sha256Hasher::Update(ByteSpan data) {
  assert(!finished_ && "Sha256Hasher::Update after Finish");
  crypto_hash_sha256_update(&state_->st, data.data(), data.size());
}

Sha256Digest Sha256Hasher::Finish() {
  assert(!finished_ && "Sha256Hasher::Finish called twice");
  finished_ = true;
  Sha256Digest out;
  crypto_hash_sha256_final(&state_->st, out.data());
  return out;
}

}  // namespace recount::crypto
