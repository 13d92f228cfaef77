#include "crypto/data_key.h"

#include <gtest/gtest.h>

#include "crypto/aead.h"

namespace recount::crypto {
namespace {

class DataKeyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    master_ = std::move(SecretBytes::Random(32)).value();
    vault_ = std::move(SecretBytes::Random(32)).value();
  }
  SecretBytes master_;
  SecretBytes vault_;
};

TEST_F(DataKeyTest, WrapUnwrapBoundToRecordAndClass) {
  auto key = NewDataKey();
  ASSERT_TRUE(key.ok());
  auto wrapped = WrapDataKey(vault_, *key, "rec-1", DataKeyClass::kIdentity);
  ASSERT_TRUE(wrapped.ok());
  EXPECT_EQ(wrapped->size(), kWrappedDataKeySize);
  auto back = UnwrapDataKey(vault_, *wrapped, "rec-1", DataKeyClass::kIdentity);
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(back->Equals(*key));
  // Wrong wrapping key (an analyst with only the master key), wrong record, wrong class.
  EXPECT_EQ(UnwrapDataKey(master_, *wrapped, "rec-1", DataKeyClass::kIdentity).status().code(),
            StatusCode::kDataLoss);
  EXPECT_EQ(UnwrapDataKey(vault_, *wrapped, "rec-2", DataKeyClass::kIdentity).status().code(),
            StatusCode::kDataLoss);
  EXPECT_EQ(UnwrapDataKey(vault_, *wrapped, "rec-1", DataKeyClass::kRecord).status().code(),
            StatusCode::kDataLoss);
  Bytes bad = *wrapped;
  bad[30] ^= 1;
  EXPECT_EQ(UnwrapDataKey(vault_, bad, "rec-1", DataKeyClass::kIdentity).status().code(),
            StatusCode::kDataLoss);
  EXPECT_EQ(UnwrapDataKey(vault_, ByteSpan(*wrapped).first(40), "rec-1", DataKeyClass::kIdentity)
                .status()
                .code(),
            StatusCode::kDataLoss);
}

TEST_F(DataKeyTest, FieldsRoundTripAndCannotBeSwapped) {
  auto key = std::move(NewDataKey()).value();
  const std::string name = "김영희";
  const FieldBinding b{"rec-1", "person.name_hangul", 3};
  auto sealed = SealField(key, b, AsBytes(name));
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->size(), name.size() + 41);
  auto opened = OpenField(key, b, *sealed);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(AsString(*opened), name);
  // Two seals of the same value differ (random nonce): equal plaintexts are not revealed.
  EXPECT_NE(*sealed, *SealField(key, b, AsBytes(name)));

  for (const FieldBinding& other :
       {FieldBinding{"rec-2", "person.name_hangul", 3}, FieldBinding{"rec-1", "person.alias", 3},
        FieldBinding{"rec-1", "person.name_hangul", 2}}) {
    auto r = OpenField(key, other, *sealed);
    EXPECT_EQ(r.status().code(), StatusCode::kDataLoss) << other.record_id << other.field;
  }
  for (size_t i = 0; i < sealed->size(); ++i) {
    Bytes bad = *sealed;
    bad[i] ^= 0x80;
    EXPECT_EQ(OpenField(key, b, bad).status().code(), StatusCode::kDataLoss) << i;
  }
  EXPECT_FALSE(OpenField(key, b, ByteSpan(*sealed).first(sealed->size() - 1)).ok());
  EXPECT_FALSE(OpenField(key, b, {}).ok());
  EXPECT_EQ(SealField(key, FieldBinding{"", "f", 1}, AsBytes("x")).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(DataKeyTest, EmptyValuesSealToo) {
  auto key = std::move(NewDataKey()).value();
  const FieldBinding b{"rec-1", "note", 1};
  auto sealed = SealField(key, b, {});
  ASSERT_TRUE(sealed.ok());
  auto opened = OpenField(key, b, *sealed);
  ASSERT_TRUE(opened.ok());
  EXPECT_TRUE(opened->empty());
}

TEST_F(DataKeyTest, CryptoShreddingLeavesFieldsUnreadable) {
  // The store keeps only the wrapped key; "shredding" deletes it. Without it, neither the master
  // key nor a newly generated data key opens the old ciphertext.
  Bytes sealed;
  {
    auto key = std::move(NewDataKey()).value();
    Bytes wrapped = *WrapDataKey(master_, key, "rec-9", DataKeyClass::kRecord);
    sealed = *SealField(key, {"rec-9", "testimony.narrative", 1}, AsBytes("what happened"));
    wrapped.clear();  // the store deletes the wrapped-key row (and vacuums); `key` is wiped here
  }
  auto fresh = std::move(NewDataKey()).value();
  EXPECT_EQ(OpenField(fresh, {"rec-9", "testimony.narrative", 1}, sealed).status().code(),
            StatusCode::kDataLoss);
  EXPECT_EQ(OpenField(master_, {"rec-9", "testimony.narrative", 1}, sealed).status().code(),
            StatusCode::kDataLoss);
}

TEST(AeadTest, SealOpenAndWrongKeySize) {
  auto key = std::move(SecretBytes::Random(32)).value();
  auto sealed = AeadSeal(key, AsBytes("ad"), AsBytes("hello"));
  ASSERT_TRUE(sealed.ok());
  EXPECT_EQ(sealed->size(), 5 + kAeadOverhead);
  EXPECT_EQ(AsString(*AeadOpen(key, AsBytes("ad"), *sealed)), "hello");
  EXPECT_EQ(AeadOpen(key, AsBytes("ae"), *sealed).status().code(), StatusCode::kDataLoss);
  auto short_key = std::move(SecretBytes::Random(16)).value();
  EXPECT_EQ(AeadSeal(short_key, {}, {}).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace recount::crypto
