// KeyRing: the store's keyfile. It holds the two top keys of the hierarchy, each only in wrapped
// (encrypted) form, and is safe to store next to the database or in it:
//
//   store passphrase --Argon2id--> KEK_s --wraps--> store master key (32 random bytes)
//   vault passphrase --Argon2id--> KEK_v --wraps--> identity-vault key (32 random bytes)
//
// Two separate passphrases (not a vault key under the master key) so that an analyst who knows the
// store passphrase can open the store, run linkage and estimates, and still never see identities;
// only the vault custodians know the vault passphrase. Both keys are independent random keys, so
// neither passphrase helps with the other. Data keys below them: data_key.h. Diagram and rationale:
// docs/security.md.
//
// Keyfile format (versioned; big-endian integers):
//   "RCKEYRNG" | u16 format=1 | ring id (16 random bytes) | u8 slot count |
//   per slot: u8 kind | u8 kdf algorithm | u64 passes | u64 memory bytes | salt[16] |
//             u32 length | XChaCha20-Poly1305 sealed key (nonce || ciphertext || tag) |
//   SHA-256 of all preceding bytes.
// Each wrapped key's associated data binds it to the ring id, the slot kind and its KDF
// parameters, so slots cannot be swapped between keyfiles or kinds, nor parameters edited. The
// trailing checksum tells accidental damage (kDataLoss) from a wrong passphrase
// (kUnauthenticated); it is not a security mechanism (anyone can recompute it).
//
// Changing a passphrase (or raising the KDF strength) re-wraps only that slot's key: the master and
// vault keys, and so every data key and ciphertext below them, stay valid.
//
// A slot is unlocked by a Credential: a passphrase (Argon2id-stretched) or the content of a key
// file (hashed, not stretched; kdf.h). The slot records which (its KDF algorithm id), so a
// passphrase offered to a key-file slot is refused with a message saying so.
//
// Errors: Parse -> kDataLoss (damaged/truncated/checksum), kFailedPrecondition (format newer than
// this build); Unlock -> kUnauthenticated (wrong passphrase or tampered slot), kNotFound (no such
// slot), kResourceExhausted (Argon2 memory); Create -> kInvalidArgument (empty or identical
// passphrases).
// Ownership: a KeyRing is a value holding only public (wrapped) data; unlocked keys are returned
// as SecretBytes owned by the caller. Thread-safety: const methods may be called concurrently;
// ChangePassphrase needs exclusive access. No key is ever serialised unwrapped.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/kdf.h"
#include "crypto/secret_bytes.h"

namespace recount::crypto {

enum class KeySlotKind : uint8_t {
  kStoreMaster = 1,    // unlocks the store: record data keys, evidence keys, log signing key
  kIdentityVault = 2,  // unlocks identities: identity data keys, blocking-key hashing key
};

inline constexpr size_t kKeyRingIdSize = 16;
inline constexpr size_t kTopKeySize = 32;

struct NewKeyRing;

// What unlocks one slot. Owns its secret in guarded memory; move-only.
class Credential {
 public:
  enum class Type : uint8_t { kPassphrase, kKeyFile };
  // kInvalidArgument for an empty passphrase, or key-file content outside
  // [kMinKeyFileBytes, kMaxKeyFileBytes].
  static Result<Credential> Passphrase(std::string_view passphrase);
  static Result<Credential> KeyFile(ByteSpan content);

  Type type() const { return type_; }
  const SecretBytes& secret() const { return secret_; }
  std::string_view passphrase() const {
    return std::string_view(reinterpret_cast<const char*>(secret_.data()), secret_.size());
  }
  // Same type and same secret (constant-time).
  bool SameAs(const Credential& other) const {
    return type_ == other.type_ && secret_.Equals(other.secret_);
  }

 private:
  Credential(Type type, SecretBytes secret) : type_(type), secret_(std::move(secret)) {}
  Type type_;
  SecretBytes secret_;
};

class KeyRing {
 public:
  // Creates a keyfile with fresh random master and vault keys, each wrapped under its credential
  // (passphrase slots use `strength`: kModerate or stronger outside tests). The two credentials
  // must differ.
  static Result<NewKeyRing> Create(const Credential& store, const Credential& vault,
                                   KdfStrength strength);

  // Creates a keyfile with fresh random master and vault keys, each wrapped under a key stretched
  // from its passphrase with `strength` (use kModerate or stronger outside tests). The passphrases
  // must be non-empty and different.
  static Result<NewKeyRing> Create(std::string_view store_passphrase,
                                   std::string_view vault_passphrase, KdfStrength strength);

  static Result<KeyRing> Parse(ByteSpan keyfile);
  Bytes Serialize() const;

  // Unwraps the key in `kind`'s slot with its passphrase.
  Result<SecretBytes> Unlock(KeySlotKind kind, std::string_view passphrase) const;
  // Unwraps with a passphrase or key file; kUnauthenticated if it is the wrong one or of the wrong
  // type for the slot (the message says which type the slot needs).
  Result<SecretBytes> Unlock(KeySlotKind kind, const Credential& credential) const;
  // Re-wraps `kind`'s key under `fresh` (which may switch between passphrase and key file) after
  // checking `old`; the key is unchanged. Nothing changes on error.
  Status ChangeCredential(KeySlotKind kind, const Credential& old, const Credential& fresh,
                          KdfStrength strength);

  // Re-wraps `kind`'s key under `new_passphrase` with fresh salt and `strength`; the key itself is
  // unchanged. Checks `old_passphrase` first (kUnauthenticated if wrong). Whether the new
  // passphrase equals the other slot's cannot be checked here (it is not known); the UI should.
  Status ChangePassphrase(KeySlotKind kind, std::string_view old_passphrase,
                          std::string_view new_passphrase, KdfStrength strength);

  // The KDF parameters of a slot (to warn when they are below kModerate, or to offer an upgrade).
  Result<KdfParams> SlotKdfParams(KeySlotKind kind) const;

  const std::array<uint8_t, kKeyRingIdSize>& id() const { return id_; }

 private:
  struct Slot {
    KeySlotKind kind;
    KdfParams kdf;
    Bytes sealed_key;
  };

  Bytes SlotAssociatedData(const Slot& slot) const;
  static Result<Slot> WrapKey(const KeyRing& ring, KeySlotKind kind, const SecretBytes& key,
                              const Credential& credential, KdfStrength strength);
  const Slot* FindSlot(KeySlotKind kind) const;

  std::array<uint8_t, kKeyRingIdSize> id_{};
  std::vector<Slot> slots_;
};

struct NewKeyRing {
  KeyRing ring;
  SecretBytes master_key;
  SecretBytes vault_key;
};

}  // namespace recount::crypto
