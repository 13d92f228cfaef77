#include "crypto/random_id.h"

#include <sodium.h>

#include <cstdint>

#include "crypto/encoding.h"
#include "crypto/sodium_init.h"

namespace recount::crypto {

Result<std::string> NewRandomId() {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  uint8_t bytes[kRandomIdBytes];
  randombytes_buf(bytes, sizeof(bytes));
  return HexEncode(bytes);
}

bool IsRandomId(std::string_view id) {
  if (id.size() != kRandomIdChars) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace recount::crypto
