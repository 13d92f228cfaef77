// Text encodings of binary data: standard Base64 (RFC 4648 section 4, with padding) and lower-case
// hex, plus a constant-time comparison for MACs, tags and hashes.
//
// Decoding is strict: the whole input must be consumed, no whitespace is skipped, padding must be
// correct and unused trailing bits must be zero, so every byte string has exactly one accepted
// encoding (this matters for signed notes, where encodings are compared and signed).
// Errors: kInvalidArgument naming what was expected; never a crash on any input.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "crypto/bytes.h"

namespace recount::crypto {

std::string Base64Encode(ByteSpan bytes);
Result<Bytes> Base64Decode(std::string_view text);

std::string HexEncode(ByteSpan bytes);
Result<Bytes> HexDecode(std::string_view text);

// True iff a and b have the same length and contents; the time taken depends only on the length.
bool ConstantTimeEquals(ByteSpan a, ByteSpan b);

}  // namespace recount::crypto
