#include "crypto/totp.h"

#include <nettle/hmac.h>

#include <array>
#include <cstdio>

#include "crypto/encoding.h"

namespace recount::crypto {
namespace {

// HMAC of the 8-byte big-endian counter; returns the digest length.
size_t HmacCounter(TotpHash hash, ByteSpan key, const std::array<uint8_t, 8>& msg,
                   std::array<uint8_t, 64>& out) {
  switch (hash) {
    case TotpHash::kSha1: {
      hmac_sha1_ctx ctx;
      hmac_sha1_set_key(&ctx, key.size(), key.data());
      hmac_sha1_update(&ctx, msg.size(), msg.data());
      hmac_sha1_digest(&ctx, SHA1_DIGEST_SIZE, out.data());
      return SHA1_DIGEST_SIZE;
    }
    case TotpHash::kSha256: {
      hmac_sha256_ctx ctx;
      hmac_sha256_set_key(&ctx, key.size(), key.data());
      hmac_sha256_update(&ctx, msg.size(), msg.data());
      hmac_sha256_digest(&ctx, SHA256_DIGEST_SIZE, out.data());
      return SHA256_DIGEST_SIZE;
    }
    case TotpHash::kSha512: {
      hmac_sha512_ctx ctx;
      hmac_sha512_set_key(&ctx, key.size(), key.data());
      hmac_sha512_update(&ctx, msg.size(), msg.data());
      hmac_sha512_digest(&ctx, SHA512_DIGEST_SIZE, out.data());
      return SHA512_DIGEST_SIZE;
    }
  }
  return 0;
}

std::string_view HashName(TotpHash h) {
  switch (h) {
    case TotpHash::kSha1: return "SHA1";
    case TotpHash::kSha256: return "SHA256";
    case TotpHash::kSha512: return "SHA512";
  }
  return "SHA1";
}

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

std::string PercentEncode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out += static_cast<char>(c);
    } else {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", c);
      out += buf;
    }
  }
  return out;
}

}  // namespace

std::string Hotp(ByteSpan secret, uint64_t counter, const TotpParams& params) {
  std::array<uint8_t, 8> msg;
  for (int i = 7; i >= 0; --i) {
    msg[i] = static_cast<uint8_t>(counter & 0xff);
    counter >>= 8;
  }
  std::array<uint8_t, 64> mac{};
  size_t n = HmacCounter(params.hash, secret, msg, mac);
  // Dynamic truncation (RFC 4226 section 5.3).
  size_t offset = mac[n - 1] & 0x0f;
  uint32_t bin = (static_cast<uint32_t>(mac[offset] & 0x7f) << 24) |
                 (static_cast<uint32_t>(mac[offset + 1]) << 16) |
                 (static_cast<uint32_t>(mac[offset + 2]) << 8) | mac[offset + 3];
  int digits = params.digits < 6 ? 6 : (params.digits > 9 ? 9 : params.digits);
  uint32_t mod = 1;
  for (int i = 0; i < digits; ++i) mod *= 10;
  std::string code = std::to_string(bin % mod);
  return std::string(static_cast<size_t>(digits) - code.size(), '0') + code;
}

uint64_t TotpStep(int64_t unix_seconds, const TotpParams& params) {
  int64_t period = params.period > 0 ? params.period : 30;
  if (unix_seconds < params.t0) return 0;
  return static_cast<uint64_t>((unix_seconds - params.t0) / period);
}

std::string Totp(ByteSpan secret, int64_t unix_seconds, const TotpParams& params) {
  return Hotp(secret, TotpStep(unix_seconds, params), params);
}

std::optional<uint64_t> VerifyTotp(ByteSpan secret, std::string_view code, int64_t unix_seconds,
                                   std::optional<uint64_t> last_used_step, int window,
                                   const TotpParams& params) {
  uint64_t now = TotpStep(unix_seconds, params);
  std::optional<uint64_t> found;
  // Every candidate step is computed and compared, so timing does not tell which one matched.
  for (int d = -window; d <= window; ++d) {
    if (d < 0 && now < static_cast<uint64_t>(-d)) continue;
    uint64_t step = now + static_cast<uint64_t>(static_cast<int64_t>(d));
    if (last_used_step && step <= *last_used_step) continue;
    std::string expected = Hotp(secret, step, params);
    if (ConstantTimeEquals(AsBytes(expected), AsBytes(code)) && !found) found = step;
  }
  return found;
}

std::string Base32Encode(ByteSpan bytes, bool pad) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (uint8_t b : bytes) {
    buffer = (buffer << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += kBase32Alphabet[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += kBase32Alphabet[(buffer << (5 - bits)) & 31];
  if (pad) {
    while (out.size() % 8 != 0) out += '=';
  }
  return out;
}

Result<Bytes> Base32Decode(std::string_view text) {
  Bytes out;
  uint32_t buffer = 0;
  int bits = 0;
  bool padding = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == ' ') continue;
    if (c == '=') {
      padding = true;
      continue;
    }
    if (padding) {
      return InvalidArgument("Base32: character after '=' padding at position " +
                                     std::to_string(i + 1));
    }
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    size_t v = kBase32Alphabet.find(c);
    if (v == std::string_view::npos) {
      return InvalidArgument("Base32: '" + std::string(1, text[i]) + "' at position " +
                                     std::to_string(i + 1) +
                                     " is not a Base32 character (A-Z, 2-7)");
    }
    buffer = (buffer << 5) | static_cast<uint32_t>(v);
    bits += 5;
    if (bits >= 8) {
      out.push_back(static_cast<uint8_t>((buffer >> (bits - 8)) & 0xff));
      bits -= 8;
    }
  }
  return out;
}

std::string TotpUri(std::string_view issuer, std::string_view account, ByteSpan secret,
                    const TotpParams& params) {
  return "otpauth://totp/" + PercentEncode(issuer) + ":" + PercentEncode(account) +
         "?secret=" + Base32Encode(secret) + "&issuer=" + PercentEncode(issuer) +
         "&algorithm=" + std::string(HashName(params.hash)) +
         "&digits=" + std::to_string(params.digits) + "&period=" + std::to_string(params.period);
}

}  // namespace recount::crypto
