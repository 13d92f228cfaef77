// Random record identifiers: 128 bits from the OS CSPRNG, written as 32 lower-case hex digits
// (libsodium's constant-time hex encoder). 128 bits make collisions negligible (birthday bound
// ~2^64 ids) and reveal nothing about when, where or in which order records were made, unlike
// sequential numbers. Hex rather than base32: libsodium has a vetted hex encoder and no base32 one,
// and ids are mostly handled by software, not read aloud.
// Errors: kInternal only if the crypto library cannot initialise. Thread-safety: reentrant.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace recount::crypto {

inline constexpr size_t kRandomIdBytes = 16;
inline constexpr size_t kRandomIdChars = 32;

Result<std::string> NewRandomId();

// True iff `id` has the form NewRandomId produces (32 characters of [0-9a-f]).
bool IsRandomId(std::string_view id);

}  // namespace recount::crypto
