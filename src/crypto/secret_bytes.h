// SecretBytes: an owned buffer for key material and other secrets.
//
// The buffer is allocated with the crypto library's guarded allocator: it is locked in RAM (no
// swap, best effort: the OS may refuse mlock beyond RLIMIT_MEMLOCK, then the bytes are still
// guarded but swappable), surrounded by guard pages, excluded from core dumps where the OS supports
// it, and zeroed when destroyed or assigned over (moving transfers the buffer). Each object costs a
// few pages of address space, so hold only the keys you are using.
//
// Ownership: move-only; a moved-from or default-constructed SecretBytes is empty (size 0).
// Comparison is constant-time. There is deliberately no way to serialise a SecretBytes except by
// reading data() explicitly; key wrapping (key_ring.h, data_key.h) is the only place that should.
// Thread-safety: like any value, distinct objects may be used from different threads; concurrent
// const access to one object is safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>

#include "base/result.h"
#include "crypto/bytes.h"

namespace recount::crypto {

class SecretBytes {
 public:
  SecretBytes() = default;
  ~SecretBytes();
  SecretBytes(SecretBytes&& other) noexcept;
  SecretBytes& operator=(SecretBytes&& other) noexcept;
  SecretBytes(const SecretBytes&) = delete;
  SecretBytes& operator=(const SecretBytes&) = delete;

  // A zero-filled secret of `size` bytes (size > 0). kResourceExhausted if the guarded allocator
  // fails, kInvalidArgument for size 0.
  static Result<SecretBytes> Allocate(size_t size);
  // `size` bytes from the OS CSPRNG.
  static Result<SecretBytes> Random(size_t size);
  // A copy of `bytes` (size > 0). The caller remains responsible for wiping its own copy.
  static Result<SecretBytes> CopyOf(ByteSpan bytes);
  static Result<SecretBytes> CopyOf(std::string_view text);

  uint8_t* data() { return data_; }
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  ByteSpan span() const { return ByteSpan(data_, size_); }

  // Constant-time equality (sizes are compared in the clear).
  bool Equals(const SecretBytes& other) const;

 private:
  void Release();

  uint8_t* data_ = nullptr;  // owned, from sodium_malloc
  size_t size_ = 0;
};

}  // namespace recount::crypto
