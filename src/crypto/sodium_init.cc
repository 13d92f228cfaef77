#include "crypto/sodium_init.h"

#include <sodium.h>

namespace recount::crypto {

Status EnsureCryptoInitialized() {
  // A function-local static is initialised exactly once even with concurrent callers
  // (C++11 [stmt.dcl]/4); sodium_init() itself is also safe to call repeatedly.
  static const int rc = sodium_init();
  if (rc < 0) {
    return Internal(
        "libsodium failed to initialise (sodium_init returned -1): the system random source may be "
        "unavailable; check that /dev/urandom or getrandom() works in this environment");
  }
  return Status::Ok();
}

}  // namespace recount::crypto
