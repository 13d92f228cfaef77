#include "crypto/envelope.h"

#include <gtest/gtest.h>

#include "crypto/data_key.h"

namespace recount::crypto {
namespace {

TEST(EnvelopeCipherTest, SealsInTheDataKeyFormatsAndOpensBack) {
  auto vault = SecretBytes::Random(32);
  ASSERT_TRUE(vault.ok());
  auto cipher = EnvelopeCipher::Create(*vault, DataKeyClass::kIdentity);
  ASSERT_TRUE(cipher.ok());
  const FieldBinding b{"0123456789abcdef0123456789abcdef", "identity", 1};
  Bytes out = {0xAA};  // a caller's header is kept
  ASSERT_TRUE(cipher->Seal(b, AsBytes("{\"full_name\":\"Kim\"}"), &out).ok());
  ASSERT_EQ(out.size(), 1 + EnvelopeCipher::SealedSize(19));
  EXPECT_EQ(out[0], 0xAA);
  ByteSpan env = ByteSpan(out).subspan(1);
  // data_key.h opens it: the formats are the same.
  auto key = UnwrapDataKey(*vault, env.first(kWrappedDataKeySize), b.record_id,
                           DataKeyClass::kIdentity);
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  auto plain = OpenField(*key, b, env.subspan(kWrappedDataKeySize));
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(AsString(*plain), "{\"full_name\":\"Kim\"}");
  Bytes opened;
  ASSERT_TRUE(cipher->Open(b, env, &opened).ok());
  EXPECT_EQ(AsString(opened), "{\"full_name\":\"Kim\"}");
  // And it opens what data_key.h seals.
  auto dk = NewDataKey();
  Bytes legacy = *WrapDataKey(*vault, *dk, b.record_id, DataKeyClass::kIdentity);
  Bytes field = *SealField(*dk, b, AsBytes("x"));
  legacy.insert(legacy.end(), field.begin(), field.end());
  ASSERT_TRUE(cipher->Open(b, legacy, &opened).ok());
  EXPECT_EQ(AsString(opened), "x");
}

TEST(EnvelopeCipherTest, RejectsWrongKeyBindingDamageAndTruncation) {
  auto vault = SecretBytes::Random(32);
  auto other = SecretBytes::Random(32);
  auto cipher = EnvelopeCipher::Create(*vault, DataKeyClass::kIdentity);
  auto wrong = EnvelopeCipher::Create(*other, DataKeyClass::kIdentity);
  auto wrong_class = EnvelopeCipher::Create(*vault, DataKeyClass::kRecord);
  ASSERT_TRUE(cipher.ok() && wrong.ok() && wrong_class.ok());
  const FieldBinding b{"id-1", "identity", 1};
  Bytes env;
  ASSERT_TRUE(cipher->Seal(b, AsBytes("secret name"), &env).ok());
  Bytes plain;
  EXPECT_EQ(wrong->Open(b, env, &plain).code(), StatusCode::kDataLoss);
  EXPECT_EQ(wrong_class->Open(b, env, &plain).code(), StatusCode::kDataLoss);
  EXPECT_EQ(cipher->Open({"id-2", "identity", 1}, env, &plain).code(), StatusCode::kDataLoss);
  EXPECT_EQ(cipher->Open({"id-1", "other", 1}, env, &plain).code(), StatusCode::kDataLoss);
  EXPECT_EQ(cipher->Open({"id-1", "identity", 2}, env, &plain).code(), StatusCode::kDataLoss);
  for (size_t i = 0; i < env.size(); ++i) {
    Bytes bad = env;
    bad[i] ^= 0x01;
    EXPECT_EQ(cipher->Open(b, bad, &plain).code(), StatusCode::kDataLoss) << "byte " << i;
  }
  for (size_t n = 0; n < env.size(); ++n) {
    EXPECT_EQ(cipher->Open(b, ByteSpan(env).first(n), &plain).code(), StatusCode::kDataLoss)
        << "length " << n;
  }
  EXPECT_TRUE(cipher->Open(b, env, &plain).ok());
  EXPECT_EQ(AsString(plain), "secret name");
}

TEST(EnvelopeCipherTest, EqualPlaintextsGiveDifferentEnvelopes) {
  auto vault = SecretBytes::Random(32);
  auto cipher = EnvelopeCipher::Create(*vault, DataKeyClass::kIdentity);
  Bytes a, b;
  ASSERT_TRUE(cipher->Seal({"r", "f", 1}, AsBytes("same"), &a).ok());
  ASSERT_TRUE(cipher->Seal({"r", "f", 1}, AsBytes("same"), &b).ok());
  EXPECT_NE(a, b);
  EXPECT_EQ(EnvelopeCipher::Create(*SecretBytes::Random(16), DataKeyClass::kIdentity)
                .status()
                .code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace recount::crypto
