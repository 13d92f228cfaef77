// Byte strings used across recount::crypto.
//
// Bytes owns public (non-secret) data such as ciphertexts, hashes and encoded keyfiles. Secret key
// material never lives in Bytes; it lives in SecretBytes (secret_bytes.h), which is locked in RAM
// and wiped on destruction. ByteSpan borrows; the caller keeps the storage alive for the call.
//
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace recount::crypto {

using Bytes = std::vector<uint8_t>;
using ByteSpan = std::span<const uint8_t>;

// Views the characters of a string as bytes (no copy).
inline ByteSpan AsBytes(std::string_view s) {
  return ByteSpan(reinterpret_cast<const uint8_t*>(s.data()), s.size());
}

// Copies bytes into a std::string (for text formats such as notes).
inline std::string AsString(ByteSpan b) {
  return std::string(reinterpret_cast<const char*>(b.data()), b.size());
}

}  // namespace recount::crypto
