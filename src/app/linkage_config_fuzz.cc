// libFuzzer target: the linkage config-file and --map parsers must never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "app/linkage_config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  recount::app::LinkageConfig a;
  recount::app::ParseConfigText(text, "fuzz.conf", &a).IgnoreError();
  recount::app::LinkageConfig b;
  recount::app::ParseMapOption(text, &b).IgnoreError();
  return 0;
}
