#include "app/data_dir.h"

#include <cstdlib>

namespace recount::app {

std::string DataDir() {
  if (const char* env = std::getenv("RECOUNT_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return std::string(RECOUNT_SOURCE_DIR) + "/data";
}

}  // namespace recount::app
