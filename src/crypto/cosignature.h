// Timestamped Ed25519 witness cosignatures of checkpoints, c2sp.org/tlog-cosignature
// ("cosignature/v1", note signature type 0x04). This is the standard way for a partner
// organisation (or any witness) to state "as of time T, the largest consistent tree I have seen
// for this log has this root" in a form that existing transparency-log tools verify.
//
//   key id          = SHA-256(name || 0x0A || 0x04 || 32-byte public key)[:4]
//   signed message  = "cosignature/v1\n" "time " <decimal T> "\n" <checkpoint note text>
//   signature line  = "— " name " " base64(key id || u64be T || 64-byte Ed25519 signature)
//   vkey            = name "+" hex8(key id) "+" base64(0x04 || public key)
//
// A cosigner key must not also be used as a plain note key (signed_note.h): the cosigned message is
// itself valid note text, so separate keys are what keep the two statements apart. Before cosigning
// the cosigner must have verified a consistency proof from the last checkpoint it cosigned
// (merkle_verify.h); this file only produces and checks the signature.
// Errors: kInvalidArgument (bad names, keys, text, timestamp >= 2^63), kDataLoss (a known
// cosigner's signature fails), kUnauthenticated (VerifyCosignatures finds none of the known
// cosigners). Ownership/thread-safety as in signed_note.h.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "crypto/bytes.h"
#include "crypto/secret_bytes.h"
#include "crypto/signed_note.h"

namespace recount::crypto {

inline constexpr uint8_t kNoteCosignatureV1Type = 0x04;

uint32_t CosignatureKeyId(std::string_view name, ByteSpan ed25519_public_key);

class CosignatureVerifier {
 public:
  static Result<CosignatureVerifier> FromPublicKey(std::string_view name, ByteSpan public_key);
  static Result<CosignatureVerifier> FromVkey(std::string_view vkey);

  const std::string& name() const { return name_; }
  uint32_t key_id() const { return key_id_; }
  std::string Vkey() const;

  // Checks one signature payload (after the key id: u64 timestamp || signature) over the checkpoint
  // note text; returns the timestamp. kDataLoss if it does not verify.
  Result<uint64_t> Verify(std::string_view checkpoint_text, ByteSpan payload) const;

 private:
  std::string name_;
  uint32_t key_id_ = 0;
  Bytes public_key_;
};

class Cosigner {
 public:
  Cosigner(Cosigner&&) noexcept = default;
  Cosigner& operator=(Cosigner&&) noexcept = default;

  static Result<Cosigner> Generate(std::string_view name);
  // From a 32-byte Ed25519 seed (e.g. unsealed from the keyring).
  static Result<Cosigner> FromSeed(std::string_view name, const SecretBytes& seed);

  const CosignatureVerifier& verifier() const { return verifier_; }

  // The cosignature line for `checkpoint_text` (a valid note text) at POSIX time `timestamp`.
  Result<std::string> CosignatureLine(std::string_view checkpoint_text, uint64_t timestamp) const;

 private:
  Cosigner() = default;
  CosignatureVerifier verifier_;
  SecretBytes secret_key_;  // 64-byte expanded Ed25519 key
};

// Appends `cosigner`'s cosignature to a signed checkpoint note (kAlreadyExists if it has one).
Result<std::string> AddCosignature(std::string_view signed_note, const Cosigner& cosigner,
                                   uint64_t timestamp);

struct VerifiedCosignature {
  std::string name;
  uint64_t timestamp = 0;
};

// Verifies the cosignatures in `signed_note` from the known cosigners; lines from other keys are
// ignored (the log's own note signature included: check it with OpenCheckpoint).
Result<std::vector<VerifiedCosignature>> VerifyCosignatures(
    std::string_view signed_note, std::span<const CosignatureVerifier> known);

}  // namespace recount::crypto
