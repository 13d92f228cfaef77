#include "app/record_seal.h"

#include "crypto/data_key.h"
#include "crypto/encoding.h"

namespace recount::app {
namespace {

std::string Where(std::string_view source, std::string_view external_id) {
  return "the narrative of record " + std::string(source) + ":" + std::string(external_id);
}

// The envelope bytes (wrapped key || sealed field) of a sealed narrative.
Result<crypto::Bytes> EnvelopeOf(std::string_view source, std::string_view external_id,
                                 std::string_view stored) {
  Result<crypto::Bytes> raw = crypto::Base64Decode(stored.substr(kSealedNarrativePrefix.size()));
  if (!raw.ok()) {
    return DataLoss(Where(source, external_id) +
                    " is damaged (its sealed text is not valid base64: " + raw.status().message() +
                    ")");
  }
  if (raw->size() < crypto::EnvelopeCipher::SealedSize(0)) {
    return DataLoss(Where(source, external_id) + " is damaged (its sealed text is truncated)");
  }
  return raw;
}

}  // namespace

std::string RecordBindingId(std::string_view source, std::string_view external_id) {
  std::string id;
  id.reserve(source.size() + 1 + external_id.size());
  id.append(source);
  id.push_back('\x1f');
  id.append(external_id);
  return id;
}

bool IsSealedNarrative(std::string_view stored) {
  return stored.substr(0, kSealedNarrativePrefix.size()) == kSealedNarrativePrefix;
}

Result<std::unique_ptr<RecordSealer>> RecordSealer::FromMasterKey(
    const crypto::SecretBytes& master_key) {
  ASSIGN_OR_RETURN(crypto::EnvelopeCipher cipher,
                   crypto::EnvelopeCipher::Create(master_key, crypto::DataKeyClass::kRecord));
  ASSIGN_OR_RETURN(crypto::SecretBytes copy, crypto::SecretBytes::CopyOf(master_key.span()));
  return std::unique_ptr<RecordSealer>(new RecordSealer(std::move(cipher), std::move(copy)));
}

Result<std::string> RecordSealer::SealNarrative(std::string_view source,
                                                std::string_view external_id,
                                                std::string_view narrative) {
  if (narrative.empty()) return std::string();
  if (source.empty() || external_id.empty()) {
    return InvalidArgument("a narrative can be sealed only for a record with a source and an id");
  }
  const std::string id = RecordBindingId(source, external_id);
  sealed_.clear();
  RETURN_IF_ERROR(
      cipher_.Seal({id, kNarrativeField, kNarrativeVersion}, crypto::AsBytes(narrative), &sealed_));
  std::string out(kSealedNarrativePrefix);
  out += crypto::Base64Encode(sealed_);
  return out;
}

Result<std::string> RecordSealer::OpenNarrative(std::string_view source,
                                                std::string_view external_id,
                                                std::string_view stored) {
  if (!IsSealedNarrative(stored)) return std::string(stored);  // legacy plain text, or empty
  ASSIGN_OR_RETURN(crypto::Bytes envelope, EnvelopeOf(source, external_id, stored));
  const std::string id = RecordBindingId(source, external_id);
  Status s = cipher_.Open({id, kNarrativeField, kNarrativeVersion}, envelope, &plain_);
  if (!s.ok()) {
    return DataLoss(Where(source, external_id) + " cannot be opened (" + s.message() +
                    "): it was altered, moved from another record, or sealed under another "
                    "store's key");
  }
  std::string text(reinterpret_cast<const char*>(plain_.data()), plain_.size());
  crypto::WipeBytes(plain_.data(), plain_.size());
  return text;
}

Result<crypto::SecretBytes> RecordSealer::NarrativeDataKey(std::string_view source,
                                                           std::string_view external_id,
                                                           std::string_view stored) {
  if (!IsSealedNarrative(stored)) {
    return InvalidArgument(Where(source, external_id) + " is not sealed");
  }
  ASSIGN_OR_RETURN(crypto::Bytes envelope, EnvelopeOf(source, external_id, stored));
  const std::string id = RecordBindingId(source, external_id);
  Result<crypto::SecretBytes> key =
      crypto::UnwrapDataKey(master_, crypto::ByteSpan(envelope).first(crypto::kWrappedDataKeySize),
                            id, crypto::DataKeyClass::kRecord);
  if (!key.ok()) {
    return DataLoss(Where(source, external_id) + " cannot be opened (" + key.status().message() +
                    ")");
  }
  return key;
}

Result<std::string> OpenNarrativeWithDataKey(const crypto::SecretBytes& data_key,
                                             std::string_view source, std::string_view external_id,
                                             std::string_view stored) {
  if (!IsSealedNarrative(stored)) return std::string(stored);
  ASSIGN_OR_RETURN(crypto::Bytes envelope, EnvelopeOf(source, external_id, stored));
  const std::string id = RecordBindingId(source, external_id);
  Result<crypto::Bytes> plain =
      crypto::OpenField(data_key, {id, kNarrativeField, kNarrativeVersion},
                        crypto::ByteSpan(envelope).subspan(crypto::kWrappedDataKeySize));
  if (!plain.ok()) {
    return DataLoss(Where(source, external_id) + " does not open with the given data key (" +
                    plain.status().message() + ")");
  }
  std::string text(reinterpret_cast<const char*>(plain->data()), plain->size());
  crypto::WipeBytes(plain->data(), plain->size());
  return text;
}

Result<std::optional<std::string>> NarrativeReader::Read(const model::Record& record) {
  if (!IsSealedNarrative(record.narrative)) return std::optional<std::string>(record.narrative);
  if (sealer_ == nullptr) return std::optional<std::string>();
  Result<std::string> text =
      sealer_->OpenNarrative(record.source, record.external_id, record.narrative);
  if (!text.ok()) {
    return DataLoss("record " + std::to_string(record.id) + ": " + text.status().message() +
                    "; restore the store from a backup if this persists");
  }
  return std::optional<std::string>(std::move(*text));
}

Result<bool> NarrativeReader::OpenInPlace(model::Record* record) {
  ASSIGN_OR_RETURN(std::optional<std::string> text, Read(*record));
  if (!text) return false;
  record->narrative = std::move(*text);
  return true;
}

}  // namespace recount::app
