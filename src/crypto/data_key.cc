#include "crypto/data_key.h"

#include <string>

#include "crypto/aead.h"
#include "crypto/wire.h"

namespace recount::crypto {
namespace {

constexpr uint8_t kFormatV1 = 0x01;

Bytes WrapAssociatedData(std::string_view record_id, DataKeyClass key_class) {
  Bytes ad;
  wire::PutRaw(ad, AsBytes("recount data key v1"));
  wire::PutU8(ad, static_cast<uint8_t>(key_class));
  wire::PutLengthPrefixed(ad, record_id);
  return ad;
}

Bytes FieldAssociatedData(const FieldBinding& b) {
  Bytes ad;
  wire::PutRaw(ad, AsBytes("recount field v1"));
  wire::PutLengthPrefixed(ad, b.record_id);
  wire::PutLengthPrefixed(ad, b.field);
  wire::PutU64(ad, b.version);
  return ad;
}

Result<Bytes> Versioned(Result<Bytes> sealed) {
  if (!sealed.ok()) return sealed.status();
  Bytes out;
  out.reserve(sealed->size() + 1);
  out.push_back(kFormatV1);
  out.insert(out.end(), sealed->begin(), sealed->end());
  return out;
}

Status CheckId(std::string_view record_id) {
  if (record_id.empty()) return InvalidArgument("a record id is required to bind the ciphertext");
  return Status::Ok();
}

}  // namespace

Result<SecretBytes> NewDataKey() { return SecretBytes::Random(kDataKeySize); }

Result<Bytes> WrapDataKey(const SecretBytes& wrapping_key, const SecretBytes& data_key,
                          std::string_view record_id, DataKeyClass key_class) {
  RETURN_IF_ERROR(CheckId(record_id));
  if (data_key.size() != kDataKeySize) return InvalidArgument("a data key must be 32 bytes");
  return Versioned(
      AeadSeal(wrapping_key, WrapAssociatedData(record_id, key_class), data_key.span()));
}

Result<SecretBytes> UnwrapDataKey(const SecretBytes& wrapping_key, ByteSpan wrapped,
                                  std::string_view record_id, DataKeyClass key_class) {
  RETURN_IF_ERROR(CheckId(record_id));
  if (wrapped.size() != kWrappedDataKeySize || wrapped[0] != kFormatV1) {
    return DataLoss("wrapped data key of record '" + std::string(record_id) +
                    "' has the wrong size or format; the key row is damaged");
  }
  Result<SecretBytes> key =
      AeadOpenToSecret(wrapping_key, WrapAssociatedData(record_id, key_class), wrapped.subspan(1));
  if (!key.ok()) {
    return DataLoss("cannot unwrap the data key of record '" + std::string(record_id) +
                    "': wrong master/vault key, key row moved from another record, or damaged");
  }
  return key;
}

Result<Bytes> SealField(const SecretBytes& data_key, const FieldBinding& binding,
                        ByteSpan plaintext) {
  RETURN_IF_ERROR(CheckId(binding.record_id));
  if (binding.field.empty()) return InvalidArgument("a field name is required to bind the value");
  return Versioned(AeadSeal(data_key, FieldAssociatedData(binding), plaintext));
}

Result<Bytes> OpenField(const SecretBytes& data_key, const FieldBinding& binding, ByteSpan sealed) {
  RETURN_IF_ERROR(CheckId(binding.record_id));
  const std::string where = "field '" + std::string(binding.field) + "' of record '" +
                            std::string(binding.record_id) + "' version " +
                            std::to_string(binding.version);
  if (sealed.empty() || sealed[0] != kFormatV1) {
    return DataLoss(where + ": unknown ciphertext format (damaged value?)");
  }
  Result<Bytes> plain = AeadOpen(data_key, FieldAssociatedData(binding), sealed.subspan(1));
  if (!plain.ok()) return plain.status().WithContext(where);
  return plain;
}

}  // namespace recount::crypto
