#include "storage/evidence_file.h"

#include <charconv>

#include "crypto/encoding.h"
#include "crypto/sha256.h"

namespace recount::storage {
namespace {

void Put(std::string* out, char tag, std::string_view value) {
  out->push_back(tag);
  out->push_back(':');
  out->append(std::to_string(value.size()));
  out->push_back(':');
  out->append(value);
  out->push_back('\n');
}

}  // namespace

std::string DigestOfBytes(std::string_view bytes) {
  return "sha256:" + crypto::HexEncode(crypto::Sha256(crypto::AsBytes(bytes)));
}

std::string EvidenceFileDigestWithKeyHash(const EvidenceFile& f,
                                          std::string_view wrapped_key_sha256) {
  std::string c = "recount-evidence/v1\n";
  Put(&c, 'i', std::to_string(f.id));
  Put(&c, 'r', std::to_string(f.record));
  Put(&c, 'e', f.evidence_id);
  Put(&c, 'f', f.file_name);
  Put(&c, 'm', f.media_type);
  Put(&c, 'n', f.source_note);
  Put(&c, 'z', std::to_string(f.size));
  Put(&c, 'p', f.plaintext_sha256);
  Put(&c, 'c', f.ciphertext_sha256);
  Put(&c, 'k', wrapped_key_sha256);
  Put(&c, 'w', f.actor);
  Put(&c, 't', f.attached_at);
  return DigestOfBytes(c);
}

std::string EvidenceFileDigest(const EvidenceFile& f) {
  return EvidenceFileDigestWithKeyHash(f, DigestOfBytes(f.wrapped_key));
}

std::string AttachEntryDetail(const EvidenceFile& f) {
  return "attachment " + std::to_string(f.id) + " " + f.file_name + " plaintext " +
         f.plaintext_sha256 + " ciphertext " + f.ciphertext_sha256;
}

std::optional<int64_t> AttachmentIdOfDetail(std::string_view detail) {
  constexpr std::string_view kPrefix = "attachment ";
  if (detail.substr(0, kPrefix.size()) != kPrefix) return std::nullopt;
  detail.remove_prefix(kPrefix.size());
  int64_t id = 0;
  auto [end, ec] = std::from_chars(detail.data(), detail.data() + detail.size(), id);
  if (ec != std::errc() || id <= 0 || (end != detail.data() + detail.size() && *end != ' ')) {
    return std::nullopt;
  }
  return id;
}

}  // namespace recount::storage
