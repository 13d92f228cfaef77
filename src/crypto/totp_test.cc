#include "crypto/totp.h"

#include <gtest/gtest.h>

#include <string>

namespace recount::crypto {
namespace {

// RFC 6238 Appendix B: seeds are the ASCII digits repeated to the hash's output size.
const std::string kSeed20 = "12345678901234567890";
const std::string kSeed32 = "12345678901234567890123456789012";
const std::string kSeed64 =
    "1234567890123456789012345678901234567890123456789012345678901234";

struct Vector {
  int64_t time;
  const char* sha1;
  const char* sha256;
  const char* sha512;
};

TEST(Totp, Rfc6238AppendixB) {
  const Vector vectors[] = {
      {59, "94287082", "46119246", "90693936"},
      {1111111109, "07081804", "68084774", "25091201"},
      {1111111111, "14050471", "67062674", "99943326"},
      {1234567890, "89005924", "91819424", "93441116"},
      {2000000000, "69279037", "90698825", "38618901"},
      {20000000000, "65353130", "77737706", "47863826"},
  };
  for (const Vector& v : vectors) {
    SCOPED_TRACE(v.time);
    EXPECT_EQ(Totp(AsBytes(kSeed20), v.time, {TotpHash::kSha1, 8}), v.sha1);
    EXPECT_EQ(Totp(AsBytes(kSeed32), v.time, {TotpHash::kSha256, 8}), v.sha256);
    EXPECT_EQ(Totp(AsBytes(kSeed64), v.time, {TotpHash::kSha512, 8}), v.sha512);
  }
}

TEST(Totp, Rfc4226AppendixDHotpValues) {
  const char* expected[] = {"755224", "287082", "359152", "969429", "338314",
                            "254676", "287922", "162583", "399871", "520489"};
  for (uint64_t c = 0; c < 10; ++c) EXPECT_EQ(Hotp(AsBytes(kSeed20), c), expected[c]) << c;
}

TEST(Totp, AcceptsAdjacentStepsOnceAndRefusesReuse) {
  ByteSpan secret = AsBytes(kSeed20);
  int64_t now = 1'700'000'000;
  std::string code = Totp(secret, now);
  auto step = VerifyTotp(secret, code, now, std::nullopt);
  ASSERT_TRUE(step.has_value());
  EXPECT_EQ(*step, TotpStep(now));
  // The same code again (replay) is refused once its step was used.
  EXPECT_FALSE(VerifyTotp(secret, code, now, step).has_value());
  // A code from the previous step is accepted 30 s later (drift), not 90 s later.
  std::string previous = Totp(secret, now - 30);
  EXPECT_TRUE(VerifyTotp(secret, previous, now, std::nullopt).has_value());
  EXPECT_FALSE(VerifyTotp(secret, previous, now + 60, std::nullopt).has_value());
  // Wrong codes, wrong length, empty.
  std::string wrong = code == "000000" ? "000001" : "000000";
  EXPECT_FALSE(VerifyTotp(secret, wrong, now + 300, std::nullopt).has_value() &&
               Totp(secret, now + 300) != wrong);
  EXPECT_FALSE(VerifyTotp(secret, code + "1", now, std::nullopt).has_value());
  EXPECT_FALSE(VerifyTotp(secret, "", now, std::nullopt).has_value());
}

TEST(Totp, Base32RoundTripAndRfc4648Vectors) {
  EXPECT_EQ(Base32Encode(AsBytes("foobar"), true), "MZXW6YTBOI======");
  EXPECT_EQ(Base32Encode(AsBytes("fooba"), true), "MZXW6YTB");
  EXPECT_EQ(Base32Encode(AsBytes("f"), true), "MY======");
  EXPECT_EQ(Base32Encode(AsBytes("f")), "MY");
  auto d = Base32Decode("mzxw 6ytb oi======");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(AsString(*d), "foobar");
  EXPECT_EQ(AsString(*Base32Decode(Base32Encode(AsBytes(kSeed20)))), kSeed20);
  auto bad = Base32Decode("MZ1W");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("position 3"), std::string::npos);
  EXPECT_FALSE(Base32Decode("MY==A").ok());
}

TEST(Totp, UriNamesIssuerAccountAndParameters) {
  std::string uri = TotpUri("recount", "kim lee@org", AsBytes(kSeed20));
  EXPECT_EQ(uri,
            "otpauth://totp/recount:kim%20lee%40org?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"
            "&issuer=recount&algorithm=SHA1&digits=6&period=30");
}

}  // namespace
}  // namespace recount::crypto
