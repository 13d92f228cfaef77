#include "app/data_dir.h"

#include <cstdlib>
#include "base/source_dir.h"

namespace recount::app {

std::string DataDir() {
  if (const char* env = std::getenv("RECOUNT_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return CompiledSourceDir() + "/data";
}

}  // namespace recount::app
