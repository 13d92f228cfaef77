#include "crypto/cosignature.h"

#include <sodium.h>

#include <cstdio>

#include "crypto/encoding.h"
#include "crypto/sha256.h"
#include "crypto/sodium_init.h"

namespace recount::crypto {
namespace {

constexpr size_t kPayloadSize = 8 + crypto_sign_BYTES;

std::string Hex8(uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof(buf), "%08x", v);
  return buf;
}

std::string SignedMessage(std::string_view checkpoint_text, uint64_t timestamp) {
  return "cosignature/v1\ntime " + std::to_string(timestamp) + "\n" + std::string(checkpoint_text);
}

}  // namespace

uint32_t CosignatureKeyId(std::string_view name, ByteSpan ed25519_public_key) {
  Sha256Hasher h;
  h.Update(AsBytes(name));
  const uint8_t sep[2] = {0x0A, kNoteCosignatureV1Type};
  h.Update(sep);
  h.Update(ed25519_public_key);
  const Sha256Digest d = h.Finish();
  return (uint32_t{d[0]} << 24) | (uint32_t{d[1]} << 16) | (uint32_t{d[2]} << 8) | d[3];
}

Result<CosignatureVerifier> CosignatureVerifier::FromPublicKey(std::string_view name,
                                                               ByteSpan public_key) {
  RETURN_IF_ERROR(ValidateNoteKeyName(name));
  if (public_key.size() != crypto_sign_PUBLICKEYBYTES) {
    return InvalidArgument("an Ed25519 cosigner key must be 32 bytes");
  }
  CosignatureVerifier v;
  v.name_ = std::string(name);
  v.public_key_.assign(public_key.begin(), public_key.end());
  v.key_id_ = CosignatureKeyId(name, public_key);
  return v;
}

Result<CosignatureVerifier> CosignatureVerifier::FromVkey(std::string_view vkey) {
  const size_t p1 = vkey.find('+');
  const size_t p2 = p1 == std::string_view::npos ? p1 : vkey.find('+', p1 + 1);
  if (p2 == std::string_view::npos || p2 - p1 - 1 != 8) {
    return InvalidArgument("cosigner key must look like name+keyid+base64key");
  }
  const std::string name(vkey.substr(0, p1));
  Result<Bytes> key = Base64Decode(vkey.substr(p2 + 1));
  if (!key.ok() || key->size() != 1 + crypto_sign_PUBLICKEYBYTES ||
      (*key)[0] != kNoteCosignatureV1Type) {
    return InvalidArgument("cosigner key '" + name +
                           "' is not an Ed25519 cosignature/v1 key (type 0x04, 32 bytes)");
  }
  ASSIGN_OR_RETURN(CosignatureVerifier v, FromPublicKey(name, ByteSpan(*key).subspan(1)));
  if (Hex8(v.key_id_) != vkey.substr(p1 + 1, 8)) {
    return InvalidArgument("cosigner key '" + name + "' has a key id that does not match its key");
  }
  return v;
}

std::string CosignatureVerifier::Vkey() const {
  Bytes k = {kNoteCosignatureV1Type};
  k.insert(k.end(), public_key_.begin(), public_key_.end());
  return name_ + "+" + Hex8(key_id_) + "+" + Base64Encode(k);
}

Result<uint64_t> CosignatureVerifier::Verify(std::string_view checkpoint_text,
                                             ByteSpan payload) const {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  if (payload.size() != kPayloadSize) {
    return DataLoss("cosignature by '" + name_ + "' has the wrong length");
  }
  uint64_t t = 0;
  for (int i = 0; i < 8; ++i) t = (t << 8) | payload[i];
  if (t >> 63 != 0) return DataLoss("cosignature by '" + name_ + "' has an invalid timestamp");
  const std::string msg = SignedMessage(checkpoint_text, t);
  if (crypto_sign_verify_detached(payload.data() + 8,
                                  reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
                                  public_key_.data()) != 0) {
    return DataLoss("cosignature by '" + name_ + "' does not verify: the checkpoint was altered");
  }
  return t;
}

Result<Cosigner> Cosigner::Generate(std::string_view name) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  ASSIGN_OR_RETURN(SecretBytes seed, SecretBytes::Random(crypto_sign_SEEDBYTES));
  return FromSeed(name, seed);
}

Result<Cosigner> Cosigner::FromSeed(std::string_view name, const SecretBytes& seed) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  if (seed.size() != crypto_sign_SEEDBYTES) return InvalidArgument("Ed25519 seed must be 32 bytes");
  Cosigner c;
  ASSIGN_OR_RETURN(c.secret_key_, SecretBytes::Allocate(crypto_sign_SECRETKEYBYTES));
  uint8_t pk[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_seed_keypair(pk, c.secret_key_.data(), seed.data());
  ASSIGN_OR_RETURN(c.verifier_, CosignatureVerifier::FromPublicKey(name, pk));
  return c;
}

Result<std::string> Cosigner::CosignatureLine(std::string_view checkpoint_text,
                                              uint64_t timestamp) const {
  RETURN_IF_ERROR(ValidateNoteText(checkpoint_text));
  if (timestamp >> 63 != 0) return InvalidArgument("cosignature timestamp must be below 2^63");
  const std::string msg = SignedMessage(checkpoint_text, timestamp);
  Bytes payload;
  for (int s = 24; s >= 0; s -= 8) payload.push_back(static_cast<uint8_t>(verifier_.key_id() >> s));
  for (int s = 56; s >= 0; s -= 8) payload.push_back(static_cast<uint8_t>(timestamp >> s));
  uint8_t sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(msg.data()), msg.size(),
                       secret_key_.data());
  payload.insert(payload.end(), sig, sig + sizeof(sig));
  return "\xE2\x80\x94 " + verifier_.name() + " " + Base64Encode(payload) + "\n";
}

Result<std::string> AddCosignature(std::string_view signed_note, const Cosigner& cosigner,
                                   uint64_t timestamp) {
  ASSIGN_OR_RETURN(Note note, ParseNote(signed_note));
  for (const NoteSignature& s : note.signatures) {
    if (s.key_name == cosigner.verifier().name() && s.key_id == cosigner.verifier().key_id()) {
      return AlreadyExists("the checkpoint is already cosigned by '" + cosigner.verifier().name() +
                           "'");
    }
  }
  ASSIGN_OR_RETURN(std::string line, cosigner.CosignatureLine(note.text, timestamp));
  return std::string(signed_note) + line;
}

Result<std::vector<VerifiedCosignature>> VerifyCosignatures(
    std::string_view signed_note, std::span<const CosignatureVerifier> known) {
  ASSIGN_OR_RETURN(Note note, ParseNote(signed_note));
  std::vector<VerifiedCosignature> out;
  for (const NoteSignature& s : note.signatures) {
    for (const CosignatureVerifier& v : known) {
      if (v.name() != s.key_name || v.key_id() != s.key_id) continue;
      ASSIGN_OR_RETURN(uint64_t t, v.Verify(note.text, s.signature));
      bool seen = false;
      for (const auto& o : out) seen = seen || o.name == v.name();
      if (!seen) out.push_back({v.name(), t});
    }
  }
  if (out.empty()) return Unauthenticated("the checkpoint carries no cosignature from a known key");
  return out;
}

}  // namespace recount::crypto
