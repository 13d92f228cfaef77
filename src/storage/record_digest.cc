#include "storage/record_digest.h"

#include <charconv>

#include "crypto/encoding.h"
#include "crypto/sha256.h"

namespace recount::storage {

void PutDigestField(std::string* out, char tag, std::string_view value) {
  *out += tag;
  *out += ':';
  *out += std::to_string(value.size());
  *out += ':';
  out->append(value);
  *out += '\n';
}

namespace {

void Put(std::string* out, char tag, std::string_view value) { PutDigestField(out, tag, value); }

// Reads the "<tag>:<length>:<value>\n" lines CanonicalRecordBytes writes, in order.
class CanonicalReader {
 public:
  explicit CanonicalReader(std::string_view bytes) : rest_(bytes) {}

  // The value of the next line, which must carry `tag`.
  Result<std::string_view> Take(char tag) {
    if (rest_.size() < 2 || rest_[0] != tag || rest_[1] != ':') {
      return DataLoss(std::string("kept record version: expected field '") + tag + "'");
    }
    size_t colon = rest_.find(':', 2);
    if (colon == std::string_view::npos) return DataLoss("kept record version: bad length");
    size_t len = 0;
    auto [ptr, ec] = std::from_chars(rest_.data() + 2, rest_.data() + colon, len);
    if (ec != std::errc() || ptr != rest_.data() + colon || rest_.size() < colon + 2 + len ||
        rest_[colon + 1 + len] != '\n') {
      return DataLoss(std::string("kept record version: bad length for field '") + tag + "'");
    }
    std::string_view value = rest_.substr(colon + 1, len);
    rest_.remove_prefix(colon + 2 + len);
    return value;
  }
  Result<std::string> Text(char tag) {
    ASSIGN_OR_RETURN(std::string_view v, Take(tag));
    return std::string(v);
  }
  Result<int64_t> Int(char tag) {
    ASSIGN_OR_RETURN(std::string_view v, Take(tag));
    int64_t n = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
    if (ec != std::errc() || ptr != v.data() + v.size()) {
      return DataLoss(std::string("kept record version: field '") + tag + "' is not a number");
    }
    return n;
  }
  Result<PartialDate> Date(char tag) {
    ASSIGN_OR_RETURN(std::string_view v, Take(tag));
    if (v.empty()) return PartialDate();
    Result<PartialDate> d = PartialDate::Parse(v);
    if (!d.ok()) return DataLoss(std::string("kept record version: bad date in field '") + tag + "'");
    return d;
  }
  bool AtEnd() const { return rest_.empty(); }

 private:
  std::string_view rest_;
};

constexpr std::string_view kRecordHeader = "recount-record/v1\n";

}  // namespace

std::string Sha256Text(std::string_view bytes) {
  return "sha256:" + crypto::HexEncode(crypto::Sha256(crypto::AsBytes(bytes)));
}

std::string RecordDigest(const StoredRecord& sr) {
  return RecordDigestWithBlobHash(
      sr, sr.identity_blob.empty() ? std::string() : Sha256Text(sr.identity_blob));
}

std::string RecordDigestWithBlobHash(const StoredRecord& sr,
                                     std::string_view identity_blob_sha256) {
  return Sha256Text(CanonicalRecordBytes(sr, identity_blob_sha256));
}

std::string CanonicalRecordBytes(const StoredRecord& sr, std::string_view identity_blob_sha256) {
  const model::Record& r = sr.record;
  std::string c(kRecordHeader);
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
  return c;
}

Result<StoredRecord> ParseCanonicalRecord(std::string_view bytes,
                                          std::string* identity_blob_sha256) {
  if (bytes.substr(0, kRecordHeader.size()) != kRecordHeader) {
    return DataLoss("kept record version: not a recount-record/v1 text");
  }
  CanonicalReader in(bytes.substr(kRecordHeader.size()));
  StoredRecord sr;
  model::Record& r = sr.record;
  ASSIGN_OR_RETURN(r.id, in.Int('i'));
  ASSIGN_OR_RETURN(r.source, in.Text('s'));
  ASSIGN_OR_RETURN(r.external_id, in.Text('x'));
  ASSIGN_OR_RETURN(r.person_ref, in.Text('p'));
  ASSIGN_OR_RETURN(r.testimony_date, in.Date('t'));
  ASSIGN_OR_RETURN(r.language, in.Text('l'));
  ASSIGN_OR_RETURN(r.connection, in.Text('c'));
  ASSIGN_OR_RETURN(r.reliability, in.Text('r'));
  ASSIGN_OR_RETURN(r.consent, in.Text('k'));
  ASSIGN_OR_RETURN(r.narrative, in.Text('n'));
  ASSIGN_OR_RETURN(r.sex, in.Text('g'));
  ASSIGN_OR_RETURN(r.birth, in.Date('b'));
  ASSIGN_OR_RETURN(r.origin_text, in.Text('o'));
  ASSIGN_OR_RETURN(r.origin_place_id, in.Text('O'));
  ASSIGN_OR_RETURN(sr.identity_id, in.Text('I'));
  ASSIGN_OR_RETURN(*identity_blob_sha256, in.Text('B'));
  ASSIGN_OR_RETURN(int64_t acts, in.Int('A'));
  if (acts < 0 || acts > 100000) return DataLoss("kept record version: bad act count");
  for (int64_t i = 0; i < acts; ++i) {
    model::Act a;
    ASSIGN_OR_RETURN(a.id, in.Int('a'));
    ASSIGN_OR_RETURN(a.act_type, in.Text('y'));
    ASSIGN_OR_RETURN(a.date, in.Date('d'));
    ASSIGN_OR_RETURN(a.place_text, in.Text('q'));
    ASSIGN_OR_RETURN(a.place_id, in.Text('Q'));
    ASSIGN_OR_RETURN(std::string_view age, in.Take('e'));
    if (!age.empty()) {
      int n = 0;
      auto [ptr, ec] = std::from_chars(age.data(), age.data() + age.size(), n);
      if (ec != std::errc() || ptr != age.data() + age.size()) {
        return DataLoss("kept record version: bad age");
      }
      a.age = n;
    }
    ASSIGN_OR_RETURN(int64_t invs, in.Int('V'));
    if (invs < 0 || invs > 100000) return DataLoss("kept record version: bad involvement count");
    for (int64_t j = 0; j < invs; ++j) {
      model::Involvement v;
      ASSIGN_OR_RETURN(v.perpetrator_type, in.Text('v'));
      ASSIGN_OR_RETURN(v.degree, in.Text('w'));
      a.involvements.push_back(std::move(v));
    }
    r.acts.push_back(std::move(a));
  }
  if (!in.AtEnd()) return DataLoss("kept record version: bytes after the last field");
  return sr;
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
