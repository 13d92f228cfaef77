#include "crypto/signed_note.h"

#include <sodium.h>

#include <cstdio>
#include <cstring>

#include "crypto/encoding.h"
#include "crypto/sha256.h"
#include "crypto/sodium_init.h"

namespace recount::crypto {
namespace {

constexpr std::string_view kEmDashSpace = "\xE2\x80\x94 ";  // U+2014 followed by a space
constexpr std::string_view kSkeyPrefix = "PRIVATE+KEY+";

// Decodes one UTF-8 code point starting at s[i]; returns its length, or 0 if the sequence is
// invalid (overlong, surrogate, beyond U+10FFFF, truncated).
size_t DecodeUtf8(std::string_view s, size_t i, uint32_t& cp) {
  const auto b = [&](size_t k) { return static_cast<uint8_t>(s[k]); };
  const uint8_t c = b(i);
  size_t len;
  uint32_t min;
  if (c < 0x80) {
    cp = c;
    return 1;
  } else if ((c & 0xE0) == 0xC0) {
    len = 2, min = 0x80, cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3, min = 0x800, cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4, min = 0x10000, cp = c & 0x07;
  } else {
    return 0;
  }
  if (s.size() - i < len) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

bool IsUnicodeSpace(uint32_t cp) {
  // White_Space code points of Unicode (as Go's unicode.IsSpace).
  return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F ||
         cp == 0x205F || cp == 0x3000;
}

std::string Hex8(uint32_t v) {
  char buf[9];
  std::snprintf(buf, sizeof(buf), "%08x", v);
  return buf;
}

Result<uint32_t> ParseHex8(std::string_view s) {
  if (s.size() != 8) return InvalidArgument("key id must be 8 hex digits");
  ASSIGN_OR_RETURN(Bytes b, HexDecode(s));
  return (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3];
}

void PutKeyId(Bytes& out, uint32_t id) {
  for (int s = 24; s >= 0; s -= 8) out.push_back(static_cast<uint8_t>(id >> s));
}

}  // namespace

Status ValidateNoteKeyName(std::string_view name) {
  if (name.empty()) return InvalidArgument("a note key name must not be empty");
  for (size_t i = 0; i < name.size();) {
    uint32_t cp = 0;
    const size_t n = DecodeUtf8(name, i, cp);
    if (n == 0) return InvalidArgument("note key name is not valid UTF-8");
    if (cp == '+' || IsUnicodeSpace(cp) || cp < 0x20) {
      return InvalidArgument("note key name '" + std::string(name) +
                             "' contains a space, control character or '+'");
    }
    i += n;
  }
  return Status::Ok();
}

uint32_t NoteKeyId(std::string_view name, ByteSpan ed25519_public_key) {
  Sha256Hasher h;
  h.Update(AsBytes(name));
  const uint8_t sep[2] = {0x0A, kNoteEd25519Type};
  h.Update(sep);
  h.Update(ed25519_public_key);
  const Sha256Digest d = h.Finish();
  return (uint32_t{d[0]} << 24) | (uint32_t{d[1]} << 16) | (uint32_t{d[2]} << 8) | d[3];
}

// ---- NoteVerifier ----

Result<NoteVerifier> NoteVerifier::FromPublicKey(std::string_view name, ByteSpan public_key) {
  RETURN_IF_ERROR(ValidateNoteKeyName(name));
  if (public_key.size() != kEd25519PublicKeySize) {
    return InvalidArgument("an Ed25519 public key must be 32 bytes, got " +
                           std::to_string(public_key.size()));
  }
  NoteVerifier v;
  v.name_ = std::string(name);
  std::memcpy(v.public_key_.data(), public_key.data(), kEd25519PublicKeySize);
  v.key_id_ = NoteKeyId(name, public_key);
  return v;
}

Result<NoteVerifier> NoteVerifier::FromVkey(std::string_view vkey) {
  const size_t p1 = vkey.find('+');
  const size_t p2 = p1 == std::string_view::npos ? p1 : vkey.find('+', p1 + 1);
  // The base64 key after the second '+' may itself contain '+'.
  if (p2 == std::string_view::npos) {
    return InvalidArgument("verifier key must look like name+keyid+base64key: '" +
                           std::string(vkey.substr(0, 80)) + "'");
  }
  const std::string_view name = vkey.substr(0, p1);
  ASSIGN_OR_RETURN(uint32_t id, ParseHex8(vkey.substr(p1 + 1, p2 - p1 - 1)));
  Result<Bytes> key = Base64Decode(vkey.substr(p2 + 1));
  if (!key.ok()) return key.status().WithContext("verifier key '" + std::string(name) + "'");
  if (key->size() != 1 + kEd25519PublicKeySize || (*key)[0] != kNoteEd25519Type) {
    return InvalidArgument("verifier key '" + std::string(name) +
                           "' is not an Ed25519 key (type 0x01, 32 bytes)");
  }
  ASSIGN_OR_RETURN(NoteVerifier v, FromPublicKey(name, ByteSpan(*key).subspan(1)));
  if (v.key_id_ != id) {
    return InvalidArgument("verifier key '" + std::string(name) + "' has key id " + Hex8(id) +
                           " but its key hashes to " + Hex8(v.key_id_));
  }
  return v;
}

std::string NoteVerifier::Vkey() const {
  Bytes k;
  k.push_back(kNoteEd25519Type);
  k.insert(k.end(), public_key_.begin(), public_key_.end());
  return name_ + "+" + Hex8(key_id_) + "+" + Base64Encode(k);
}

bool NoteVerifier::Verify(std::string_view text, ByteSpan signature) const {
  if (!EnsureCryptoInitialized().ok() || signature.size() != kEd25519SignatureSize) return false;
  return crypto_sign_verify_detached(signature.data(),
                                     reinterpret_cast<const unsigned char*>(text.data()),
                                     text.size(), public_key_.data()) == 0;
}

// ---- NoteSigner ----

Result<NoteSigner> NoteSigner::Generate(std::string_view name) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  RETURN_IF_ERROR(ValidateNoteKeyName(name));
  ASSIGN_OR_RETURN(SecretBytes seed, SecretBytes::Random(crypto_sign_SEEDBYTES));
  return FromSeed(name, std::move(seed));
}

Result<NoteSigner> NoteSigner::FromSeed(std::string_view name, SecretBytes seed) {
  NoteSigner s;
  ASSIGN_OR_RETURN(s.secret_key_, SecretBytes::Allocate(crypto_sign_SECRETKEYBYTES));
  uint8_t pk[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_seed_keypair(pk, s.secret_key_.data(), seed.data());
  s.seed_ = std::move(seed);
  ASSIGN_OR_RETURN(s.verifier_, NoteVerifier::FromPublicKey(name, pk));
  return s;
}

Result<NoteSigner> NoteSigner::DeriveFromKey(std::string_view name, const SecretBytes& parent_key,
                                             std::string_view context) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  RETURN_IF_ERROR(ValidateNoteKeyName(name));
  if (context.size() != crypto_kdf_CONTEXTBYTES) {
    return InvalidArgument("key derivation context must be exactly 8 characters");
  }
  if (parent_key.size() != crypto_kdf_KEYBYTES) {
    return InvalidArgument("key derivation needs a 32-byte parent key");
  }
  ASSIGN_OR_RETURN(SecretBytes seed, SecretBytes::Allocate(crypto_sign_SEEDBYTES));
  if (crypto_kdf_derive_from_key(seed.data(), seed.size(), 1, context.data(),
                                 parent_key.data()) != 0) {
    return Internal("libsodium key derivation failed");
  }
  return FromSeed(name, std::move(seed));
}

Result<NoteSigner> NoteSigner::FromSkey(std::string_view skey) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  if (skey.substr(0, kSkeyPrefix.size()) != kSkeyPrefix) {
    return InvalidArgument("signer key must start with PRIVATE+KEY+");
  }
  const std::string_view rest = skey.substr(kSkeyPrefix.size());
  const size_t p1 = rest.find('+');
  const size_t p2 = p1 == std::string_view::npos ? p1 : rest.find('+', p1 + 1);
  if (p2 == std::string_view::npos) {
    return InvalidArgument("signer key must look like PRIVATE+KEY+name+keyid+base64key");
  }
  const std::string_view name = rest.substr(0, p1);
  RETURN_IF_ERROR(ValidateNoteKeyName(name));
  ASSIGN_OR_RETURN(uint32_t id, ParseHex8(rest.substr(p1 + 1, p2 - p1 - 1)));
  Result<Bytes> key = Base64Decode(rest.substr(p2 + 1));
  if (!key.ok()) return InvalidArgument("signer key '" + std::string(name) + "': bad base64");
  Result<SecretBytes> seed =
      key->size() == 1 + crypto_sign_SEEDBYTES && (*key)[0] == kNoteEd25519Type
          ? SecretBytes::CopyOf(ByteSpan(*key).subspan(1))
          : Result<SecretBytes>(InvalidArgument("signer key '" + std::string(name) +
                                                "' is not an Ed25519 key (type 0x01, 32 bytes)"));
  sodium_memzero(key->data(), key->size());
  if (!seed.ok()) return seed.status();
  ASSIGN_OR_RETURN(NoteSigner s, FromSeed(name, std::move(seed).value()));
  if (s.verifier_.key_id() != id) {
    return InvalidArgument("signer key '" + std::string(name) + "' has key id " + Hex8(id) +
                           " but its key hashes to " + Hex8(s.verifier_.key_id()));
  }
  return s;
}

