#include "crypto/checkpoint.h"

#include <gtest/gtest.h>

#include "crypto/encoding.h"
#include "crypto/merkle_tree.h"
#include "crypto/merkle_verify.h"

namespace recount::crypto {
namespace {

NoteSigner Gen(std::string_view name) { return std::move(NoteSigner::Generate(name)).value(); }

TEST(CheckpointTest, ParsesTheSpecExampleBody) {
  // The example checkpoint of c2sp.org/tlog-checkpoint.
  const std::string text =
      "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
  auto cp = ParseCheckpoint(text);
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  EXPECT_EQ(cp->origin, "example.com/behind-the-sofa");
  EXPECT_EQ(cp->tree_size, 20852163u);
  EXPECT_EQ(Base64Encode(cp->root_hash), "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
  EXPECT_TRUE(cp->extensions.empty());
  EXPECT_EQ(*FormatCheckpoint(*cp), text);
}

TEST(CheckpointTest, RejectsMalformedBodies) {
  const std::string root = "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=";
  for (const std::string& bad : std::vector<std::string>{
           "o\n1\n",                                   // too few lines
           "o\n01\n" + root + "\n",                    // leading zero
           "o\n-1\n" + root + "\n",                    // sign
           "o\n1 \n" + root + "\n",                    // trailing space
           "o\n18446744073709551616\n" + root + "\n",  // > uint64
           "o\n1\nAAAA\n",                             // root not 32 bytes
           "o\n1\n" + root + "\n\n",                   // empty extension line
           "\n1\n" + root + "\n",                      // empty origin
           "o\n1\n" + root,                            // no final newline
       }) {
    EXPECT_EQ(ParseCheckpoint(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
  EXPECT_TRUE(ParseCheckpoint("o\n0\n" + root + "\n").ok());
  EXPECT_EQ(ParseCheckpoint("o\n18446744073709551615\n" + root + "\next\n")->extensions.size(), 1u);
}

TEST(CheckpointTest, SignCosignOpenAndCheckConsistency) {
  auto log = Gen("recount.example/log");
  auto partner = Gen("partner.example/witness");
  MemoryLeafHashes tree;
  for (int i = 0; i < 10; ++i) tree.Append(AsBytes("event " + std::to_string(i)));

  Checkpoint old_cp{"recount.example/log", 7, *MerkleRoot(tree, 7), {}};
  Checkpoint new_cp{"recount.example/log", 10, *MerkleRoot(tree, 10), {}};
  auto old_note = SignCheckpoint(old_cp, log);
  auto new_note = SignCheckpoint(new_cp, log);
  ASSERT_TRUE(old_note.ok() && new_note.ok());
  auto cosigned = CosignNote(*new_note, partner);
  ASSERT_TRUE(cosigned.ok());

  CheckpointPolicy policy{"recount.example/log", log.verifier(), {partner.verifier()}, 1};
  EXPECT_EQ(OpenCheckpoint(*new_note, policy).status().code(), StatusCode::kUnauthenticated);
  auto verified_new = OpenCheckpoint(*cosigned, policy);
  ASSERT_TRUE(verified_new.ok()) << verified_new.status().ToString();
  EXPECT_EQ(verified_new->cosigned_by, std::vector<std::string>{"partner.example/witness"});
  policy.required_cosigners = 0;
  auto verified_old = OpenCheckpoint(*old_note, policy);
  ASSERT_TRUE(verified_old.ok());

  // A court's question: is the 10-entry log an extension of the 7-entry one signed earlier?
  auto proof = MerkleConsistencyProof(tree, 7, 10);
  ASSERT_TRUE(proof.ok());
  EXPECT_TRUE(VerifyMerkleConsistency(7, 10, *proof, verified_old->checkpoint.root_hash,
                                      verified_new->checkpoint.root_hash)
                  .ok());

  // Wrong origin, cosigner-only signature and a forged size are all refused.
  CheckpointPolicy wrong_origin = policy;
  wrong_origin.origin = "other.example/log";
  EXPECT_EQ(OpenCheckpoint(*old_note, wrong_origin).status().code(), StatusCode::kUnauthenticated);
  auto partner_only = SignCheckpoint(new_cp, partner);
  ASSERT_TRUE(partner_only.ok());
  EXPECT_EQ(OpenCheckpoint(*partner_only, policy).status().code(), StatusCode::kUnauthenticated);
  std::string forged = *old_note;
  forged.replace(forged.find("\n7\n"), 3, "\n8\n");
  EXPECT_EQ(OpenCheckpoint(forged, policy).status().code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace recount::crypto
