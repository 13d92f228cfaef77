// libFuzzer target: one JSON Lines object through the default mapping must never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "ingest/row_source.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const recount::ingest::Mapping kMapping = recount::ingest::DefaultMapping();
  recount::ingest::Row row;
  std::string_view line(reinterpret_cast<const char*>(data), size);
  recount::ingest::ParseJsonLine(line, kMapping, "fuzz.jsonl:1", &row).IgnoreError();
  return 0;
}