Result<SecretBytes> NoteSigner::Skey() const {
  SecretBytes raw;
  ASSIGN_OR_RETURN(raw, SecretBytes::Allocate(1 + seed_.size()));
  raw.data()[0] = kNoteEd25519Type;
  std::memcpy(raw.data() + 1, seed_.data(), seed_.size());
  const std::string head = std::string(kSkeyPrefix) + name() + "+" + Hex8(key_id()) + "+";
  const size_t b64_len = sodium_base64_ENCODED_LEN(raw.size(), sodium_base64_VARIANT_ORIGINAL);
  ASSIGN_OR_RETURN(SecretBytes out, SecretBytes::Allocate(head.size() + b64_len));
  std::memcpy(out.data(), head.data(), head.size());
  sodium_bin2base64(reinterpret_cast<char*>(out.data() + head.size()), b64_len, raw.data(),
                    raw.size(), sodium_base64_VARIANT_ORIGINAL);
  // Drop the terminating NUL that sodium_bin2base64 writes.
  ASSIGN_OR_RETURN(SecretBytes exact, SecretBytes::CopyOf(out.span().first(out.size() - 1)));
  return exact;
}

Result<std::string> NoteSigner::SignatureLine(std::string_view text) const {
  RETURN_IF_ERROR(ValidateNoteText(text));
  uint8_t sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(text.data()),
                       text.size(), secret_key_.data());
  Bytes payload;
  PutKeyId(payload, key_id());
  payload.insert(payload.end(), sig, sig + sizeof(sig));
  return std::string(kEmDashSpace) + name() + " " + Base64Encode(payload) + "\n";
}

