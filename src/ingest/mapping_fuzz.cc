// libFuzzer target: mapping-file parsing and binding to a header must never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/mapping.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  auto m = recount::ingest::ParseMapping(text, "fuzz.map");
  if (m.ok()) {
    recount::ingest::BindMapping(*m, {"record_id", "act", "이름", "Date"}, "f.csv").status().IgnoreError();
  }
  return 0;
}
