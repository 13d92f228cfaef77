#include "crypto/encoding.h"

#include <gtest/gtest.h>

#include "crypto/secret_bytes.h"
#include "crypto/sha256.h"

namespace recount::crypto {
namespace {

TEST(EncodingTest, Base64Rfc4648Vectors) {
  // RFC 4648 section 10 test vectors.
  const std::pair<const char*, const char*> cases[] = {{"", ""},
                                                       {"f", "Zg=="},
                                                       {"fo", "Zm8="},
                                                       {"foo", "Zm9v"},
                                                       {"foob", "Zm9vYg=="},
                                                       {"fooba", "Zm9vYmE="},
                                                       {"foobar", "Zm9vYmFy"}};
  for (auto [plain, enc] : cases) {
    EXPECT_EQ(Base64Encode(AsBytes(plain)), enc);
    auto dec = Base64Decode(enc);
    ASSERT_TRUE(dec.ok()) << enc;
    EXPECT_EQ(AsString(*dec), plain);
  }
}

TEST(EncodingTest, Base64DecodeIsStrict) {
  for (const char* bad :
       {"Zg", "Zg=", "Zh==", "Zm9v\n", " Zm9v", "Zm9v!", "Zm9vYg==x", "Zm-v", "Zm_v", "===="}) {
    EXPECT_EQ(Base64Decode(bad).status().code(), StatusCode::kInvalidArgument) << bad;
  }
}

TEST(EncodingTest, HexRoundTripAndStrictness) {
  const Bytes b = {0x00, 0x01, 0xab, 0xff};
  EXPECT_EQ(HexEncode(b), "0001abff");
  EXPECT_EQ(HexEncode({}), "");
  EXPECT_TRUE(HexDecode("")->empty());
  EXPECT_TRUE(Base64Decode("")->empty());
  EXPECT_EQ(*HexDecode("0001abff"), b);
  EXPECT_EQ(*HexDecode("0001ABFF"), b);
  EXPECT_FALSE(HexDecode("abc").ok());
  EXPECT_FALSE(HexDecode("zz").ok());
  EXPECT_FALSE(HexDecode("ab cd").ok());
}

TEST(EncodingTest, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals(AsBytes("abc"), AsBytes("abc")));
  EXPECT_FALSE(ConstantTimeEquals(AsBytes("abc"), AsBytes("abd")));
  EXPECT_FALSE(ConstantTimeEquals(AsBytes("abc"), AsBytes("ab")));
  EXPECT_TRUE(ConstantTimeEquals({}, {}));
}

TEST(Sha256Test, Fips180Vectors) {
  EXPECT_EQ(HexEncode(Sha256(AsBytes("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  Sha256Hasher h;
  h.Update(AsBytes("abcdbcdecdefdefgefghfghighijhijkijkljklm"));
  h.Update(AsBytes("klmnlmnomnopnopq"));
  EXPECT_EQ(HexEncode(h.Finish()),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(SecretBytesTest, AllocateRandomCopyMove) {
  auto a = SecretBytes::Random(32);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->size(), 32u);
  auto b = SecretBytes::CopyOf(a->span());
  ASSERT_TRUE(b.ok());
  EXPECT_TRUE(a->Equals(*b));
  b->data()[0] ^= 1;
  EXPECT_FALSE(a->Equals(*b));
  SecretBytes moved = std::move(*a);
  EXPECT_EQ(moved.size(), 32u);
  EXPECT_TRUE(a->empty());  // NOLINT(bugprone-use-after-move): documented moved-from state
  auto z = SecretBytes::Allocate(16);
  ASSERT_TRUE(z.ok());
  for (size_t i = 0; i < z->size(); ++i) EXPECT_EQ(z->data()[i], 0);
  EXPECT_EQ(SecretBytes::Allocate(0).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace recount::crypto