// ---- Notes ----

Status ValidateNoteText(std::string_view text) {
  if (text.empty() || text.back() != '\n') {
    return InvalidArgument("note text must be non-empty and end with a newline");
  }
  if (text.size() > kNoteMaxBytes) return InvalidArgument("note is larger than 1 MiB");
  for (size_t i = 0; i < text.size();) {
    uint32_t cp = 0;
    const size_t n = DecodeUtf8(text, i, cp);
    if (n == 0) return InvalidArgument("note is not valid UTF-8 (byte " + std::to_string(i) + ")");
    if (cp < 0x20 && cp != '\n') {
      return InvalidArgument("note contains control character " + std::to_string(cp) + " at byte " +
                             std::to_string(i));
    }
    i += n;
  }
  return Status::Ok();
}

Result<Note> ParseNote(std::string_view signed_note) {
  if (signed_note.size() > kNoteMaxBytes)
    return InvalidArgument("signed note is larger than 1 MiB");
  RETURN_IF_ERROR(ValidateNoteText(signed_note).WithContext("signed note"));
  const size_t split = signed_note.rfind("\n\n");
  if (split == std::string_view::npos) {
    return InvalidArgument("signed note has no blank line before its signatures");
  }
  Note note;
  note.text = std::string(signed_note.substr(0, split + 1));
  std::string_view sigs = signed_note.substr(split + 2);
  if (sigs.empty()) return InvalidArgument("signed note has no signature lines");
  size_t line_no = 0;
  while (!sigs.empty()) {
    ++line_no;
    const size_t nl = sigs.find('\n');  // present: the note ends with "\n"
    std::string_view line = sigs.substr(0, nl);
    sigs.remove_prefix(nl + 1);
    const std::string where = "signature line " + std::to_string(line_no);
    if (line.substr(0, kEmDashSpace.size()) != kEmDashSpace) {
      return InvalidArgument(where + " does not start with an em dash (U+2014) and a space");
    }
    line.remove_prefix(kEmDashSpace.size());
    const size_t sp = line.find(' ');
    if (sp == std::string_view::npos) return InvalidArgument(where + " has no signature");
    NoteSignature sig;
    sig.key_name = std::string(line.substr(0, sp));
    RETURN_IF_ERROR(ValidateNoteKeyName(sig.key_name).WithContext(where));
    Result<Bytes> payload = Base64Decode(line.substr(sp + 1));
    if (!payload.ok()) return payload.status().WithContext(where);
    if (payload->size() < 5) return InvalidArgument(where + ": signature too short");
    sig.key_id = (uint32_t{(*payload)[0]} << 24) | (uint32_t{(*payload)[1]} << 16) |
                 (uint32_t{(*payload)[2]} << 8) | (*payload)[3];
    sig.signature.assign(payload->begin() + 4, payload->end());
    note.signatures.push_back(std::move(sig));
    if (note.signatures.size() > kNoteMaxSignatures) {
      return InvalidArgument("signed note has more than 100 signatures");
    }
  }
  return note;
}

