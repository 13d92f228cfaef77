// C2SP signed notes (https://c2sp.org/signed-note) with Ed25519 signatures (type 0x01), and the
// text encodings of note keys used by the Go sumdb/note ecosystem:
//
//   note      = text (non-empty, ends in "\n") "\n" signature-line+
//   sig line  = U+2014 " " key-name " " base64(uint32be key-id || signature) "\n"
//   key id    = SHA-256(key-name || 0x0A || 0x01 || 32-byte public key)[:4]
//   vkey      = key-name "+" hex8(key-id) "+" base64(0x01 || public key)
//   skey      = "PRIVATE+KEY+" key-name "+" hex8(key-id) "+" base64(0x01 || 32-byte seed)
//
// recount signs its log checkpoints (checkpoint.h) with a NoteSigner; a partner organisation adds
// its own signature line (cosigning) with its own key; anyone with the public keys (vkeys) can
// verify, without recount.
//
// Verification (OpenNote) follows the spec: signatures from unknown keys are ignored; a signature
// whose (name, key id) matches a known key must verify or the whole note is rejected (kDataLoss);
// if no known key signed, kUnauthenticated. Syntax errors are kInvalidArgument. At most 100
// signature lines and 1 MiB per note are accepted.
// Ownership: NoteSigner owns its secret key in SecretBytes (guarded memory) and is move-only; the
// skey text it can produce is itself a secret (returned as SecretBytes) and must be wrapped before
// storage (e.g. SealField under the master key). NoteVerifier is a plain value.
// Thread-safety: const methods of both classes may be called concurrently.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/secret_bytes.h"

namespace recount::crypto {

inline constexpr uint8_t kNoteEd25519Type = 0x01;
inline constexpr size_t kEd25519PublicKeySize = 32;
inline constexpr size_t kEd25519SignatureSize = 64;
inline constexpr size_t kNoteMaxSignatures = 100;
inline constexpr size_t kNoteMaxBytes = 1 << 20;

// Checks a key name: non-empty UTF-8 without Unicode spaces or '+'.
Status ValidateNoteKeyName(std::string_view name);

// The C2SP key id of an Ed25519 key.
uint32_t NoteKeyId(std::string_view name, ByteSpan ed25519_public_key);

class NoteVerifier {
 public:
  // kInvalidArgument for a bad name or a key that is not 32 bytes.
  static Result<NoteVerifier> FromPublicKey(std::string_view name, ByteSpan public_key);
  // Parses a vkey; checks that the key id in it matches the key (kInvalidArgument otherwise).
  static Result<NoteVerifier> FromVkey(std::string_view vkey);

  const std::string& name() const { return name_; }
  uint32_t key_id() const { return key_id_; }
  const std::array<uint8_t, kEd25519PublicKeySize>& public_key() const { return public_key_; }
  std::string Vkey() const;

  // True iff `signature` is a valid Ed25519 signature of `text` under this key.
  bool Verify(std::string_view text, ByteSpan signature) const;

 private:
  std::string name_;
  uint32_t key_id_ = 0;
  std::array<uint8_t, kEd25519PublicKeySize> public_key_{};
};

class NoteSigner {
 public:
  NoteSigner(NoteSigner&&) noexcept = default;
  NoteSigner& operator=(NoteSigner&&) noexcept = default;

  // A new random Ed25519 key named `name`.
  static Result<NoteSigner> Generate(std::string_view name);
  // Parses an skey (kInvalidArgument if malformed or its key id does not match).
  static Result<NoteSigner> FromSkey(std::string_view skey);
  // The key whose Ed25519 seed is derived from `parent_key` (>= 32 bytes) with libsodium's KDF
  // (BLAKE2b, subkey 1) under the 8-character `context`: the same parent always gives the same
  // key, so nothing needs storing. recount derives its log signing key from the store master key.
  static Result<NoteSigner> DeriveFromKey(std::string_view name, const SecretBytes& parent_key,
                                          std::string_view context);

  const std::string& name() const { return verifier_.name(); }
  uint32_t key_id() const { return verifier_.key_id(); }
  const NoteVerifier& verifier() const { return verifier_; }
  // The skey text: a secret. Wrap it before storing it anywhere.
  Result<SecretBytes> Skey() const;

  // The signature line ("— name base64\n") for `text`, which must be a valid note text.
  Result<std::string> SignatureLine(std::string_view text) const;

 private:
  NoteSigner() = default;
  // The signer for an Ed25519 seed (32 bytes) named `name`.
  static Result<NoteSigner> FromSeed(std::string_view name, SecretBytes seed);
  NoteVerifier verifier_;
  SecretBytes seed_;        // 32 bytes
  SecretBytes secret_key_;  // libsodium's 64-byte expanded form (seed || public key)
};

struct NoteSignature {
  std::string key_name;
  uint32_t key_id = 0;
  Bytes signature;  // without the key id prefix
};

struct Note {
  std::string text;  // ends in "\n"
  std::vector<NoteSignature> signatures;
};

// Checks note text rules: non-empty, ends in "\n", valid UTF-8, no control characters but "\n".
Status ValidateNoteText(std::string_view text);

// Splits a signed note into text and signature lines (syntax only, nothing is verified).
Result<Note> ParseNote(std::string_view signed_note);
// Serialises text, blank line and signature lines (no validation beyond what Note holds).
std::string FormatNote(const Note& note);

// Signs `text` with every signer in order and returns the signed note.
Result<std::string> SignNote(std::string_view text, std::span<const NoteSigner* const> signers);
// Adds `cosigner`'s signature to an existing signed note (a partner countersigning). The caller
// should verify the note with OpenNote first; an existing signature by the same key is refused
// (kAlreadyExists).
Result<std::string> CosignNote(std::string_view signed_note, const NoteSigner& cosigner);

struct VerifiedNote {
  std::string text;
  std::vector<NoteVerifier> signed_by;  // known keys whose signatures verified, in note order
};

// Verifies `signed_note` against the known keys (see the header comment for the rules).
Result<VerifiedNote> OpenNote(std::string_view signed_note, std::span<const NoteVerifier> known);

}  // namespace recount::crypto
