// libFuzzer target: the CSV reader must never crash, hang or grow without bound on any input.
#include <cstddef>
#include <cstdint>
#include <sstream>

#include "base/csv_reader.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  recount::CsvOptions options;
  options.max_field_bytes = 1024;
  recount::CsvReader reader(&in, "fuzz.csv", options);
  std::vector<std::string> fields;
  for (int i = 0; i < 100000; ++i) {
    auto r = reader.Next(&fields);
    if (!r.ok() || !*r) break;
  }
  return 0;
}
