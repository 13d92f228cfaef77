#include "crypto/aead.h"

#include <sodium.h>

#include <cstring>
#include <string>

#include "crypto/sodium_init.h"

namespace recount::crypto {

static_assert(kAeadKeySize == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(kAeadNonceSize == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
static_assert(kAeadTagSize == crypto_aead_xchacha20poly1305_ietf_ABYTES);

namespace {

Status CheckSizes(size_t key_size, size_t nonce_size) {
  if (key_size != kAeadKeySize) {
    return InvalidArgument("XChaCha20-Poly1305 key must be 32 bytes, got " +
                           std::to_string(key_size));
  }
  if (nonce_size != kAeadNonceSize) {
    return InvalidArgument("XChaCha20-Poly1305 nonce must be 24 bytes, got " +
                           std::to_string(nonce_size));
  }
  return Status::Ok();
}

// Decrypts ciphertext||tag into `out` (resized); false on authentication failure.
bool DecryptInto(const uint8_t* key, const uint8_t* nonce, ByteSpan ad, ByteSpan ct, uint8_t* out,
                 unsigned long long* out_len) {
  return crypto_aead_xchacha20poly1305_ietf_decrypt(out, out_len, nullptr, ct.data(), ct.size(),
                                                    ad.data(), ad.size(), nonce, key) == 0;
}

Status OpenFailed() {
  return DataLoss(
      "decryption failed: wrong key, ciphertext moved from another record/field, or the data was "
      "altered or truncated");
}

}  // namespace

Result<Bytes> AeadSeal(const SecretBytes& key, ByteSpan associated_data, ByteSpan plaintext) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  RETURN_IF_ERROR(CheckSizes(key.size(), kAeadNonceSize));
  Bytes out(kAeadNonceSize + plaintext.size() + kAeadTagSize);
  randombytes_buf(out.data(), kAeadNonceSize);
  unsigned long long ct_len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      out.data() + kAeadNonceSize, &ct_len, plaintext.data(), plaintext.size(),
      associated_data.data(), associated_data.size(), nullptr, out.data(), key.data());
  out.resize(kAeadNonceSize + ct_len);
  return out;
}

Result<Bytes> AeadOpen(const SecretBytes& key, ByteSpan associated_data, ByteSpan sealed) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  RETURN_IF_ERROR(CheckSizes(key.size(), kAeadNonceSize));
  if (sealed.size() < kAeadOverhead) return OpenFailed();
  Bytes out(sealed.size() - kAeadOverhead);
  unsigned long long len = 0;
  if (!DecryptInto(key.data(), sealed.data(), associated_data, sealed.subspan(kAeadNonceSize),
                   out.data(), &len)) {
    return OpenFailed();
  }
  out.resize(len);
  return out;
}

Result<SecretBytes> AeadOpenToSecret(const SecretBytes& key, ByteSpan associated_data,
                                     ByteSpan sealed) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  RETURN_IF_ERROR(CheckSizes(key.size(), kAeadNonceSize));
  if (sealed.size() <= kAeadOverhead) return OpenFailed();
  ASSIGN_OR_RETURN(SecretBytes out, SecretBytes::Allocate(sealed.size() - kAeadOverhead));
  unsigned long long len = 0;
  if (!DecryptInto(key.data(), sealed.data(), associated_data, sealed.subspan(kAeadNonceSize),
                   out.data(), &len)) {
    return OpenFailed();
  }
  return out;
}

Result<Bytes> AeadEncryptWithNonceForTesting(ByteSpan key, ByteSpan nonce, ByteSpan associated_data,
                                             ByteSpan plaintext) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  RETURN_IF_ERROR(CheckSizes(key.size(), nonce.size()));
  Bytes out(plaintext.size() + kAeadTagSize);
  unsigned long long len = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(out.data(), &len, plaintext.data(), plaintext.size(),
                                             associated_data.data(), associated_data.size(),
                                             nullptr, nonce.data(), key.data());
  out.resize(len);
  return out;
}

Result<Bytes> AeadDecryptWithNonce(ByteSpan key, ByteSpan nonce, ByteSpan associated_data,
                                   ByteSpan ciphertext_and_tag) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  RETURN_IF_ERROR(CheckSizes(key.size(), nonce.size()));
  if (ciphertext_and_tag.size() < kAeadTagSize) return OpenFailed();
  Bytes out(ciphertext_and_tag.size() - kAeadTagSize);
  unsigned long long len = 0;
  if (!DecryptInto(key.data(), nonce.data(), associated_data, ciphertext_and_tag, out.data(),
                   &len)) {
    return OpenFailed();
  }
  out.resize(len);
  return out;
}

}  // namespace recount::crypto
