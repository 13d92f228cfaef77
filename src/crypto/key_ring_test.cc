#include "crypto/key_ring.h"

#include <gtest/gtest.h>

#include "crypto/aead.h"
#include "crypto/kdf.h"
#include "crypto/sha256.h"

namespace recount::crypto {
namespace {

constexpr KdfStrength kFastKdf = KdfStrength::kTestingOnlyInsecure;

TEST(KdfTest, DeterministicForSameParamsAndDistinctPerSaltOrPassphrase) {
  auto p = NewKdfParams(kFastKdf);
  ASSERT_TRUE(p.ok());
  auto k1 = DeriveKeyFromPassphrase("correct horse", *p, 32);
  auto k2 = DeriveKeyFromPassphrase("correct horse", *p, 32);
  auto k3 = DeriveKeyFromPassphrase("correct horsf", *p, 32);
  ASSERT_TRUE(k1.ok() && k2.ok() && k3.ok());
  EXPECT_TRUE(k1->Equals(*k2));
  EXPECT_FALSE(k1->Equals(*k3));
  auto q = NewKdfParams(kFastKdf);
  EXPECT_NE(p->salt, q->salt);
  EXPECT_FALSE(k1->Equals(*DeriveKeyFromPassphrase("correct horse", *q, 32)));
  EXPECT_EQ(DeriveKeyFromPassphrase("", *p, 32).status().code(), StatusCode::kInvalidArgument);
}

TEST(KdfTest, PresetsAndBounds) {
  auto moderate = NewKdfParams(KdfStrength::kModerate);
  ASSERT_TRUE(moderate.ok());
  // libsodium's MODERATE preset: 3 passes, 256 MiB (documented in docs/security.md).
  EXPECT_EQ(moderate->ops_limit, 3u);
  EXPECT_EQ(moderate->memory_bytes, 256u << 20);
  EXPECT_FALSE(moderate->IsBelowModerate());
  EXPECT_TRUE(NewKdfParams(kFastKdf)->IsBelowModerate());
  KdfParams absurd = *moderate;
  absurd.memory_bytes = uint64_t{1} << 40;
  EXPECT_EQ(ValidateKdfParams(absurd).code(), StatusCode::kInvalidArgument);
  absurd = *moderate;
  absurd.algorithm = 9;
  EXPECT_EQ(ValidateKdfParams(absurd).code(), StatusCode::kInvalidArgument);
}

TEST(KeyRingTest, CreateSerializeParseUnlock) {
  auto created = KeyRing::Create("store pass", "vault pass", kFastKdf);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  const Bytes file = created->ring.Serialize();
  auto ring = KeyRing::Parse(file);
  ASSERT_TRUE(ring.ok()) << ring.status().ToString();
  auto master = ring->Unlock(KeySlotKind::kStoreMaster, "store pass");
  auto vault = ring->Unlock(KeySlotKind::kIdentityVault, "vault pass");
  ASSERT_TRUE(master.ok() && vault.ok());
  EXPECT_TRUE(master->Equals(created->master_key));
  EXPECT_TRUE(vault->Equals(created->vault_key));
  EXPECT_FALSE(master->Equals(*vault));
  // Neither key appears in the keyfile in the clear.
  const std::string text(file.begin(), file.end());
  EXPECT_EQ(text.find(std::string(master->data(), master->data() + 8)), std::string::npos);
  EXPECT_EQ(text.find(std::string(vault->data(), vault->data() + 8)), std::string::npos);
}

TEST(KeyRingTest, WrongPassphraseIsUnauthenticated) {
  auto created = KeyRing::Create("store pass", "vault pass", kFastKdf);
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created->ring.Unlock(KeySlotKind::kStoreMaster, "vault pass").status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(created->ring.Unlock(KeySlotKind::kIdentityVault, "store pass").status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(created->ring.Unlock(KeySlotKind::kStoreMaster, "").status().code(),
            StatusCode::kInvalidArgument);
}

TEST(KeyRingTest, RefusesEmptyOrIdenticalPassphrases) {
  EXPECT_EQ(KeyRing::Create("same", "same", kFastKdf).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(KeyRing::Create("", "x", kFastKdf).status().code(), StatusCode::kInvalidArgument);
}

TEST(KeyRingTest, EveryDamagedByteIsDetectedNeverCrashes) {
  auto created = KeyRing::Create("store pass", "vault pass", kFastKdf);
  ASSERT_TRUE(created.ok());
  const Bytes file = created->ring.Serialize();
  for (size_t i = 0; i < file.size(); ++i) {
    Bytes bad = file;
    bad[i] ^= 0x04;
    auto ring = KeyRing::Parse(bad);
    ASSERT_FALSE(ring.ok()) << "flip at byte " << i;
    EXPECT_TRUE(ring.status().code() == StatusCode::kDataLoss ||
                ring.status().code() == StatusCode::kFailedPrecondition)
        << i << ": " << ring.status().ToString();
  }
  for (size_t n = 0; n < file.size(); ++n) {
    EXPECT_FALSE(KeyRing::Parse(ByteSpan(file).first(n)).ok()) << "truncated to " << n;
  }
  Bytes longer = file;
  longer.push_back(0);
  EXPECT_EQ(KeyRing::Parse(longer).status().code(), StatusCode::kDataLoss);
}

TEST(KeyRingTest, TamperingBehindTheChecksumIsUnauthenticated) {
  // An attacker who edits the KDF parameters or the wrapped key and recomputes the (public)
  // checksum gets kUnauthenticated on unlock: the parameters are bound as associated data.
  auto created = KeyRing::Create("store pass", "vault pass", kFastKdf);
  ASSERT_TRUE(created.ok());
  const Bytes file = created->ring.Serialize();
  // Layout: magic(8) version(2) id(16) count(1) | kind(1) alg(1) passes(8) memory(8) salt(16) ...
  const size_t passes_last_byte = 8 + 2 + 16 + 1 + 1 + 1 + 7;
  const size_t wrapped_key_byte = 8 + 2 + 16 + 1 + 1 + 1 + 8 + 8 + 16 + 4 + 30;
  for (size_t offset : {passes_last_byte, wrapped_key_byte}) {
    Bytes bad = file;
    bad[offset] ^= 0x02;
    const size_t body = bad.size() - kSha256Size;
    const Sha256Digest sum = Sha256(ByteSpan(bad).first(body));
    std::copy(sum.begin(), sum.end(), bad.begin() + body);
    auto ring = KeyRing::Parse(bad);
    ASSERT_TRUE(ring.ok()) << ring.status().ToString();
    EXPECT_EQ(ring->Unlock(KeySlotKind::kStoreMaster, "store pass").status().code(),
              StatusCode::kUnauthenticated)
        << offset;
    EXPECT_TRUE(ring->Unlock(KeySlotKind::kIdentityVault, "vault pass").ok());
  }
}

TEST(KeyRingTest, ChangePassphraseRewrapsSameKey) {
  auto created = KeyRing::Create("store pass", "vault pass", kFastKdf);
  ASSERT_TRUE(created.ok());
  KeyRing ring = created->ring;
  EXPECT_EQ(ring.ChangePassphrase(KeySlotKind::kStoreMaster, "wrong", "new", kFastKdf).code(),
            StatusCode::kUnauthenticated);
  ASSERT_TRUE(ring.ChangePassphrase(KeySlotKind::kStoreMaster, "store pass", "new", kFastKdf).ok());
  auto reparsed = KeyRing::Parse(ring.Serialize());
  ASSERT_TRUE(reparsed.ok());
  EXPECT_EQ(reparsed->Unlock(KeySlotKind::kStoreMaster, "store pass").status().code(),
            StatusCode::kUnauthenticated);
  auto master = reparsed->Unlock(KeySlotKind::kStoreMaster, "new");
  ASSERT_TRUE(master.ok());
  EXPECT_TRUE(master->Equals(created->master_key));
  // The vault slot is untouched.
  EXPECT_TRUE(reparsed->Unlock(KeySlotKind::kIdentityVault, "vault pass").ok());
}

TEST(KeyRingTest, ModerateStrengthIsTheProductionDefaultAndWorks) {
  // One real MODERATE derivation (about a second, 256 MiB) to show the default preset runs here.
  auto created = KeyRing::Create("store pass", "vault pass", KdfStrength::kModerate);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  auto p = created->ring.SlotKdfParams(KeySlotKind::kStoreMaster);
  EXPECT_FALSE(p->IsBelowModerate());
}

}  // namespace
}  // namespace recount::crypto

namespace recount::crypto {
namespace {

Bytes RandomKeyFile(uint8_t seed) {
  Bytes b(32);
  for (size_t i = 0; i < b.size(); ++i) b[i] = static_cast<uint8_t>(seed * 31 + i * 7);
  return b;
}

TEST(KeyRingKeyFileTest, KeyFileSlotsUnlockOnlyWithTheSameFile) {
  auto store = Credential::KeyFile(RandomKeyFile(1));
  auto vault = Credential::KeyFile(RandomKeyFile(2));
  ASSERT_TRUE(store.ok() && vault.ok());
  auto created = KeyRing::Create(*store, *vault, KdfStrength::kModerate);  // no Argon2 for files
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  auto ring = KeyRing::Parse(created->ring.Serialize());
  ASSERT_TRUE(ring.ok()) << ring.status().ToString();
  auto p = ring->SlotKdfParams(KeySlotKind::kStoreMaster);
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(p->IsKeyFile());
  EXPECT_FALSE(p->IsBelowModerate());
  auto master = ring->Unlock(KeySlotKind::kStoreMaster, *store);
  ASSERT_TRUE(master.ok());
  EXPECT_TRUE(master->Equals(created->master_key));
  EXPECT_EQ(ring->Unlock(KeySlotKind::kIdentityVault, *store).status().code(),
            StatusCode::kUnauthenticated);
  // A passphrase offered to a key-file slot says what the slot needs.
  Status wrong_type = ring->Unlock(KeySlotKind::kStoreMaster, "some passphrase").status();
  EXPECT_EQ(wrong_type.code(), StatusCode::kUnauthenticated);
  EXPECT_NE(wrong_type.message().find("key file"), std::string::npos);
  // Identical key files for both slots are refused; too short a file is refused.
  EXPECT_EQ(KeyRing::Create(*store, *Credential::KeyFile(RandomKeyFile(1)), kFastKdf).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(Credential::KeyFile(Bytes(31, 7)).status().code(), StatusCode::kInvalidArgument);
}

TEST(KeyRingKeyFileTest, SwitchBetweenPassphraseAndKeyFileKeepsTheKey) {
  auto created = KeyRing::Create("store pass", "vault pass", kFastKdf);
  ASSERT_TRUE(created.ok());
  KeyRing ring = created->ring;
  auto old_pass = Credential::Passphrase("vault pass");
  auto file = Credential::KeyFile(RandomKeyFile(9));
  ASSERT_TRUE(old_pass.ok() && file.ok());
  ASSERT_TRUE(ring.ChangeCredential(KeySlotKind::kIdentityVault, *old_pass, *file, kFastKdf).ok());
  auto vault = KeyRing::Parse(ring.Serialize())->Unlock(KeySlotKind::kIdentityVault, *file);
  ASSERT_TRUE(vault.ok());
  EXPECT_TRUE(vault->Equals(created->vault_key));
  EXPECT_EQ(ring.Unlock(KeySlotKind::kIdentityVault, "vault pass").status().code(),
            StatusCode::kUnauthenticated);
  // A failed change (wrong old credential) leaves the ring as it was.
  const Bytes before = ring.Serialize();
  EXPECT_EQ(ring.ChangeCredential(KeySlotKind::kIdentityVault, *old_pass, *old_pass, kFastKdf).code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(ring.Serialize(), before);
}

TEST(KeyRingKeyFileTest, KeyFileParametersCannotBeEdited) {
  KdfParams p = *NewKeyFileKdfParams();
  EXPECT_TRUE(ValidateKdfParams(p).ok());
  p.ops_limit = 1;
  EXPECT_EQ(ValidateKdfParams(p).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(DeriveKeyFromPassphrase("x", *NewKeyFileKdfParams(), 32).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace recount::crypto
