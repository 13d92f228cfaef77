#include "crypto/cosignature.h"

#include <gtest/gtest.h>

#include "crypto/checkpoint.h"
#include "crypto/encoding.h"

namespace recount::crypto {
namespace {

// The base64 key of a vkey: everything after the second '+' (base64 may itself contain '+').
std::string KeyPart(const std::string& vkey) {
  return vkey.substr(vkey.find('+', vkey.find('+') + 1) + 1);
}

TEST(CosignatureTest, SignedMessageAndPayloadLayoutFollowTheSpec) {
  auto seed = std::move(SecretBytes::Random(32)).value();
  auto c = std::move(Cosigner::FromSeed("witness.example.com/w1", seed)).value();
  const std::string text =
      "example.com/behind-the-sofa\n20852163\n"
      "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";
  auto line = c.CosignatureLine(text, 1679315147);
  ASSERT_TRUE(line.ok());
  const std::string prefix = "\xE2\x80\x94 witness.example.com/w1 ";
  ASSERT_EQ(line->substr(0, prefix.size()), prefix);
  Bytes payload = *Base64Decode(line->substr(prefix.size(), line->size() - prefix.size() - 1));
  ASSERT_EQ(payload.size(), 4u + 8 + 64);
  // key id, then the big-endian timestamp 1679315147 = 0x6418_50CB.
  EXPECT_EQ(HexEncode(ByteSpan(payload).subspan(4, 8)), "00000000641850cb");
  // The signature covers "cosignature/v1\ntime <T>\n" + text: check with a plain Ed25519 note
  // verifier over that message, using the same public key.
  const std::string vkey = c.verifier().Vkey();
  Bytes pk = *Base64Decode(KeyPart(vkey));
  ASSERT_EQ(pk[0], kNoteCosignatureV1Type);
  auto plain = NoteVerifier::FromPublicKey("x", ByteSpan(pk).subspan(1));
  EXPECT_TRUE(
      plain->Verify("cosignature/v1\ntime 1679315147\n" + text, ByteSpan(payload).subspan(12)));
  EXPECT_FALSE(plain->Verify(text, ByteSpan(payload).subspan(12)));
}

TEST(CosignatureTest, PartnerCosignsACheckpoint) {
  auto log = std::move(NoteSigner::Generate("recount.example/log")).value();
  auto partner = std::move(Cosigner::Generate("partner.example/witness")).value();
  const Checkpoint cp{"recount.example/log", 42, MerkleEmptyRoot(), {}};
  const std::string note = *SignCheckpoint(cp, log);
  auto cosigned = AddCosignature(note, partner, 1764374400);
  ASSERT_TRUE(cosigned.ok());
  EXPECT_EQ(AddCosignature(*cosigned, partner, 1764374401).status().code(),
            StatusCode::kAlreadyExists);

  auto verifier = CosignatureVerifier::FromVkey(partner.verifier().Vkey());
  ASSERT_TRUE(verifier.ok()) << verifier.status().ToString();
  const CosignatureVerifier known[] = {*verifier};
  auto got = VerifyCosignatures(*cosigned, known);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->size(), 1u);
  EXPECT_EQ((*got)[0].name, "partner.example/witness");
  EXPECT_EQ((*got)[0].timestamp, 1764374400u);
  // The log's own signature still verifies with the cosignature line present.
  CheckpointPolicy policy{"recount.example/log", log.verifier(), {}, 0};
  EXPECT_TRUE(OpenCheckpoint(*cosigned, policy).ok());
  // No cosignature -> unauthenticated; altered checkpoint -> data loss.
  EXPECT_EQ(VerifyCosignatures(note, known).status().code(), StatusCode::kUnauthenticated);
  std::string altered = *cosigned;
  altered.replace(altered.find("\n42\n"), 4, "\n43\n");
  EXPECT_EQ(VerifyCosignatures(altered, known).status().code(), StatusCode::kDataLoss);
}

TEST(CosignatureTest, KeyIdsDifferFromNoteKeysAndVkeysAreChecked) {
  auto seed = std::move(SecretBytes::Random(32)).value();
  auto c = std::move(Cosigner::FromSeed("w", seed)).value();
  const std::string vkey = c.verifier().Vkey();
  Bytes pk = *Base64Decode(KeyPart(vkey));
  EXPECT_NE(c.verifier().key_id(), NoteKeyId("w", ByteSpan(pk).subspan(1)));
  // A type-0x01 note vkey is not a cosigner key.
  auto note_key = std::move(NoteSigner::Generate("w")).value();
  EXPECT_FALSE(CosignatureVerifier::FromVkey(note_key.verifier().Vkey()).ok());
  EXPECT_FALSE(CosignatureVerifier::FromVkey("w+00000000+" + KeyPart(vkey)).ok());
  EXPECT_EQ(c.CosignatureLine("x\n", uint64_t{1} << 63).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace recount::crypto
