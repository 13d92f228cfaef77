#include "crypto/secret_bytes.h"

#include <sodium.h>

#include <cstring>
#include <string>
#include <utility>

#include "crypto/sodium_init.h"

namespace recount::crypto {

SecretBytes::~SecretBytes() { Release(); }

SecretBytes::SecretBytes(SecretBytes&& other) noexcept
    : data_(std::exchange(other.data_, nullptr)), size_(std::exchange(other.size_, 0)) {}

SecretBytes& SecretBytes::operator=(SecretBytes&& other) noexcept {
  if (this != &other) {
    Release();
    data_ = std::exchange(other.data_, nullptr);
    size_ = std::exchange(other.size_, 0);
  }
  return *this;
}

void SecretBytes::Release() {
  if (data_ != nullptr) {
    // sodium_free also wipes, but the explicit wipe documents intent and survives allocator
    // changes.
    sodium_memzero(data_, size_);
    sodium_free(data_);
    data_ = nullptr;
    size_ = 0;
  }
}

Result<SecretBytes> SecretBytes::Allocate(size_t size) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  if (size == 0)
    return InvalidArgument("SecretBytes::Allocate: a secret must have at least 1 byte");
  void* p = sodium_malloc(size);  // also mlock()s the pages (best effort)
  if (p == nullptr) {
    return ResourceExhausted("could not allocate " + std::to_string(size) +
                             " bytes of guarded memory for a secret; raise the memory limits "
                             "(ulimit -l / -v) or close other programs");
  }
  std::memset(p, 0, size);
  SecretBytes s;
  s.data_ = static_cast<uint8_t*>(p);
  s.size_ = size;
  return s;
}

Result<SecretBytes> SecretBytes::Random(size_t size) {
  ASSIGN_OR_RETURN(SecretBytes s, Allocate(size));
  randombytes_buf(s.data(), s.size());
  return s;
}

Result<SecretBytes> SecretBytes::CopyOf(ByteSpan bytes) {
  ASSIGN_OR_RETURN(SecretBytes s, Allocate(bytes.size()));
  std::memcpy(s.data(), bytes.data(), bytes.size());
  return s;
}

Result<SecretBytes> SecretBytes::CopyOf(std::string_view text) { return CopyOf(AsBytes(text)); }

bool SecretBytes::Equals(const SecretBytes& other) const {
  if (size_ != other.size_) return false;
  if (size_ == 0) return true;
  return sodium_memcmp(data_, other.data_, size_) == 0;
}

}  // namespace recount::crypto
