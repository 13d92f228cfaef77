// The identity vault and the store's keys: sealing, opening, locked reading, damaged records and
// key rings, wrong passphrases, passphrase changes that change nothing on failure.
#include "app/identity_vault.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/store_keys.h"
#include "crypto/kdf.h"

namespace recount::app {
namespace {

constexpr crypto::KdfStrength kFast = crypto::KdfStrength::kTestingOnlyInsecure;

model::Identity Sample() {
  model::Identity id;
  id.full_name = "김금순";
  id.surname = "김";
  id.given_name = "금순";
  id.name_variants = {"Kim Kum Sun", "Kim Keum-soon"};
  id.interviewer = "Interviewer 7";
  return id;
}

crypto::Credential Pass(std::string_view p) { return crypto::Credential::Passphrase(p).value(); }

TEST(IdentityVaultTest, SealsWithoutPlaintextAndOpensBack) {
  auto key = crypto::SecretBytes::Random(32);
  auto vault = IdentityVault::FromVaultKey(*key);
  ASSERT_TRUE(vault.ok());
  auto sealed = (*vault)->Seal(Sample());
  ASSERT_TRUE(sealed.ok());
  const auto& [id, blob] = *sealed;
  EXPECT_EQ(id.size(), 32u);
  EXPECT_TRUE(IsSealedIdentity(blob));
  EXPECT_EQ(blob.size(), 1 + crypto::EnvelopeCipher::SealedSize(blob.size() - 1 - 114));
  for (const char* plain : {"김금순", "Kim Kum Sun", "Interviewer", "full_name"}) {
    EXPECT_EQ(blob.find(plain), std::string::npos) << plain;
  }
  auto opened = (*vault)->Open(id, blob);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(*opened, Sample());
  // Two seals of the same identity share nothing (fresh id, key and nonces).
  auto again = (*vault)->Seal(Sample());
  EXPECT_NE(again->first, id);
  EXPECT_NE(again->second, blob);
}

TEST(IdentityVaultTest, ReaderStatesAndDamage) {
  auto key = crypto::SecretBytes::Random(32);
  auto other_key = crypto::SecretBytes::Random(32);
  auto sealed = (*IdentityVault::FromVaultKey(*key))->Seal(Sample());
  storage::StoredRecord sr;
  sr.record.id = 7;
  sr.record.source = "ngo-a";
  sr.record.external_id = "A-001";
  sr.identity_id = sealed->first;
  sr.identity_blob = sealed->second;

  IdentityReader unlocked = IdentityReader::Unlocked(IdentityVault::FromVaultKey(*key).value());
  auto read = unlocked.Read(sr);
  ASSERT_TRUE(read.ok() && read->has_value());
  EXPECT_EQ(**read, Sample());

  IdentityReader locked = IdentityReader::Locked();
  EXPECT_TRUE(locked.locked());
  auto none = locked.Read(sr);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());  // locked: nothing guessed

  // A record without identity (never recorded, or shredded) reads as empty, locked or not.
  storage::StoredRecord bare = sr;
  bare.identity_id.clear();
  bare.identity_blob.clear();
  EXPECT_TRUE((*locked.Read(bare))->empty());

  // A wrong vault key, a blob moved to another identity id, a flipped byte, a truncated blob, a
  // plain JSON blob in an encrypted store: kDataLoss naming the record.
  IdentityReader wrong =
      IdentityReader::Unlocked(IdentityVault::FromVaultKey(*other_key).value());
  EXPECT_EQ(wrong.Read(sr).status().code(), StatusCode::kDataLoss);
  storage::StoredRecord moved = sr;
  moved.identity_id = std::string(32, 'a');
  Status moved_status = unlocked.Read(moved).status();
  EXPECT_EQ(moved_status.code(), StatusCode::kDataLoss);
  EXPECT_NE(moved_status.message().find("ngo-a:A-001"), std::string::npos);
  for (size_t i = 0; i < sr.identity_blob.size(); i += 7) {
    storage::StoredRecord bad = sr;
    bad.identity_blob[i] ^= 0x20;
    EXPECT_EQ(unlocked.Read(bad).status().code(), StatusCode::kDataLoss) << i;
  }
  storage::StoredRecord cut = sr;
  cut.identity_blob.resize(50);
  EXPECT_EQ(unlocked.Read(cut).status().code(), StatusCode::kDataLoss);
  storage::StoredRecord plain = sr;
  plain.identity_blob = "{\"full_name\":\"planted\"}";
  EXPECT_EQ(unlocked.Read(plain).status().code(), StatusCode::kDataLoss);
  // ... which only a legacy store (no key ring) reads, as plain JSON.
  auto legacy = IdentityReader::LegacyPlaintext().Read(plain);
  ASSERT_TRUE(legacy.ok());
  EXPECT_EQ((*legacy)->full_name, "planted");
}

class StoreKeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("store_keys_test_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    store_ = std::move(storage::OpenStore((dir_ / "s.db").string(), storage::OpenMode::kCreate).value());
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }
  std::filesystem::path dir_;
  std::unique_ptr<storage::Store> store_;
};

