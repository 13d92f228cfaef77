#include "crypto/merkle_hash.h"

#include <bit>
#include <cassert>
#include <cstring>

#include "crypto/sha256.h"

namespace recount::crypto {

MerkleHash MerkleLeafHash(ByteSpan leaf_data) {
  Sha256Hasher h;
  const uint8_t prefix = 0x00;
  h.Update(ByteSpan(&prefix, 1));
  h.Update(leaf_data);
  return h.Finish();
}

MerkleHash MerkleNodeHash(const MerkleHash& left, const MerkleHash& right) {
  uint8_t buf[1 + 2 * kMerkleHashSize];
  buf[0] = 0x01;
  std::memcpy(buf + 1, left.data(), kMerkleHashSize);
  std::memcpy(buf + 1 + kMerkleHashSize, right.data(), kMerkleHashSize);
  return Sha256(ByteSpan(buf, sizeof(buf)));
}

MerkleHash MerkleEmptyRoot() { return Sha256(ByteSpan()); }

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
