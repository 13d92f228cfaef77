#include "crypto/key_ring.h"

#include <sodium.h>

#include <algorithm>
#include <string>

#include "crypto/aead.h"
#include "crypto/encoding.h"
#include "crypto/sha256.h"
#include "crypto/sodium_init.h"
#include "crypto/wire.h"

namespace recount::crypto {
namespace {

constexpr char kKeyRingMagic[8] = {'R', 'C', 'K', 'E', 'Y', 'R', 'N', 'G'};
constexpr uint16_t kFormatVersion = 1;
constexpr size_t kMaxSlots = 16;
constexpr size_t kSealedKeySize = kAeadNonceSize + kTopKeySize + kAeadTagSize;

std::string KindName(KeySlotKind kind) {
  switch (kind) {
    case KeySlotKind::kStoreMaster:
      return "store master key";
    case KeySlotKind::kIdentityVault:
      return "identity-vault key";
  }
  return "key slot " + std::to_string(static_cast<int>(kind));
}

Status Damaged(const std::string& what) {
  return DataLoss("keyfile is damaged or truncated (" + what + "); restore it from a backup copy");
}

}  // namespace

Bytes KeyRing::SlotAssociatedData(const Slot& slot) const {
  Bytes ad;
  wire::PutRaw(ad, AsBytes("recount keyring v1 slot"));
  wire::PutRaw(ad, id_);
  wire::PutU8(ad, static_cast<uint8_t>(slot.kind));
  wire::PutU8(ad, slot.kdf.algorithm);
  wire::PutU64(ad, slot.kdf.ops_limit);
  wire::PutU64(ad, slot.kdf.memory_bytes);
  wire::PutRaw(ad, slot.kdf.salt);
  return ad;
}

Result<Credential> Credential::Passphrase(std::string_view passphrase) {
  if (passphrase.empty()) return InvalidArgument("the passphrase is empty");
  ASSIGN_OR_RETURN(SecretBytes secret, SecretBytes::CopyOf(passphrase));
  return Credential(Type::kPassphrase, std::move(secret));
}

Result<Credential> Credential::KeyFile(ByteSpan content) {
  if (content.size() < kMinKeyFileBytes || content.size() > kMaxKeyFileBytes) {
    return InvalidArgument("a key file must hold between 32 bytes and 1 MiB of random data (this "
                           "one has " + std::to_string(content.size()) + " bytes)");
  }
  ASSIGN_OR_RETURN(SecretBytes secret, SecretBytes::CopyOf(content));
  return Credential(Type::kKeyFile, std::move(secret));
}

namespace {

Result<SecretBytes> DeriveKek(const Credential& credential, const KdfParams& params) {
  if (credential.type() == Credential::Type::kKeyFile) {
    return DeriveKeyFromKeyFile(credential.secret().span(), params);
  }
  return DeriveKeyFromPassphrase(credential.passphrase(), params, kAeadKeySize);
}

}  // namespace

Result<KeyRing::Slot> KeyRing::WrapKey(const KeyRing& ring, KeySlotKind kind,
                                       const SecretBytes& key, const Credential& credential,
                                       KdfStrength strength) {
  if (credential.secret().empty())
    return InvalidArgument("the passphrase for the " + KindName(kind) + " is empty");
  Slot slot{kind, {}, {}};
  if (credential.type() == Credential::Type::kKeyFile) {
    ASSIGN_OR_RETURN(slot.kdf, NewKeyFileKdfParams());
  } else {
    ASSIGN_OR_RETURN(slot.kdf, NewKdfParams(strength));
  }
  ASSIGN_OR_RETURN(SecretBytes kek, DeriveKek(credential, slot.kdf));
  ASSIGN_OR_RETURN(slot.sealed_key, AeadSeal(kek, ring.SlotAssociatedData(slot), key.span()));
  return slot;
}

const KeyRing::Slot* KeyRing::FindSlot(KeySlotKind kind) const {
  for (const Slot& s : slots_) {
    if (s.kind == kind) return &s;
  }
  return nullptr;
}

Result<NewKeyRing> KeyRing::Create(std::string_view store_passphrase,
                                   std::string_view vault_passphrase, KdfStrength strength) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  if (store_passphrase.empty() || vault_passphrase.empty()) {
    return InvalidArgument(
        "both the store passphrase and the identity-vault passphrase are needed");
  }
  ASSIGN_OR_RETURN(Credential store, Credential::Passphrase(store_passphrase));
  ASSIGN_OR_RETURN(Credential vault, Credential::Passphrase(vault_passphrase));
  return Create(store, vault, strength);
}

