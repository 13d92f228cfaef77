#include "crypto/merkle_verify.h"

#include <string>

#include "crypto/encoding.h"

namespace recount::crypto {
namespace {

bool SameHash(const MerkleHash& a, const MerkleHash& b) { return ConstantTimeEquals(a, b); }

}  // namespace

Result<MerkleHash> MerkleRootFromInclusionProof(const MerkleHash& leaf_hash, uint64_t index,
                                                uint64_t tree_size,
                                                std::span<const MerkleHash> proof) {
  if (index >= tree_size) {
    return InvalidArgument("inclusion proof: leaf index " + std::to_string(index) +
                           " is not below tree size " + std::to_string(tree_size));
  }
  // RFC 9162 2.1.3.2, steps 2-5.
  uint64_t fn = index;
  uint64_t sn = tree_size - 1;
  MerkleHash r = leaf_hash;
  for (const MerkleHash& p : proof) {
    if (sn == 0) {
      return DataLoss("inclusion proof for leaf " + std::to_string(index) + " of " +
                      std::to_string(tree_size) + " has too many hashes (" +
                      std::to_string(proof.size()) + ")");
    }
    if ((fn & 1) == 1 || fn == sn) {
      r = MerkleNodeHash(p, r);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      r = MerkleNodeHash(r, p);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) {
    return DataLoss("inclusion proof for leaf " + std::to_string(index) + " of " +
                    std::to_string(tree_size) + " has too few hashes (" +
                    std::to_string(proof.size()) + ")");
  }
  return r;
}

Status VerifyMerkleInclusion(const MerkleHash& leaf_hash, uint64_t index, uint64_t tree_size,
                             std::span<const MerkleHash> proof, const MerkleHash& root) {
  ASSIGN_OR_RETURN(MerkleHash computed,
                   MerkleRootFromInclusionProof(leaf_hash, index, tree_size, proof));
  if (!SameHash(computed, root)) {
    return DataLoss("inclusion proof for leaf " + std::to_string(index) + " of " +
                    std::to_string(tree_size) +
                    " does not lead to the expected root hash: the entry, the proof or the tree "
                    "head was altered");
  }
  return Status::Ok();
}

Status VerifyMerkleConsistency(uint64_t old_size, uint64_t new_size,
                               std::span<const MerkleHash> proof, const MerkleHash& old_root,
                               const MerkleHash& new_root) {
  const std::string where =
      "consistency proof from size " + std::to_string(old_size) + " to " + std::to_string(new_size);
  if (old_size > new_size) {
    return InvalidArgument(where + ": the old tree is larger than the new one");
  }
  if (old_size == 0) {
    return InvalidArgument(where +
                           ": a proof from the empty tree proves nothing; check the old tree head");
  }
  if (old_size == new_size) {
    if (!proof.empty()) return DataLoss(where + ": sizes are equal but the proof is not empty");
    if (!SameHash(old_root, new_root)) {
      return DataLoss(where + ": same size but different root hashes: the log was rewritten");
    }
    return Status::Ok();
  }
  // RFC 9162 2.1.4.2 for 0 < old_size < new_size.
  if (proof.empty()) return DataLoss(where + ": the proof is empty");
  size_t next = 0;
  MerkleHash fr;
  MerkleHash sr;
  if ((old_size & (old_size - 1)) == 0) {
    // old_size is a power of two: the old root is itself a node of the new tree (step 2).
    fr = old_root;
  } else {
    fr = proof[next++];
  }
  sr = fr;
  uint64_t fn = old_size - 1;
  uint64_t sn = new_size - 1;
  while ((fn & 1) == 1) {  // step 4
    fn >>= 1;
    sn >>= 1;
  }
  for (; next < proof.size(); ++next) {
    const MerkleHash& c = proof[next];
    if (sn == 0) return DataLoss(where + ": the proof has too many hashes");
    if ((fn & 1) == 1 || fn == sn) {
      fr = MerkleNodeHash(c, fr);
      sr = MerkleNodeHash(c, sr);
      while ((fn & 1) == 0 && fn != 0) {
        fn >>= 1;
        sn >>= 1;
      }
    } else {
      sr = MerkleNodeHash(sr, c);
    }
    fn >>= 1;
    sn >>= 1;
  }
  if (sn != 0) return DataLoss(where + ": the proof has too few hashes");
  if (!SameHash(fr, old_root)) {
    return DataLoss(where + ": the proof does not match the old root hash");
  }
  if (!SameHash(sr, new_root)) {
    return DataLoss(where + ": the proof does not match the new root hash");
  }
  return Status::Ok();
}

}  // namespace recount::crypto