TEST_F(StoreKeysTest, InitUnlockAndWrongPassphrase) {
  EXPECT_FALSE(LoadStoreKeys(*store_)->has_value());  // before init: a legacy store
  ASSERT_TRUE(CreateStoreKeys(*store_, Pass("store pass"), Pass("vault pass"), kFast).ok());
  EXPECT_EQ(CreateStoreKeys(*store_, Pass("store 2"), Pass("vault 2"), kFast).code(),
            StatusCode::kFailedPrecondition);  // a second init cannot replace the keys
  auto ring = LoadStoreKeys(*store_);
  ASSERT_TRUE(ring.ok() && ring->has_value());
  EXPECT_TRUE(UnlockIdentityVault(**ring, Pass("vault pass")).ok());
  EXPECT_EQ(UnlockIdentityVault(**ring, Pass("store pass")).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(UnlockIdentityVault(**ring, Pass("wrong")).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(CreateStoreKeys(*store_, Pass("same"), Pass("same"), kFast).code(),
            StatusCode::kInvalidArgument);
}

TEST_F(StoreKeysTest, PasswdChangesOnlyTheSlotAndNothingOnFailure) {
  ASSERT_TRUE(CreateStoreKeys(*store_, Pass("store pass"), Pass("vault pass"), kFast).ok());
  auto vault = UnlockIdentityVault(**LoadStoreKeys(*store_), Pass("vault pass"));
  auto sealed = (*vault)->Seal(Sample());
  const std::string before = **store_->LoadKeyRing();
  auto unchanged = [&] { EXPECT_EQ(**store_->LoadKeyRing(), before); };

  using crypto::KeySlotKind;
  // Wrong old passphrase.
  EXPECT_EQ(ChangeStoreCredential(*store_, KeySlotKind::kIdentityVault, Pass("nope"),
                                  Pass("new vault"), kFast)
                .code(),
            StatusCode::kUnauthenticated);
  unchanged();
  // The new vault passphrase may not be the store's.
  EXPECT_EQ(ChangeStoreCredential(*store_, KeySlotKind::kIdentityVault, Pass("vault pass"),
                                  Pass("store pass"), kFast)
                .code(),
            StatusCode::kInvalidArgument);
  unchanged();
  // A damaged key ring: a clear error, and nothing written.
  std::string damaged = before;
  damaged[damaged.size() / 2] ^= 1;
  ASSERT_TRUE(store_->SaveKeyRing(damaged, before).ok());
  Status on_damaged = ChangeStoreCredential(*store_, KeySlotKind::kIdentityVault,
                                            Pass("vault pass"), Pass("new vault"), kFast);
  EXPECT_EQ(on_damaged.code(), StatusCode::kDataLoss);
  EXPECT_NE(on_damaged.message().find("restore"), std::string::npos);
  EXPECT_EQ(LoadStoreKeys(*store_).status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(**store_->LoadKeyRing(), damaged);
  ASSERT_TRUE(store_->SaveKeyRing(before, damaged).ok());

  // The change itself: the new passphrase opens the same vault key (old data still opens), the
  // old one no longer does, and the store slot is untouched.
  ASSERT_TRUE(ChangeStoreCredential(*store_, KeySlotKind::kIdentityVault, Pass("vault pass"),
                                    Pass("new vault"), kFast)
                  .ok());
  auto ring = LoadStoreKeys(*store_);
  EXPECT_EQ(UnlockIdentityVault(**ring, Pass("vault pass")).status().code(),
            StatusCode::kUnauthenticated);
  auto reopened = UnlockIdentityVault(**ring, Pass("new vault"));
  ASSERT_TRUE(reopened.ok());
  auto opened = (*reopened)->Open(sealed->first, sealed->second);
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, Sample());
  EXPECT_TRUE((*ring)->Unlock(KeySlotKind::kStoreMaster, Pass("store pass")).ok());
}

TEST_F(StoreKeysTest, KeyFilesAreCreatedOnceAndPrivate) {
  const std::string path = (dir_ / "vault.key").string();
  ASSERT_TRUE(CreateKeyFile(path).ok());
  EXPECT_EQ(std::filesystem::file_size(path), 32u);
  EXPECT_EQ(std::filesystem::status(path).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  EXPECT_EQ(CreateKeyFile(path).code(), StatusCode::kAlreadyExists);
  auto c = ReadKeyFile(path);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->type(), crypto::Credential::Type::kKeyFile);
  EXPECT_EQ(ReadKeyFile((dir_ / "missing").string()).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(CreateStoreKeys(*store_, *c, Pass("vault pass"), kFast).ok());
  auto ring = LoadStoreKeys(*store_);
  EXPECT_TRUE((*ring)->Unlock(crypto::KeySlotKind::kStoreMaster, *ReadKeyFile(path)).ok());
}

}  // namespace
}  // namespace recount::app
