#include "crypto/merkle_frontier.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/merkle_tree.h"

namespace recount::crypto {
namespace {

MerkleHash Leaf(int i) { return MerkleLeafHash(AsBytes("entry " + std::to_string(i))); }

TEST(MerkleFrontierTest, EmptyTreeHasTheEmptyRoot) {
  MerkleFrontier f;
  EXPECT_EQ(f.size(), 0u);
  EXPECT_EQ(f.Root(), MerkleEmptyRoot());
}

TEST(MerkleFrontierTest, RootEqualsTheFullTreeComputationAtEverySize) {
  MerkleFrontier f;
  MemoryLeafHashes all;
  for (int i = 0; i < 300; ++i) {
    f.AppendLeafHash(Leaf(i));
    all.AppendLeafHash(Leaf(i));
    Result<MerkleHash> expected = MerkleRoot(all, all.LeafCount());
    ASSERT_TRUE(expected.ok());
    ASSERT_EQ(f.Root(), *expected) << "size " << i + 1;
  }
}

TEST(MerkleFrontierTest, SerialiseRoundTripsAndKeepsAppending) {
  MerkleFrontier f;
  for (int i = 0; i < 37; ++i) f.AppendLeafHash(Leaf(i));
  Result<MerkleFrontier> back = MerkleFrontier::Parse(f.Serialize());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->size(), 37u);
  EXPECT_EQ(back->Root(), f.Root());
  back->AppendLeafHash(Leaf(37));
  f.AppendLeafHash(Leaf(37));
  EXPECT_EQ(back->Root(), f.Root());
}

TEST(MerkleFrontierTest, ParseRejectsWrongLengths) {
  MerkleFrontier f;
  for (int i = 0; i < 5; ++i) f.AppendLeafHash(Leaf(i));  // 5 = 0b101: two hashes
  Bytes bytes = f.Serialize();
  EXPECT_EQ(bytes.size(), 8u + 2 * kMerkleHashSize);
  Bytes short_bytes(bytes.begin(), bytes.end() - 1);
  EXPECT_EQ(MerkleFrontier::Parse(short_bytes).status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(MerkleFrontier::Parse(Bytes{1, 2}).status().code(), StatusCode::kDataLoss);
  bytes[7] = 6;  // claims 6 leaves (two hashes still) -> accepted shape, different meaning
  EXPECT_TRUE(MerkleFrontier::Parse(bytes).ok());
  bytes[7] = 7;  // 7 leaves need three hashes
  EXPECT_EQ(MerkleFrontier::Parse(bytes).status().code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace recount::crypto
