#include "storage/record_sharing.h"

#include <algorithm>

#include "storage/record_digest.h"

namespace recount::storage {

std::string RecordSharingDigest(const RecordSharing& s) {
  std::string c = "recount-sharing/v1\n";
  PutDigestField(&c, 'i', std::to_string(s.record));
  PutDigestField(&c, 'r', s.restricted ? "1" : "0");
  PutDigestField(&c, 'v', std::to_string(s.version));
  for (int64_t u : s.users) PutDigestField(&c, 'u', std::to_string(u));
  return Sha256Text(c);
}

bool SharingAllows(const RecordSharing& s, int64_t user_id) {
  return !s.restricted || std::binary_search(s.users.begin(), s.users.end(), user_id);
}

}  // namespace recount::storage
