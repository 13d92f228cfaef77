// RFC 9162 (Certificate Transparency 2.0) section 2.1.1 Merkle Tree Hash with SHA-256:
//
//   MTH({})      = SHA-256()                       (the empty tree)
//   leaf hash    = SHA-256(0x00 || data)
//   node hash    = SHA-256(0x01 || left || right)
//   MTH(D[n])    = node(MTH(D[0:k]), MTH(D[k:n])), k the largest power of two smaller than n
//
// The 0x00/0x01 prefixes give domain separation between leaves and interior nodes (a leaf cannot be
// passed off as a subtree). See docs/security.md "Tamper-evident log".
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <string>

#include "base/result.h"
#include "crypto/bytes.h"

namespace recount::crypto {

inline constexpr size_t kMerkleHashSize = 32;
using MerkleHash = std::array<uint8_t, kMerkleHashSize>;

MerkleHash MerkleLeafHash(ByteSpan leaf_data);
MerkleHash MerkleNodeHash(const MerkleHash& left, const MerkleHash& right);
// MTH of the empty tree: SHA-256 of the empty string.
MerkleHash MerkleEmptyRoot();

// A hash received as bytes (from a proof, a file, a peer). kInvalidArgument unless exactly 32
// bytes; `what` names the value in the message (e.g. "proof[2]").
Result<MerkleHash> MerkleHashFromBytes(ByteSpan bytes, std::string_view what);

// Largest power of two strictly smaller than n (n >= 2): the split point k of RFC 9162.
uint64_t MerkleSplitPoint(uint64_t n);

}  // namespace recount::crypto
