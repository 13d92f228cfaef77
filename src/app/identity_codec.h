// Encodes a record's identity details into the opaque blob the store keeps in its identity vault,
// and back. Today the blob is JSON; sealing it under the vault key (docs/security.md) wraps this
// encoding without changing callers.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "model/record.h"

namespace recount::app {

std::string EncodeIdentity(const model::Identity& identity);
Result<model::Identity> DecodeIdentity(std::string_view blob);

// A fresh random id (128 bits, hex) joining a record to its identity.
std::string NewIdentityId();

}  // namespace recount::app
