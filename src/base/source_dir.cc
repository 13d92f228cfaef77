#include "base/source_dir.h"

#include <cstdlib>

namespace recount {

const std::string& CompiledSourceDir() {
  static const std::string dir = RECOUNT_COMPILED_SOURCE_DIR;
  return dir;
}

std::string SourceDir() {
  if (const char* env = std::getenv("RECOUNT_SOURCE_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return CompiledSourceDir();
}

}  // namespace recount