Result<NewKeyRing> KeyRing::Create(const Credential& store_credential,
                                   const Credential& vault_credential, KdfStrength strength) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  if (store_credential.SameAs(vault_credential)) {
    return InvalidArgument(
        "the identity-vault passphrase must differ from the store passphrase, otherwise everyone "
        "who can open the store can also read identities");
  }
  KeyRing ring;
  randombytes_buf(ring.id_.data(), ring.id_.size());
  ASSIGN_OR_RETURN(SecretBytes master, SecretBytes::Random(kTopKeySize));
  ASSIGN_OR_RETURN(SecretBytes vault, SecretBytes::Random(kTopKeySize));
  ASSIGN_OR_RETURN(Slot s1,
                   WrapKey(ring, KeySlotKind::kStoreMaster, master, store_credential, strength));
  ASSIGN_OR_RETURN(Slot s2,
                   WrapKey(ring, KeySlotKind::kIdentityVault, vault, vault_credential, strength));
  ring.slots_.push_back(std::move(s1));
  ring.slots_.push_back(std::move(s2));
  return NewKeyRing{std::move(ring), std::move(master), std::move(vault)};
}

Bytes KeyRing::Serialize() const {
  Bytes out;
  wire::PutRaw(out, AsBytes(std::string_view(kKeyRingMagic, sizeof(kKeyRingMagic))));
  wire::PutU16(out, kFormatVersion);
  wire::PutRaw(out, id_);
  wire::PutU8(out, static_cast<uint8_t>(slots_.size()));
  for (const Slot& s : slots_) {
    wire::PutU8(out, static_cast<uint8_t>(s.kind));
    wire::PutU8(out, s.kdf.algorithm);
    wire::PutU64(out, s.kdf.ops_limit);
    wire::PutU64(out, s.kdf.memory_bytes);
    wire::PutRaw(out, s.kdf.salt);
    wire::PutLengthPrefixed(out, s.sealed_key);
  }
  const Sha256Digest sum = Sha256(out);
  wire::PutRaw(out, sum);
  return out;
}

Result<KeyRing> KeyRing::Parse(ByteSpan keyfile) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  if (keyfile.size() < sizeof(kKeyRingMagic) + 2 ||
      !std::equal(kKeyRingMagic, kKeyRingMagic + sizeof(kKeyRingMagic), keyfile.begin())) {
    return DataLoss("not a recount keyfile (magic 'RCKEYRNG' missing); check the file name");
  }
  wire::Reader r(keyfile);
  ByteSpan magic;
  uint16_t version = 0;
  (void)r.Raw(sizeof(kKeyRingMagic), magic);
  if (!r.U16(version)) return Damaged("no format version");
  if (version != kFormatVersion) {
    return FailedPrecondition("keyfile format " + std::to_string(version) +
                              " is not supported by this recount (it reads format " +
                              std::to_string(kFormatVersion) + "); upgrade recount");
  }
  if (keyfile.size() < kSha256Size) return Damaged("too short");
  const size_t body_size = keyfile.size() - kSha256Size;
  const Sha256Digest sum = Sha256(keyfile.first(body_size));
  if (!ConstantTimeEquals(sum, keyfile.subspan(body_size))) return Damaged("checksum mismatch");

  wire::Reader body(keyfile.first(body_size));
  (void)body.Raw(sizeof(kKeyRingMagic) + 2, magic);
  KeyRing ring;
  uint8_t slot_count = 0;
  if (!body.Fill(ring.id_.data(), ring.id_.size()) || !body.U8(slot_count)) {
    return Damaged("header cut short");
  }
  if (slot_count == 0 || slot_count > kMaxSlots) {
    return Damaged("implausible slot count " + std::to_string(slot_count));
  }
  for (int i = 0; i < slot_count; ++i) {
    const std::string where = "slot " + std::to_string(i);
    Slot s{};
    uint8_t kind = 0;
    ByteSpan sealed;
    if (!body.U8(kind) || !body.U8(s.kdf.algorithm) || !body.U64(s.kdf.ops_limit) ||
        !body.U64(s.kdf.memory_bytes) || !body.Fill(s.kdf.salt.data(), s.kdf.salt.size()) ||
        !body.LengthPrefixed(sealed, kSealedKeySize)) {
      return Damaged(where + " cut short");
    }
    if (kind != static_cast<uint8_t>(KeySlotKind::kStoreMaster) &&
        kind != static_cast<uint8_t>(KeySlotKind::kIdentityVault)) {
      return FailedPrecondition("keyfile " + where + " has unknown kind " + std::to_string(kind) +
                                "; it was written by a newer recount");
    }
    s.kind = static_cast<KeySlotKind>(kind);
    if (Status st = ValidateKdfParams(s.kdf); !st.ok()) return Damaged(where + ": " + st.message());
    if (sealed.size() != kSealedKeySize) return Damaged(where + ": wrapped key has wrong size");
    if (ring.FindSlot(s.kind) != nullptr)
      return Damaged(where + " repeats kind " + KindName(s.kind));
    s.sealed_key.assign(sealed.begin(), sealed.end());
    ring.slots_.push_back(std::move(s));
  }
  if (!body.AtEnd()) return Damaged("unexpected bytes after the last slot");
  if (ring.FindSlot(KeySlotKind::kStoreMaster) == nullptr) return Damaged("no store master slot");
  return ring;
}

