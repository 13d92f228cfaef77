// MerkleFrontier: the root of an append-only RFC 9162 tree, kept up to date in O(log n) per
// append from O(log n) stored hashes, without reading the leaves again.
//
// A tree of n leaves splits into perfect subtrees, one for each bit set in n, largest (leftmost)
// first; the frontier keeps the root hash of each. Appending a leaf adds a one-leaf subtree and
// merges equal-sized neighbours (node hash), like incrementing a binary counter. The RFC 9162
// root of n leaves is the right fold node(S1, node(S2, ... node(Sk-1, Sk))) of those subtrees,
// since RFC 9162 splits at the largest power of two below n. (This is the "compact range" of
// transparency-log implementations.)
//
// The store keeps the frontier of its audit log in one row, so that each write transaction can
// compute the new root and sign a checkpoint without reading the log; `recount audit verify`
// recomputes everything from the entries and compares.
//
// Serialised form: u64 size (big-endian) || the subtree hashes, largest first. Parse rejects any
// byte string whose length does not match popcount(size) hashes (kDataLoss).
// Thread-safety: a value; no shared state.
#pragma once

#include <cstdint>
#include <vector>

#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/merkle_hash.h"

namespace recount::crypto {

class MerkleFrontier {
 public:
  MerkleFrontier() = default;
  static Result<MerkleFrontier> Parse(ByteSpan bytes);
  Bytes Serialize() const;

  void AppendLeafHash(const MerkleHash& leaf_hash);
  uint64_t size() const { return size_; }
  // MTH of the leaves appended so far (MerkleEmptyRoot() when none).
  MerkleHash Root() const;

 private:
  uint64_t size_ = 0;
  std::vector<MerkleHash> subtrees_;  // roots of the perfect subtrees, largest first
};

}  // namespace recount::crypto
