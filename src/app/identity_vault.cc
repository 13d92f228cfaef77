#include "app/identity_vault.h"

#include "app/identity_codec.h"
#include "crypto/random_id.h"

namespace recount::app {
namespace {

constexpr std::string_view kField = "identity";

}  // namespace

Result<std::unique_ptr<IdentityVault>> IdentityVault::FromVaultKey(
    const crypto::SecretBytes& vault_key) {
  ASSIGN_OR_RETURN(crypto::EnvelopeCipher cipher,
                   crypto::EnvelopeCipher::Create(vault_key, crypto::DataKeyClass::kIdentity));
  return std::unique_ptr<IdentityVault>(new IdentityVault(std::move(cipher)));
}

Result<std::pair<std::string, std::string>> IdentityVault::Seal(const model::Identity& identity) {
  ASSIGN_OR_RETURN(std::string id, crypto::NewRandomId());
  std::string json = EncodeIdentity(identity);
  sealed_.clear();
  sealed_.push_back(kSealedIdentityFormat);
  Status s = cipher_.Seal({id, kField, kIdentityVersion}, crypto::AsBytes(json), &sealed_);
  crypto::WipeBytes(json.data(), json.size());
  RETURN_IF_ERROR(s);
  return std::make_pair(std::move(id), crypto::AsString(sealed_));
}

Result<model::Identity> IdentityVault::Open(std::string_view identity_id, std::string_view blob) {
  if (!IsSealedIdentity(blob)) {
    return DataLoss("identity " + std::string(identity_id) +
                    " is not in the sealed format (damaged, or written outside recount)");
  }
  Status s = cipher_.Open({identity_id, kField, kIdentityVersion},
                          crypto::AsBytes(blob).subspan(1), &plain_);
  if (!s.ok()) return s;
  Result<model::Identity> identity =
      DecodeIdentity(std::string_view(reinterpret_cast<const char*>(plain_.data()), plain_.size()));
  crypto::WipeBytes(plain_.data(), plain_.size());
  return identity;
}

bool IsSealedIdentity(std::string_view blob) {
  return !blob.empty() && static_cast<uint8_t>(blob[0]) == kSealedIdentityFormat;
}

Result<std::optional<model::Identity>> IdentityReader::Read(const storage::StoredRecord& sr) {
  if (sr.identity_id.empty() || sr.identity_blob.empty()) {
    return std::optional<model::Identity>(model::Identity());
  }
  auto damaged = [&sr](const Status& s) {
    return DataLoss("the identity of record " + std::to_string(sr.record.id) + " (" +
                    sr.record.source + ":" + sr.record.external_id +
                    ") cannot be read: " + s.message() +
                    "; restore the store from a backup if this persists");
  };
  if (legacy_) {
    if (IsSealedIdentity(sr.identity_blob)) {
      return damaged(DataLoss("a sealed identity in a store without a key ring"));
    }
    Result<model::Identity> id = DecodeIdentity(sr.identity_blob);
    if (!id.ok()) return damaged(id.status());
    return std::optional<model::Identity>(std::move(*id));
  }
  if (vault_ == nullptr) return std::optional<model::Identity>();
  Result<model::Identity> id = vault_->Open(sr.identity_id, sr.identity_blob);
  if (!id.ok()) return damaged(id.status());
  read_ids_.push_back(sr.record.id);
  return std::optional<model::Identity>(std::move(*id));
}

}  // namespace recount::app
