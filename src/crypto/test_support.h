// Helpers shared by the crypto unit tests only (not part of the library API): locating test data
// and reading files. Header-only so that it is not compiled into recount_crypto.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include "base/source_dir.h"

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

}  // namespace recount::crypto::testing
