// Helpers shared by the crypto unit tests only (not part of the library API): locating test data
// and reading files, test keys. Header-only so that it is not compiled into recount_crypto.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <utility>

#include "base/source_dir.h"
#include "crypto/secret_bytes.h"

namespace recount::crypto::testing {

// The source tree (base/source_dir.h).
inline std::filesystem::path SourceDir() { return recount::SourceDir(); }

// The shared data checkout next to the repository (may not exist, e.g. in a fresh clone).
inline std::filesystem::path SharedDir() {
  if (const char* env = std::getenv("RECOUNT_SHARED_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return SourceDir() / ".." / "shared";
}

inline std::string ReadFileOrEmpty(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A 32-byte test key: fill, fill+1, ... (distinct fills give distinct keys).
inline SecretBytes TestKey(uint8_t fill) {
  SecretBytes k = std::move(SecretBytes::Allocate(32).value());
  for (size_t i = 0; i < k.size(); ++i) k.data()[i] = static_cast<uint8_t>(fill + i);
  return k;
}

}  // namespace recount::crypto::testing
