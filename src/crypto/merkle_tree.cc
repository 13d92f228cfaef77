#include "crypto/merkle_tree.h"

#include <bit>
#include <string>

namespace recount::crypto {

Result<MerkleHash> LeafHashSource::RangeHash(uint64_t begin, uint64_t end) const {
  if (begin >= end || end > LeafCount()) {
    return InvalidArgument("Merkle range [" + std::to_string(begin) + ", " + std::to_string(end) +
                           ") is empty or beyond the " + std::to_string(LeafCount()) +
                           " leaves of the log");
  }
  if (end - begin == 1) return LeafHashAt(begin);
  const uint64_t k = MerkleSplitPoint(end - begin);
  ASSIGN_OR_RETURN(MerkleHash left, RangeHash(begin, begin + k));
  ASSIGN_OR_RETURN(MerkleHash right, RangeHash(begin + k, end));
  return MerkleNodeHash(left, right);
}

uint64_t MemoryLeafHashes::Append(ByteSpan entry) { return AppendLeafHash(MerkleLeafHash(entry)); }

uint64_t MemoryLeafHashes::AppendLeafHash(const MerkleHash& leaf_hash) {
  if (levels_.empty()) levels_.emplace_back();
  levels_[0].push_back(leaf_hash);
  // Each time a level gets an even number of nodes, the last two complete a node one level up.
  for (size_t k = 0; levels_[k].size() % 2 == 0; ++k) {
    if (levels_.size() == k + 1) levels_.emplace_back();
    const auto& level = levels_[k];
    levels_[k + 1].push_back(MerkleNodeHash(level[level.size() - 2], level.back()));
  }
  return levels_[0].size() - 1;
}

Result<MerkleHash> MemoryLeafHashes::LeafHashAt(uint64_t index) const {
  if (index >= LeafCount()) {
    return InvalidArgument("leaf " + std::to_string(index) + " does not exist (log has " +
                           std::to_string(LeafCount()) + " leaves)");
  }
  return levels_[0][index];
}

Result<MerkleHash> MemoryLeafHashes::RangeHash(uint64_t begin, uint64_t end) const {
  if (begin < end && end <= LeafCount()) {
    const uint64_t size = end - begin;
    if ((size & (size - 1)) == 0 && begin % size == 0) {
      const int k = std::countr_zero(size);
      return levels_[k][begin >> k];
    }
  }
  // Not a complete aligned subtree (or out of range): split as RFC 9162 does, or report the error.
  return LeafHashSource::RangeHash(begin, end);
}

namespace {

Status CheckTreeSize(const LeafHashSource& source, uint64_t tree_size) {
  if (tree_size > source.LeafCount()) {
    return InvalidArgument("tree size " + std::to_string(tree_size) + " is larger than the log (" +
                           std::to_string(source.LeafCount()) + " leaves)");
  }
  return Status::Ok();
}

// PATH(m, D[begin:end]) appended to `out` (RFC 9162 2.1.3.1), leaf side first.
Status AppendPath(const LeafHashSource& source, uint64_t m, uint64_t begin, uint64_t end,
                  std::vector<MerkleHash>& out) {
  const uint64_t n = end - begin;
  if (n <= 1) return Status::Ok();
  const uint64_t k = MerkleSplitPoint(n);
  if (m < k) {
    RETURN_IF_ERROR(AppendPath(source, m, begin, begin + k, out));
    ASSIGN_OR_RETURN(MerkleHash right, source.RangeHash(begin + k, end));
    out.push_back(right);
  } else {
    RETURN_IF_ERROR(AppendPath(source, m - k, begin + k, end, out));
    ASSIGN_OR_RETURN(MerkleHash left, source.RangeHash(begin, begin + k));
    out.push_back(left);
  }
  return Status::Ok();
}

// SUBPROOF(m, D[begin:end], b) appended to `out` (RFC 9162 2.1.4.1).
Status AppendSubproof(const LeafHashSource& source, uint64_t m, uint64_t begin, uint64_t end,
                      bool b, std::vector<MerkleHash>& out) {
  const uint64_t n = end - begin;
  if (m == n) {
    if (!b) {
      ASSIGN_OR_RETURN(MerkleHash h, source.RangeHash(begin, end));
      out.push_back(h);
    }
    return Status::Ok();
  }
  const uint64_t k = MerkleSplitPoint(n);
  if (m <= k) {
    RETURN_IF_ERROR(AppendSubproof(source, m, begin, begin + k, b, out));
    ASSIGN_OR_RETURN(MerkleHash right, source.RangeHash(begin + k, end));
    out.push_back(right);
  } else {
    RETURN_IF_ERROR(AppendSubproof(source, m - k, begin + k, end, false, out));
    ASSIGN_OR_RETURN(MerkleHash left, source.RangeHash(begin, begin + k));
    out.push_back(left);
  }
  return Status::Ok();
}

}  // namespace

Result<MerkleHash> MerkleRoot(const LeafHashSource& source, uint64_t tree_size) {
  RETURN_IF_ERROR(CheckTreeSize(source, tree_size));
  if (tree_size == 0) return MerkleEmptyRoot();
  return source.RangeHash(0, tree_size);
}

Result<std::vector<MerkleHash>> MerkleInclusionProof(const LeafHashSource& source, uint64_t index,
                                                     uint64_t tree_size) {
  RETURN_IF_ERROR(CheckTreeSize(source, tree_size));
  if (index >= tree_size) {
    return InvalidArgument("inclusion proof: leaf index " + std::to_string(index) +
                           " is not below tree size " + std::to_string(tree_size));
  }
  std::vector<MerkleHash> proof;
  RETURN_IF_ERROR(AppendPath(source, index, 0, tree_size, proof));
  return proof;
}

Result<std::vector<MerkleHash>> MerkleConsistencyProof(const LeafHashSource& source,
                                                       uint64_t old_size, uint64_t new_size) {
  RETURN_IF_ERROR(CheckTreeSize(source, new_size));
  if (old_size == 0 || old_size > new_size) {
    return InvalidArgument("consistency proof: need 0 < old size <= new size, got old size " +
                           std::to_string(old_size) + " and new size " + std::to_string(new_size));
  }
  std::vector<MerkleHash> proof;
  RETURN_IF_ERROR(AppendSubproof(source, old_size, 0, new_size, true, proof));
  return proof;
}

}  // namespace recount::crypto