std::string FormatNote(const Note& note) {
  std::string out = note.text + "\n";
  for (const NoteSignature& s : note.signatures) {
    Bytes payload;
    PutKeyId(payload, s.key_id);
    payload.insert(payload.end(), s.signature.begin(), s.signature.end());
    out += std::string(kEmDashSpace) + s.key_name + " " + Base64Encode(payload) + "\n";
  }
  return out;
}

Result<std::string> SignNote(std::string_view text, std::span<const NoteSigner* const> signers) {
  RETURN_IF_ERROR(ValidateNoteText(text));
  if (signers.empty()) return InvalidArgument("a note needs at least one signer");
  std::string out = std::string(text) + "\n";
  for (const NoteSigner* s : signers) {
    ASSIGN_OR_RETURN(std::string line, s->SignatureLine(text));
    out += line;
  }
  return out;
}

Result<std::string> CosignNote(std::string_view signed_note, const NoteSigner& cosigner) {
  ASSIGN_OR_RETURN(Note note, ParseNote(signed_note));
  for (const NoteSignature& s : note.signatures) {
    if (s.key_name == cosigner.name() && s.key_id == cosigner.key_id()) {
      return AlreadyExists("the note is already signed by '" + cosigner.name() + "'");
    }
  }
  ASSIGN_OR_RETURN(std::string line, cosigner.SignatureLine(note.text));
  return std::string(signed_note) + line;
}

Result<VerifiedNote> OpenNote(std::string_view signed_note, std::span<const NoteVerifier> known) {
  ASSIGN_OR_RETURN(Note note, ParseNote(signed_note));
  VerifiedNote out;
  for (const NoteSignature& sig : note.signatures) {
    for (const NoteVerifier& v : known) {
      if (v.name() != sig.key_name || v.key_id() != sig.key_id) continue;
      if (!v.Verify(note.text, sig.signature)) {
        return DataLoss("the signature by '" + v.name() + "' (key " + Hex8(v.key_id()) +
                        ") does not verify: the note was altered after signing");
      }
      bool seen = false;
      for (const NoteVerifier& w : out.signed_by) {
        seen = seen || (w.key_id() == v.key_id() && w.name() == v.name());
      }
      if (!seen) out.signed_by.push_back(v);
    }
  }
  if (out.signed_by.empty()) {
    return Unauthenticated("the note carries no signature from a trusted key (known keys: " +
                           std::to_string(known.size()) + ")");
  }
  out.text = std::move(note.text);
  return out;
}

}  // namespace recount::crypto
