#include "crypto/merkle_frontier.h"

#include <algorithm>
#include <bit>
#include <string>

namespace recount::crypto {

void MerkleFrontier::AppendLeafHash(const MerkleHash& leaf_hash) {
  subtrees_.push_back(leaf_hash);
  // The trailing one-bits of the old size are the subtrees that now merge, smallest first.
  for (uint64_t carry = size_; carry & 1; carry >>= 1) {
    MerkleHash right = subtrees_.back();
    subtrees_.pop_back();
    subtrees_.back() = MerkleNodeHash(subtrees_.back(), right);
  }
  ++size_;
}

MerkleHash MerkleFrontier::Root() const {
  if (subtrees_.empty()) return MerkleEmptyRoot();
  MerkleHash root = subtrees_.back();
  for (size_t i = subtrees_.size() - 1; i-- > 0;) root = MerkleNodeHash(subtrees_[i], root);
  return root;
}

Bytes MerkleFrontier::Serialize() const {
  Bytes out;
  out.reserve(8 + subtrees_.size() * kMerkleHashSize);
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<uint8_t>(size_ >> shift));
  for (const MerkleHash& h : subtrees_) out.insert(out.end(), h.begin(), h.end());
  return out;
}

Result<MerkleFrontier> MerkleFrontier::Parse(ByteSpan bytes) {
  if (bytes.size() < 8) return DataLoss("Merkle frontier is truncated (under 8 bytes)");
  MerkleFrontier f;
  for (int i = 0; i < 8; ++i) f.size_ = (f.size_ << 8) | bytes[i];
  const size_t count = static_cast<size_t>(std::popcount(f.size_));
  if (bytes.size() != 8 + count * kMerkleHashSize) {
    return DataLoss("Merkle frontier for " + std::to_string(f.size_) + " leaves must hold " +
                    std::to_string(count) + " hashes, found " +
                    std::to_string(bytes.size() - 8) + " bytes");
  }
  for (size_t i = 0; i < count; ++i) {
    MerkleHash h;
    std::copy_n(bytes.begin() + 8 + i * kMerkleHashSize, kMerkleHashSize, h.begin());
    f.subtrees_.push_back(h);
  }
  return f;
}

}  // namespace recount::crypto
