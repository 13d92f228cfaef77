// The plaintext encoding (JSON) of a record's identity details. This is what identity_vault.h
// seals before anything reaches the store; on disk it appears only inside the ciphertext (or as
// the whole blob in a legacy store made before encryption). Never store this output directly.
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
