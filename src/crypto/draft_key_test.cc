#include "crypto/draft_key.h"

#include <gtest/gtest.h>

#include <string>

#include "crypto/test_support.h"

namespace recount::crypto {
namespace {

std::string Hex(const SecretBytes& k) {
  static const char* d = "0123456789abcdef";
  std::string s;
  for (size_t i = 0; i < k.size(); ++i) {
    s += d[k.data()[i] >> 4];
    s += d[k.data()[i] & 15];
  }
  return s;
}

TEST(DraftKeyTest, OneStableKeyPerAccountAndStore) {
  const SecretBytes master = testing::TestKey(1);
  const std::string a1 = Hex(DeriveDraftKey(master, 1).value());
  EXPECT_EQ(a1.size(), 2 * kDraftKeySize);
  EXPECT_EQ(a1, Hex(DeriveDraftKey(master, 1).value()));  // the same after a restart
  EXPECT_NE(a1, Hex(DeriveDraftKey(master, 2).value()));  // users cannot read each other's
  EXPECT_NE(a1, Hex(DeriveDraftKey(testing::TestKey(2), 1).value()));  // another store, another key
  EXPECT_NE(a1, Hex(master));
}

TEST(DraftKeyTest, RefusesAWrongMasterKeyOrNoAccount) {
  SecretBytes short_key = std::move(SecretBytes::Allocate(16).value());
  EXPECT_EQ(DeriveDraftKey(short_key, 1).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DeriveDraftKey(testing::TestKey(1), 0).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DeriveDraftKey(testing::TestKey(1), -5).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace recount::crypto