Result<SecretBytes> KeyRing::Unlock(KeySlotKind kind, std::string_view passphrase) const {
  if (passphrase.empty()) return InvalidArgument("the passphrase is empty");
  ASSIGN_OR_RETURN(Credential credential, Credential::Passphrase(passphrase));
  return Unlock(kind, credential);
}

Result<SecretBytes> KeyRing::Unlock(KeySlotKind kind, const Credential& credential) const {
  const Slot* slot = FindSlot(kind);
  if (slot == nullptr) return NotFound("this keyfile has no " + KindName(kind));
  const bool wants_key_file = slot->kdf.IsKeyFile();
  if (wants_key_file != (credential.type() == Credential::Type::kKeyFile)) {
    return Unauthenticated("the " + KindName(kind) + " is protected by " +
                           (wants_key_file ? "a key file, not a passphrase"
                                           : "a passphrase, not a key file"));
  }
  ASSIGN_OR_RETURN(SecretBytes kek, DeriveKek(credential, slot->kdf));
  Result<SecretBytes> key = AeadOpenToSecret(kek, SlotAssociatedData(*slot), slot->sealed_key);
  if (!key.ok() || key->size() != kTopKeySize) {
    return Unauthenticated(std::string("wrong ") +
                           (wants_key_file ? "key file" : "passphrase") + " for the " +
                           KindName(kind) + " (or the keyfile was tampered with); try again");
  }
  return std::move(key).value();
}

Status KeyRing::ChangePassphrase(KeySlotKind kind, std::string_view old_passphrase,
                                 std::string_view new_passphrase, KdfStrength strength) {
  if (old_passphrase.empty() || new_passphrase.empty()) {
    return InvalidArgument("the passphrase is empty");
  }
  ASSIGN_OR_RETURN(Credential old_credential, Credential::Passphrase(old_passphrase));
  ASSIGN_OR_RETURN(Credential new_credential, Credential::Passphrase(new_passphrase));
  return ChangeCredential(kind, old_credential, new_credential, strength);
}

Status KeyRing::ChangeCredential(KeySlotKind kind, const Credential& old, const Credential& fresh,
                                 KdfStrength strength) {
  ASSIGN_OR_RETURN(SecretBytes key, Unlock(kind, old));
  ASSIGN_OR_RETURN(Slot slot, WrapKey(*this, kind, key, fresh, strength));
  for (Slot& s : slots_) {
    if (s.kind == kind) s = std::move(slot);
  }
  return Status::Ok();
}

Result<KdfParams> KeyRing::SlotKdfParams(KeySlotKind kind) const {
  const Slot* slot = FindSlot(kind);
  if (slot == nullptr) return NotFound("this keyfile has no " + KindName(kind));
  return slot->kdf;
}

}  // namespace recount::crypto
