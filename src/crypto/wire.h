// Internal helpers for the binary formats of recount::crypto (keyfile, wrapped keys, sealed
// fields): big-endian integers and length-prefixed byte strings. Readers never read past the end;
// they report failure and the caller turns it into a Status naming the format and field.
// Not part of the public API of the part.
#pragma once

#include <cstdint>
#include <cstring>
#include <string_view>

#include "crypto/bytes.h"

namespace recount::crypto::wire {

inline void PutU8(Bytes& out, uint8_t v) { out.push_back(v); }
inline void PutU16(Bytes& out, uint16_t v) {
  out.push_back(static_cast<uint8_t>(v >> 8));
  out.push_back(static_cast<uint8_t>(v));
}
inline void PutU32(Bytes& out, uint32_t v) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
}
inline void PutU64(Bytes& out, uint64_t v) {
  for (int s = 56; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(v >> s));
}
inline void PutRaw(Bytes& out, ByteSpan b) { out.insert(out.end(), b.begin(), b.end()); }
// u32 length followed by the bytes: makes concatenations of variable fields unambiguous.
inline void PutLengthPrefixed(Bytes& out, ByteSpan b) {
  PutU32(out, static_cast<uint32_t>(b.size()));
  PutRaw(out, b);
}
inline void PutLengthPrefixed(Bytes& out, std::string_view s) {
  PutLengthPrefixed(out, AsBytes(s));
}

class Reader {
 public:
  explicit Reader(ByteSpan in) : in_(in) {}

  bool U8(uint8_t& v) {
    if (!Has(1)) return false;
    v = in_[pos_++];
    return true;
  }
  bool U16(uint16_t& v) {
    uint64_t x;
    if (!Uint(2, x)) return false;
    v = static_cast<uint16_t>(x);
    return true;
  }
  bool U32(uint32_t& v) {
    uint64_t x;
    if (!Uint(4, x)) return false;
    v = static_cast<uint32_t>(x);
    return true;
  }
  bool U64(uint64_t& v) { return Uint(8, v); }
  bool Raw(size_t n, ByteSpan& out) {
    if (!Has(n)) return false;
    out = in_.subspan(pos_, n);
    pos_ += n;
    return true;
  }
  template <size_t N>
  bool Array(uint8_t (&dst)[N]) {
    ByteSpan s;
    if (!Raw(N, s)) return false;
    std::memcpy(dst, s.data(), N);
    return true;
  }
  bool Fill(uint8_t* dst, size_t n) {
    ByteSpan s;
    if (!Raw(n, s)) return false;
    std::memcpy(dst, s.data(), n);
    return true;
  }
  bool LengthPrefixed(ByteSpan& out, size_t max) {
    uint32_t n;
    if (!U32(n) || n > max) return false;
    return Raw(n, out);
  }
  size_t position() const { return pos_; }
  bool AtEnd() const { return pos_ == in_.size(); }

 private:
  bool Has(size_t n) const { return in_.size() - pos_ >= n; }
  bool Uint(int bytes, uint64_t& v) {
    if (!Has(bytes)) return false;
    v = 0;
    for (int i = 0; i < bytes; ++i) v = (v << 8) | in_[pos_++];
    return true;
  }

  ByteSpan in_;
  size_t pos_ = 0;
};

}  // namespace recount::crypto::wire
