#include "crypto/blocking_key.h"

#include <gtest/gtest.h>

#include <set>

#include "crypto/random_id.h"

namespace recount::crypto {
namespace {

TEST(BlockingKeyTest, DeterministicKeyedAndDomainSeparated) {
  auto vault = std::move(SecretBytes::Random(32)).value();
  auto other_vault = std::move(SecretBytes::Random(32)).value();
  auto h = BlockingKeyHasher::FromVaultKey(vault);
  auto h_again = BlockingKeyHasher::FromVaultKey(vault);
  auto h_other = BlockingKeyHasher::FromVaultKey(other_vault);
  auto h_rotated = BlockingKeyHasher::FromVaultKey(vault, 2);
  ASSERT_TRUE(h.ok() && h_again.ok() && h_other.ok() && h_rotated.ok());
  const std::string t = *h->Token("surname.rr", "kim");
  EXPECT_EQ(t.size(), 64u);
  EXPECT_EQ(t, *h_again->Token("surname.rr", "kim"));
  EXPECT_NE(t, *h->Token("surname.rr", "kin"));
  EXPECT_NE(t, *h->Token("given.rr", "kim"));
  EXPECT_NE(t, *h_other->Token("surname.rr", "kim"));
  EXPECT_NE(t, *h_rotated->Token("surname.rr", "kim"));
  // Length prefixes: ("ab","c") and ("a","bc") must not collide.
  EXPECT_NE(*h->Token("ab", "c"), *h->Token("a", "bc"));
  EXPECT_EQ(h->Token("", "kim").status().code(), StatusCode::kInvalidArgument);
  auto short_key = std::move(SecretBytes::Random(16)).value();
  EXPECT_EQ(BlockingKeyHasher::FromVaultKey(short_key).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(RandomIdTest, FormatAndUniqueness) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    auto id = NewRandomId();
    ASSERT_TRUE(id.ok());
    EXPECT_TRUE(IsRandomId(*id)) << *id;
    EXPECT_TRUE(seen.insert(*id).second);
  }
  EXPECT_FALSE(IsRandomId("abc"));
  EXPECT_FALSE(IsRandomId("0123456789ABCDEF0123456789abcdef"));  // upper case
  EXPECT_FALSE(IsRandomId("0123456789abcdef0123456789abcdeg"));
  EXPECT_TRUE(IsRandomId("0123456789abcdef0123456789abcdef"));
}

TEST(RandomIdTest, AllDigitsAppear) {
  // Crude check that all 16 symbols are produced (a broken encoder tends to miss some).
  std::set<char> chars;
  for (int i = 0; i < 50; ++i) {
    const std::string id = *NewRandomId();
    chars.insert(id.begin(), id.end());
  }
  EXPECT_EQ(chars.size(), 16u);
}

}  // namespace
}  // namespace recount::crypto
