#include "crypto/envelope.h"

#include <sodium.h>

#include <cstring>
#include <string>

#include "crypto/aead.h"
#include "crypto/sodium_init.h"
#include "crypto/wire.h"

namespace recount::crypto {
namespace {

constexpr uint8_t kFormatV1 = 0x01;  // the leading byte of data_key.h's formats
constexpr size_t kScratchSize = kDataKeySize + 2 * kAeadNonceSize;

// The associated data of data_key.cc, rebuilt into a reused buffer. Keep in step with
// WrapAssociatedData / FieldAssociatedData there (envelope_test.cc checks interoperation).
void WrapAd(Bytes& ad, std::string_view record_id, DataKeyClass key_class) {
  ad.clear();
  wire::PutRaw(ad, AsBytes("recount data key v1"));
  wire::PutU8(ad, static_cast<uint8_t>(key_class));
  wire::PutLengthPrefixed(ad, record_id);
}

void FieldAd(Bytes& ad, const FieldBinding& b) {
  ad.clear();
  wire::PutRaw(ad, AsBytes("recount field v1"));
  wire::PutLengthPrefixed(ad, b.record_id);
  wire::PutLengthPrefixed(ad, b.field);
  wire::PutU64(ad, b.version);
}

Status CheckBinding(const FieldBinding& b) {
  if (b.record_id.empty()) return InvalidArgument("a record id is required to bind the ciphertext");
  if (b.field.empty()) return InvalidArgument("a field name is required to bind the value");
  return Status::Ok();
}

}  // namespace

void WipeBytes(void* data, size_t size) {
  if (data != nullptr && size > 0) sodium_memzero(data, size);
}

Result<EnvelopeCipher> EnvelopeCipher::Create(const SecretBytes& wrapping_key,
                                              DataKeyClass key_class) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  if (wrapping_key.size() != kAeadKeySize) {
    return InvalidArgument("a wrapping key must be 32 bytes");
  }
  EnvelopeCipher c;
  ASSIGN_OR_RETURN(c.wrapping_key_, SecretBytes::CopyOf(wrapping_key.span()));
  ASSIGN_OR_RETURN(c.scratch_, SecretBytes::Allocate(kScratchSize));
  c.key_class_ = key_class;
  return c;
}

Status EnvelopeCipher::Seal(const FieldBinding& binding, ByteSpan plaintext, Bytes* out) {
  RETURN_IF_ERROR(CheckBinding(binding));
  uint8_t* data_key = scratch_.data();
  uint8_t* wrap_nonce = data_key + kDataKeySize;
  uint8_t* field_nonce = wrap_nonce + kAeadNonceSize;
  randombytes_buf(scratch_.data(), kScratchSize);
  WrapAd(wrap_ad_, binding.record_id, key_class_);
  FieldAd(field_ad_, binding);

  const size_t start = out->size();
  out->resize(start + SealedSize(plaintext.size()));
  uint8_t* p = out->data() + start;
  unsigned long long len = 0;
  // Wrapped key: 0x01 | nonce | ciphertext(32) | tag.
  *p++ = kFormatV1;
  std::memcpy(p, wrap_nonce, kAeadNonceSize);
  p += kAeadNonceSize;
  crypto_aead_xchacha20poly1305_ietf_encrypt(p, &len, data_key, kDataKeySize, wrap_ad_.data(),
                                             wrap_ad_.size(), nullptr, wrap_nonce,
                                             wrapping_key_.data());
  p += len;
  // Sealed field: 0x01 | nonce | ciphertext | tag.
  *p++ = kFormatV1;
  std::memcpy(p, field_nonce, kAeadNonceSize);
  p += kAeadNonceSize;
  crypto_aead_xchacha20poly1305_ietf_encrypt(p, &len, plaintext.data(), plaintext.size(),
                                             field_ad_.data(), field_ad_.size(), nullptr,
                                             field_nonce, data_key);
  sodium_memzero(data_key, kDataKeySize);
  return Status::Ok();
}

Status EnvelopeCipher::Open(const FieldBinding& binding, ByteSpan envelope, Bytes* plaintext) {
  RETURN_IF_ERROR(CheckBinding(binding));
  const std::string where = "field '" + std::string(binding.field) + "' of '" +
                            std::string(binding.record_id) + "'";
  if (envelope.size() < SealedSize(0) || envelope[0] != kFormatV1 ||
      envelope[kWrappedDataKeySize] != kFormatV1) {
    return DataLoss(where + ": the sealed value is truncated or of an unknown format (damaged)");
  }
  uint8_t* data_key = scratch_.data();
  WrapAd(wrap_ad_, binding.record_id, key_class_);
  unsigned long long len = 0;
  const uint8_t* w = envelope.data() + 1;
  if (crypto_aead_xchacha20poly1305_ietf_decrypt(
          data_key, &len, nullptr, w + kAeadNonceSize, kDataKeySize + kAeadTagSize,
          wrap_ad_.data(), wrap_ad_.size(), w, wrapping_key_.data()) != 0 ||
      len != kDataKeySize) {
    sodium_memzero(data_key, kDataKeySize);
    return DataLoss(where + ": cannot unwrap its data key: wrong key, value moved from another "
                    "record, damaged, or shredded");
  }
  FieldAd(field_ad_, binding);
  const uint8_t* f = envelope.data() + kWrappedDataKeySize + 1;
  const size_t ct_size = envelope.size() - kWrappedDataKeySize - 1 - kAeadNonceSize;
  WipeBytes(plaintext->data(), plaintext->size());
  plaintext->resize(ct_size - kAeadTagSize);
  const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(
      plaintext->data(), &len, nullptr, f + kAeadNonceSize, ct_size, field_ad_.data(),
      field_ad_.size(), f, data_key);
  sodium_memzero(data_key, kDataKeySize);
  if (rc != 0) {
    plaintext->clear();
    return DataLoss(where + ": decryption failed: moved from another field or version, or "
                    "altered");
  }
  plaintext->resize(len);
  return Status::Ok();
}

}  // namespace recount::crypto
