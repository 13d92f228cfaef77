// Password hashing for web accounts: Argon2id (RFC 9106) in libsodium's self-describing string
// form ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), so the parameters travel with each hash and
// can be raised later (NeedsRehash) without invalidating existing accounts.
//
// Presets: kInteractive is libsodium's INTERACTIVE (64 MiB, 2 passes; above OWASP's minimum of
// 19 MiB, 2 passes), cheap enough that a login costs well under a second and a burst of logins does
// not exhaust memory; kTestingOnlyInsecure (8 KiB, 1 pass) only for unit tests.
//
// Errors: kInvalidArgument for an empty or over-long password (more than 1,024 bytes: hashing
// unbounded input is a denial-of-service vector), kResourceExhausted when the memory cannot be had.
// Thread-safety: pure functions; each call allocates its own working memory.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace recount::crypto {

enum class PasswordStrength { kInteractive, kTestingOnlyInsecure };

inline constexpr size_t kMaxPasswordBytes = 1024;
inline constexpr size_t kMinPasswordChars = 12;

Result<std::string> HashPassword(std::string_view password,
                                 PasswordStrength strength = PasswordStrength::kInteractive);

// True when `password` matches `encoded` (constant-time in the hash comparison). A malformed
// `encoded` string is simply no match.
bool VerifyPassword(std::string_view password, std::string_view encoded);

// True when `encoded` was made with weaker parameters than `strength` asks for.
bool PasswordNeedsRehash(std::string_view encoded,
                         PasswordStrength strength = PasswordStrength::kInteractive);

// A hash of a random password with the given strength: compared against when a login names an
// unknown user, so that the time taken does not reveal which user names exist.
const std::string& DummyPasswordHash(PasswordStrength strength = PasswordStrength::kInteractive);

}  // namespace recount::crypto
