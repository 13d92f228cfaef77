#include "storage/record_digest.h"

#include <charconv>

#include "crypto/encoding.h"
#include "crypto/sha256.h"

namespace recount::storage {
namespace {

// Appends "<tag>:<length>:<value>\n": unambiguous whatever the value holds.
void Put(std::string* out, char tag, std::string_view value) {
  *out += tag;
  *out += ':';
  *out += std::to_string(value.size());
  *out += ':';
  out->append(value);
  *out += '\n';
}

std::string Sha256Text(std::string_view bytes) {
  return "sha256:" + crypto::HexEncode(crypto::Sha256(crypto::AsBytes(bytes)));
}

}  // namespace

std::string RecordDigest(const StoredRecord& sr) {
  return RecordDigestWithBlobHash(
      sr, sr.identity_blob.empty() ? std::string() : Sha256Text(sr.identity_blob));
}

std::string RecordDigestWithBlobHash(const StoredRecord& sr,
                                     std::string_view identity_blob_sha256) {
  const model::Record& r = sr.record;
  std::string c = "recount-record/v1\n";
  Put(&c, 'i', std::to_string(r.id));
  Put(&c, 's', r.source);
  Put(&c, 'x', r.external_id);
  Put(&c, 'p', r.person_ref);
  Put(&c, 't', r.testimony_date.ToString());
  Put(&c, 'l', r.language);
  Put(&c, 'c', r.connection);
  Put(&c, 'r', r.reliability);
  Put(&c, 'k', r.consent);
  Put(&c, 'n', r.narrative);
  Put(&c, 'g', r.sex);
  Put(&c, 'b', r.birth.ToString());
  Put(&c, 'o', r.origin_text);
  Put(&c, 'O', r.origin_place_id);
  Put(&c, 'I', sr.identity_id);
  Put(&c, 'B', identity_blob_sha256);
  Put(&c, 'A', std::to_string(r.acts.size()));
  for (const model::Act& a : r.acts) {
    Put(&c, 'a', std::to_string(a.id));
    Put(&c, 'y', a.act_type);
    Put(&c, 'd', a.date.ToString());
    Put(&c, 'q', a.place_text);
    Put(&c, 'Q', a.place_id);
    Put(&c, 'e', a.age ? std::to_string(*a.age) : std::string());
    Put(&c, 'V', std::to_string(a.involvements.size()));
    for (const model::Involvement& v : a.involvements) {
      Put(&c, 'v', v.perpetrator_type);
      Put(&c, 'w', v.degree);
    }
  }
  return Sha256Text(c);
}

std::string KeyRingDigest(std::string_view key_ring) { return Sha256Text(key_ring); }

std::string PairsDigest(const std::vector<LinkPair>& pairs) {
  std::string c = "recount-pairs/v1\n";
  char buf[64];
  for (const LinkPair& p : pairs) {
    Put(&c, 'a', std::to_string(p.a));
    Put(&c, 'b', std::to_string(p.b));
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, p.probability);
    Put(&c, 'p', std::string_view(buf, ec == std::errc() ? end - buf : 0));
  }
  return Sha256Text(c);
}

std::string ClusterDigest(const std::vector<std::pair<int64_t, std::string>>& assignment) {
  std::string c = "recount-clusters/v1\n";
  for (const auto& [id, cluster] : assignment) {
    Put(&c, 'i', std::to_string(id));
    Put(&c, 'c', cluster);
  }
  return Sha256Text(c);
}

}  // namespace recount::storage
