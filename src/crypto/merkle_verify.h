// Verification of RFC 9162 inclusion proofs (section 2.1.3.2) and consistency proofs (section
// 2.1.4.2). These need no access to the log: a court, a partner organisation or a monitor can
// check a proof with only the signed tree heads (checkpoint.h) and the proof.
//
// Result: Ok if and only if the proof verifies.
//   kInvalidArgument: the question itself is impossible (leaf index >= tree size, tree size 0,
//                     old size 0 or old size > new size).
//   kDataLoss:        the proof does not verify (wrong length, wrong hashes, root mismatch):
//                     either the proof or the tree heads were altered, or the log was rewritten.
// Hashes received as bytes must first go through MerkleHashFromBytes (wrong lengths are
// kInvalidArgument there).
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <span>

#include "base/status.h"
#include "crypto/merkle_hash.h"

namespace recount::crypto {

// Checks that `leaf_hash` is leaf `index` of the tree of `tree_size` leaves with root `root`.
Status VerifyMerkleInclusion(const MerkleHash& leaf_hash, uint64_t index, uint64_t tree_size,
                             std::span<const MerkleHash> proof, const MerkleHash& root);

// Recomputes the root from an inclusion proof without comparing (for callers that look the root
// up afterwards). Same errors as VerifyMerkleInclusion except root mismatch.
Result<MerkleHash> MerkleRootFromInclusionProof(const MerkleHash& leaf_hash, uint64_t index,
                                                uint64_t tree_size,
                                                std::span<const MerkleHash> proof);

// Checks that the tree of `old_size` leaves with root `old_root` is a prefix of the tree of
// `new_size` leaves with root `new_root`. For old_size == new_size the proof must be empty and the
// roots equal. old_size == 0 is refused (kInvalidArgument): every tree extends the empty tree, so
// such a "proof" would prove nothing and is almost certainly a caller error.
Status VerifyMerkleConsistency(uint64_t old_size, uint64_t new_size,
                               std::span<const MerkleHash> proof, const MerkleHash& old_root,
                               const MerkleHash& new_root);

}  // namespace recount::crypto
