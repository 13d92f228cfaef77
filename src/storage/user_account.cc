#include "storage/user_account.h"

#include "storage/record_digest.h"

namespace recount::storage {
std::string UserAccountDigest(const UserAccount& u) {
  std::string c = "recount-user/v1\n";
  PutDigestField(&c, 'i', std::to_string(u.id));
  PutDigestField(&c, 'n', u.name);
  PutDigestField(&c, 'r', u.role);
  PutDigestField(&c, 'd', u.disabled ? "1" : "0");
  PutDigestField(&c, 'v', std::to_string(u.version));
  PutDigestField(&c, 'p', u.password_hash);
  PutDigestField(&c, 't', u.totp_secret);
  return Sha256Text(c);
}

}  // namespace recount::storage
