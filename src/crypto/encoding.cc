#include "crypto/encoding.h"

#include <sodium.h>

#include "crypto/sodium_init.h"

namespace recount::crypto {

std::string Base64Encode(ByteSpan bytes) {
  if (bytes.empty()) return std::string();
  constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
  const size_t encoded_len = sodium_base64_ENCODED_LEN(bytes.size(), kVariant);  // includes NUL
  std::string out(encoded_len, '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), kVariant);
  out.resize(encoded_len - 1);
  return out;
}

Result<Bytes> Base64Decode(std::string_view text) {
  RETURN_IF_ERROR(EnsureCryptoInitialized());
  if (text.empty()) return Bytes();
  Bytes out(text.size() / 4 * 3 + 3);
  size_t bin_len = 0;
  const char* end = nullptr;
  const int rc =
      sodium_base642bin(out.data(), out.size(), text.data(), text.size(),
                        /*ignore=*/nullptr, &bin_len, &end, sodium_base64_VARIANT_ORIGINAL);
  if (rc != 0 || end != text.data() + text.size()) {
    return InvalidArgument("not valid standard base64 (RFC 4648 section 4, padded): '" +
                           std::string(text.substr(0, 64)) + (text.size() > 64 ? "...'" : "'"));
  }
  out.resize(bin_len);
  return out;
}

std::string HexEncode(ByteSpan bytes) {
  if (bytes.empty()) return std::string();
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  out.resize(bytes.size() * 2);
  return out;
}

Result<Bytes> HexDecode(std::string_view text) {
  if (text.size() % 2 != 0) {
    return InvalidArgument("hex text has an odd number of digits (" + std::to_string(text.size()) +
                           ")");
  }
  if (text.empty()) return Bytes();  // libsodium's output pointer must not be null
  Bytes out(text.size() / 2);
  size_t bin_len = 0;
  const char* end = nullptr;
  const int rc = sodium_hex2bin(out.data(), out.size(), text.data(), text.size(),
                                /*ignore=*/nullptr, &bin_len, &end);
  if (rc != 0 || end != text.data() + text.size() || bin_len != out.size()) {
    return InvalidArgument("not valid hex: '" + std::string(text.substr(0, 64)) +
                           (text.size() > 64 ? "...'" : "'"));
  }
  return out;
}

bool ConstantTimeEquals(ByteSpan a, ByteSpan b) {
  if (a.size() != b.size()) return false;
  if (a.empty()) return true;
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace recount::crypto
