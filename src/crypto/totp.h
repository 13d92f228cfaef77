// Time-based one-time passwords (TOTP, RFC 6238) over HOTP (RFC 4226), and Base32 (RFC 4648
// section 6) for the shared secret as authenticator apps expect it (otpauth:// URIs).
//
// recount uses TOTP as the second factor of a web login (docs/web.md, "Accounts"): 30-second
// steps, 6 digits, HMAC-SHA1 (what every authenticator app implements); the other hash functions
// are there because RFC 6238's test vectors (Appendix B) cover them. A code is accepted for the
// current step and one step either side (clock drift), and never twice: the caller keeps the last
// step that was accepted and passes it back (`VerifyTotp`).
//
// Errors: kInvalidArgument for malformed Base32 or parameters. Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/bytes.h"

namespace recount::crypto {

enum class TotpHash { kSha1, kSha256, kSha512 };

struct TotpParams {
  TotpHash hash = TotpHash::kSha1;
  int digits = 6;         // 6..9
  int64_t period = 30;    // seconds per step
  int64_t t0 = 0;         // Unix time of step 0
};

// Size of the secrets recount makes (160 bits, RFC 4226's recommendation for HMAC-SHA1).
inline constexpr size_t kTotpSecretBytes = 20;

// The HOTP value of `counter` (RFC 4226 section 5.3), as a zero-padded decimal string.
std::string Hotp(ByteSpan secret, uint64_t counter, const TotpParams& params = {});

// The time step of `unix_seconds` (floor((t - t0) / period)); negative times give step 0.
uint64_t TotpStep(int64_t unix_seconds, const TotpParams& params = {});

// The TOTP code at `unix_seconds`.
std::string Totp(ByteSpan secret, int64_t unix_seconds, const TotpParams& params = {});

// The step whose code equals `code` among the steps around `unix_seconds` (-window..+window) that
// are later than `last_used_step` (nullopt when none was used yet); nullopt when no step matches.
// Comparison is constant-time per step.
std::optional<uint64_t> VerifyTotp(ByteSpan secret, std::string_view code, int64_t unix_seconds,
                                   std::optional<uint64_t> last_used_step, int window = 1,
                                   const TotpParams& params = {});

// RFC 4648 Base32, upper case; Encode pads with '=' only when `pad` is true (otpauth URIs leave
// padding out). Decode accepts upper or lower case, with or without padding, ignores spaces (people
// type secrets in groups), and rejects any other character.
std::string Base32Encode(ByteSpan bytes, bool pad = false);
Result<Bytes> Base32Decode(std::string_view text);

// otpauth://totp/ISSUER:ACCOUNT?secret=...&issuer=ISSUER&algorithm=SHA1&digits=6&period=30, with
// issuer and account percent-encoded (the Key Uri Format authenticator apps read).
std::string TotpUri(std::string_view issuer, std::string_view account, ByteSpan secret,
                    const TotpParams& params = {});

}  // namespace recount::crypto
