#include "crypto/merkle_hash.h"

#include <sodium.h>

#include <bit>
#include <cassert>
#include <cstring>

namespace recount::crypto {

MerkleHash MerkleLeafHash(ByteSpan leaf_data) {
  crypto_hash_sha256_state st;
  crypto_hash_sha256_init(&st);
  const uint8_t prefix = 0x00;
  crypto_hash_sha256_update(&st, &prefix, 1);
  crypto_hash_sha256_update(&st, leaf_data.data(), leaf_data.size());
  MerkleHash out;
  crypto_hash_sha256_final(&st, out.data());
  return out;
}

MerkleHash MerkleNodeHash(const MerkleHash& left, const MerkleHash& right) {
  uint8_t buf[1 + 2 * kMerkleHashSize];
  buf[0] = 0x01;
  std::memcpy(buf + 1, left.data(), kMerkleHashSize);
  std::memcpy(buf + 1 + kMerkleHashSize, right.data(), kMerkleHashSize);
  MerkleHash out;
  crypto_hash_sha256(out.data(), buf, sizeof(buf));
  return out;
}

MerkleHash MerkleEmptyRoot() {
  MerkleHash out;
  crypto_hash_sha256(out.data(), nullptr, 0);
  return out;
}

Result<MerkleHash> MerkleHashFromBytes(ByteSpan bytes, std::string_view what) {
  if (bytes.size() != kMerkleHashSize) {
    return InvalidArgument(std::string(what) + ": a Merkle hash must be 32 bytes, got " +
                           std::to_string(bytes.size()));
  }
  MerkleHash h;
  std::memcpy(h.data(), bytes.data(), kMerkleHashSize);
  return h;
}

uint64_t MerkleSplitPoint(uint64_t n) {
  assert(n >= 2);
  // bit_floor(n - 1) is the largest power of two <= n - 1, i.e. strictly smaller than n.
  return std::bit_floor(n - 1);
}

}  // namespace recount::crypto
