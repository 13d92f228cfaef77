#include "crypto/password_hash.h"

#include <gtest/gtest.h>

namespace recount::crypto {
namespace {

constexpr auto kFastHash = PasswordStrength::kTestingOnlyInsecure;

TEST(PasswordHash, VerifiesTheRightPasswordOnly) {
  auto h = HashPassword("correct horse battery", kFastHash);
  ASSERT_TRUE(h.ok()) << h.status().ToString();
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword("correct horse battery", *h));
  EXPECT_FALSE(VerifyPassword("correct horse batterz", *h));
  EXPECT_FALSE(VerifyPassword("", *h));
  // Two hashes of one password differ (random salt).
  EXPECT_NE(*h, *HashPassword("correct horse battery", kFastHash));
}

TEST(PasswordHash, RejectsEmptyAndOverlongPasswords) {
  EXPECT_EQ(HashPassword("", kFastHash).status().code(), StatusCode::kInvalidArgument);
  std::string longer(kMaxPasswordBytes + 1, 'a');
  EXPECT_EQ(HashPassword(longer, kFastHash).status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(VerifyPassword(longer, *HashPassword("a", kFastHash)));
}

TEST(PasswordHash, MalformedStoredHashIsNoMatch) {
  for (const char* bad : {"", "x", "$argon2i$v=19$m=8,t=1,p=1$AAAA$AAAA", "$argon2id$garbage"}) {
    EXPECT_FALSE(VerifyPassword("password", bad)) << bad;
  }
}

TEST(PasswordHash, WeakParametersNeedRehash) {
  auto weak = HashPassword("some password", kFastHash);
  ASSERT_TRUE(weak.ok());
  EXPECT_TRUE(PasswordNeedsRehash(*weak, PasswordStrength::kInteractive));
  EXPECT_FALSE(PasswordNeedsRehash(*weak, kFastHash));
}

}  // namespace
}  // namespace recount::crypto
