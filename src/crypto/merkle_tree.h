// Merkle tree heads and proof generation over a source of leaf hashes (RFC 9162 sections 2.1.1,
// 2.1.3.1 and 2.1.4.1).
//
// The tree is never materialised: the functions ask a LeafHashSource for leaf hashes or for the
// hash of a contiguous range. The store implements LeafHashSource over its log table (reading
// hashes lazily, and caching the hashes of complete power-of-two subtrees if it wants proofs in
// O(log n) reads); MemoryLeafHashes is the in-memory implementation for tests, tools and small
// logs.
//
// Cost with the default RangeHash: O(n) leaf reads and hashes for a root or a proof. A source that
// overrides RangeHash with stored subtree hashes makes proofs O(log n) lookups.
//
// Errors: kInvalidArgument for impossible sizes/indices (index >= tree size, tree size larger than
// the source, old size > new size); whatever the source returns (e.g. kIoError, kDataLoss) is
// passed through with context.
// Thread-safety: the free functions are reentrant; they only call const methods of the source, so
// a source whose const methods are thread-safe may be shared.
#pragma once

#include <cstdint>
#include <vector>

#include "base/result.h"
#include "crypto/merkle_hash.h"

namespace recount::crypto {

class LeafHashSource {
 public:
  virtual ~LeafHashSource() = default;

  // Number of leaves available (the largest tree size that can be asked for).
  virtual uint64_t LeafCount() const = 0;

  // The RFC 9162 leaf hash SHA-256(0x00 || entry) of leaf `index` (< LeafCount()).
  virtual Result<MerkleHash> LeafHashAt(uint64_t index) const = 0;

  // MTH(D[begin:end]) for 0 <= begin < end <= LeafCount(). The default computes it from LeafHashAt.
  // Overrides must return exactly the same value (e.g. from a cache of complete subtrees, which
  // proof generation asks for whenever begin is a multiple of a power of two >= end - begin).
  virtual Result<MerkleHash> RangeHash(uint64_t begin, uint64_t end) const;
};

// Leaf hashes held in memory, with the hashes of all complete power-of-two subtrees maintained on
// append (amortised O(1) per append, about twice the memory of the leaves), so roots and proofs
// cost O(log^2 n) hashes instead of O(n). This is also the model for a store-backed source: keep
// the same "complete subtree" table in a side table. Not thread-safe for Append concurrent with
// reads; concurrent reads are fine.
class MemoryLeafHashes final : public LeafHashSource {
 public:
  // Appends the leaf hash of `entry` (hashing it) and returns its index.
  uint64_t Append(ByteSpan entry);
  // Appends a leaf hash that was computed elsewhere.
  uint64_t AppendLeafHash(const MerkleHash& leaf_hash);

  uint64_t LeafCount() const override { return levels_.empty() ? 0 : levels_[0].size(); }
  Result<MerkleHash> LeafHashAt(uint64_t index) const override;
  Result<MerkleHash> RangeHash(uint64_t begin, uint64_t end) const override;

 private:
  // levels_[k][j] = MTH of leaves [j * 2^k, (j + 1) * 2^k); levels_[0] are the leaf hashes.
  std::vector<std::vector<MerkleHash>> levels_;
};

// MTH of the first `tree_size` leaves (MerkleEmptyRoot() for 0).
Result<MerkleHash> MerkleRoot(const LeafHashSource& source, uint64_t tree_size);

// Audit path PATH(index, D[tree_size]) of RFC 9162 2.1.3.1, ordered from the leaf upwards.
Result<std::vector<MerkleHash>> MerkleInclusionProof(const LeafHashSource& source, uint64_t index,
                                                     uint64_t tree_size);

// Consistency proof PROOF(old_size, D[new_size]) of RFC 9162 2.1.4.1 for 0 < old_size <= new_size
// (empty when old_size == new_size).
Result<std::vector<MerkleHash>> MerkleConsistencyProof(const LeafHashSource& source,
                                                       uint64_t old_size, uint64_t new_size);

}  // namespace recount::crypto
