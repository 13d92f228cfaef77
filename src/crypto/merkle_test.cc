#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "crypto/encoding.h"
#include "crypto/merkle_hash.h"
#include "crypto/merkle_tree.h"
#include "crypto/merkle_verify.h"
#include "crypto/sha256.h"

namespace recount::crypto {
namespace {

std::string Hex(const MerkleHash& h) { return HexEncode(h); }

// Reference MTH computed straight from the RFC 9162 definition over leaf data, independent of
// LeafHashSource, to cross-check the range/proof code.
MerkleHash ReferenceRoot(const std::vector<std::string>& d, size_t begin, size_t end) {
  if (end == begin) return MerkleEmptyRoot();
  if (end - begin == 1) return MerkleLeafHash(AsBytes(d[begin]));
  size_t k = 1;
  while (k * 2 < end - begin) k *= 2;
  return MerkleNodeHash(ReferenceRoot(d, begin, begin + k), ReferenceRoot(d, begin + k, end));
}

std::vector<std::string> Entries(size_t n) {
  std::vector<std::string> d;
  for (size_t i = 0; i < n; ++i) d.push_back("entry " + std::to_string(i));
  return d;
}

TEST(MerkleHashTest, KnownValues) {
  // SHA-256 of the empty string (FIPS 180-4 / RFC 9162 MTH({})).
  EXPECT_EQ(Hex(MerkleEmptyRoot()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // SHA-256(0x00): the leaf hash of an empty entry.
  EXPECT_EQ(Hex(MerkleLeafHash({})),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  // Node hash must be SHA-256(0x01 || l || r): compare with an explicitly built buffer.
  MerkleHash l{};
  MerkleHash r{};
  l[0] = 0xaa;
  r[31] = 0x55;
  std::vector<uint8_t> buf(65, 0);
  buf[0] = 0x01;
  buf[1] = 0xaa;
  buf[64] = 0x55;
  EXPECT_EQ(MerkleNodeHash(l, r), Sha256(buf));
  EXPECT_NE(MerkleNodeHash(l, r), MerkleNodeHash(r, l));
  // Domain separation: a leaf whose data is l||r is not the node over (l, r).
  std::vector<uint8_t> concat(buf.begin() + 1, buf.end());
  EXPECT_NE(MerkleLeafHash(concat), MerkleNodeHash(l, r));
}

TEST(MerkleHashTest, SplitPoint) {
  EXPECT_EQ(MerkleSplitPoint(2), 1u);
  EXPECT_EQ(MerkleSplitPoint(3), 2u);
  EXPECT_EQ(MerkleSplitPoint(4), 2u);
  EXPECT_EQ(MerkleSplitPoint(5), 4u);
  EXPECT_EQ(MerkleSplitPoint(8), 4u);
  EXPECT_EQ(MerkleSplitPoint(9), 8u);
  EXPECT_EQ(MerkleSplitPoint(uint64_t{1} << 63), uint64_t{1} << 62);
}

TEST(MerkleHashTest, FromBytesRejectsWrongLength) {
  EXPECT_EQ(MerkleHashFromBytes(Bytes(31), "root").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(MerkleHashFromBytes(Bytes(33), "root").status().code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(MerkleHashFromBytes(Bytes(32), "root").ok());
}

TEST(MerkleTreeTest, RootMatchesDefinitionForManySizes) {
  const auto d = Entries(70);
  MemoryLeafHashes tree;
  for (const auto& e : d) tree.Append(AsBytes(e));
  for (size_t n = 0; n <= d.size(); ++n) {
    auto root = MerkleRoot(tree, n);
    ASSERT_TRUE(root.ok()) << root.status().ToString();
    EXPECT_EQ(Hex(*root), Hex(ReferenceRoot(d, 0, n))) << "n=" << n;
  }
  EXPECT_EQ(MerkleRoot(tree, 71).status().code(), StatusCode::kInvalidArgument);
}

TEST(MerkleTreeTest, EveryInclusionProofVerifiesAndTamperingIsDetected) {
  const auto d = Entries(33);
  MemoryLeafHashes tree;
  for (const auto& e : d) tree.Append(AsBytes(e));
  for (uint64_t n = 1; n <= d.size(); ++n) {
    const MerkleHash root = *MerkleRoot(tree, n);
    for (uint64_t i = 0; i < n; ++i) {
      auto proof = MerkleInclusionProof(tree, i, n);
      ASSERT_TRUE(proof.ok()) << proof.status().ToString();
      const MerkleHash leaf = MerkleLeafHash(AsBytes(d[i]));
      EXPECT_TRUE(VerifyMerkleInclusion(leaf, i, n, *proof, root).ok()) << i << "/" << n;
      // Wrong index, wrong leaf, flipped proof bit, truncated proof: all rejected.
      if (n > 1) {
        EXPECT_FALSE(VerifyMerkleInclusion(leaf, (i + 1) % n, n, *proof, root).ok());
        EXPECT_FALSE(
            VerifyMerkleInclusion(MerkleLeafHash(AsBytes("forged")), i, n, *proof, root).ok());
        auto bad = *proof;
        bad[0][5] ^= 0x20;
        EXPECT_EQ(VerifyMerkleInclusion(leaf, i, n, bad, root).code(), StatusCode::kDataLoss);
        bad = *proof;
        bad.pop_back();
        EXPECT_EQ(VerifyMerkleInclusion(leaf, i, n, bad, root).code(), StatusCode::kDataLoss);
      }
      auto longer = *proof;
      longer.push_back(root);
      EXPECT_EQ(VerifyMerkleInclusion(leaf, i, n, longer, root).code(), StatusCode::kDataLoss);
    }
    EXPECT_EQ(MerkleInclusionProof(tree, n, n).status().code(), StatusCode::kInvalidArgument);
  }
}

TEST(MerkleTreeTest, EveryConsistencyProofVerifiesAndTamperingIsDetected) {
  const auto d = Entries(33);
  MemoryLeafHashes tree;
  for (const auto& e : d) tree.Append(AsBytes(e));
  for (uint64_t n = 1; n <= d.size(); ++n) {
    const MerkleHash new_root = *MerkleRoot(tree, n);
    for (uint64_t m = 1; m <= n; ++m) {
      const MerkleHash old_root = *MerkleRoot(tree, m);
      auto proof = MerkleConsistencyProof(tree, m, n);
      ASSERT_TRUE(proof.ok()) << proof.status().ToString();
      EXPECT_TRUE(VerifyMerkleConsistency(m, n, *proof, old_root, new_root).ok()) << m << "->" << n;
      if (m < n) {
        EXPECT_EQ(VerifyMerkleConsistency(m, n, *proof, new_root, old_root).code(),
                  StatusCode::kDataLoss);
        for (size_t j = 0; j < proof->size(); ++j) {
          auto bad = *proof;
          bad[j][0] ^= 1;
          EXPECT_FALSE(VerifyMerkleConsistency(m, n, bad, old_root, new_root).ok());
        }
        // A rewritten history: change an old entry and the new root no longer matches.
        MemoryLeafHashes forged;
        for (uint64_t i = 0; i < n; ++i) forged.Append(AsBytes(i == 0 ? "rewritten" : d[i]));
        EXPECT_FALSE(VerifyMerkleConsistency(m, n, *proof, old_root, *MerkleRoot(forged, n)).ok());
      } else {
        EXPECT_TRUE(proof->empty());
      }
    }
  }
  EXPECT_EQ(MerkleConsistencyProof(tree, 0, 3).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(MerkleConsistencyProof(tree, 4, 3).status().code(), StatusCode::kInvalidArgument);
}

// A source that serves RangeHash from precomputed complete subtrees and counts leaf reads, to show
// the contract that lets the store produce proofs in O(log n) reads.
class CountingSource : public LeafHashSource {
 public:
  explicit CountingSource(const MemoryLeafHashes& inner) : inner_(inner) {}
  uint64_t LeafCount() const override { return inner_.LeafCount(); }
  Result<MerkleHash> LeafHashAt(uint64_t index) const override {
    ++reads_;
    return inner_.LeafHashAt(index);
  }
  mutable int reads_ = 0;

 private:
  const MemoryLeafHashes& inner_;
};

TEST(MerkleTreeTest, SourceErrorsArePassedThrough) {
  class Failing : public LeafHashSource {
   public:
    uint64_t LeafCount() const override { return 10; }
    Result<MerkleHash> LeafHashAt(uint64_t) const override { return IoError("disk gone"); }
  } failing;
  EXPECT_EQ(MerkleRoot(failing, 10).status().code(), StatusCode::kIoError);
  EXPECT_EQ(MerkleInclusionProof(failing, 3, 10).status().code(), StatusCode::kIoError);
  EXPECT_EQ(MerkleConsistencyProof(failing, 3, 10).status().code(), StatusCode::kIoError);
}

TEST(MerkleTreeTest, DefaultRangeHashReadsEachLeafOnce) {
  MemoryLeafHashes tree;
  for (const auto& e : Entries(100)) tree.Append(AsBytes(e));
  CountingSource counting(tree);
  ASSERT_TRUE(MerkleRoot(counting, 100).ok());
  EXPECT_EQ(counting.reads_, 100);
}

TEST(MerkleTreeTest, CachedRangeHashEqualsDefinitionForEveryRange) {
  MemoryLeafHashes tree;
  for (const auto& e : Entries(40)) tree.Append(AsBytes(e));
  CountingSource uncached(tree);  // uses the default, recursive RangeHash
  for (uint64_t b = 0; b < 40; ++b) {
    for (uint64_t e = b + 1; e <= 40; ++e) {
      EXPECT_EQ(*tree.RangeHash(b, e), *uncached.RangeHash(b, e)) << b << ".." << e;
    }
  }
  EXPECT_EQ(tree.RangeHash(3, 3).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(tree.RangeHash(0, 41).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace recount::crypto
