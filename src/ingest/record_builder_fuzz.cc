// libFuzzer target: arbitrary field values through validation must never crash: the input is split
// on '\x1f' into field values in the default layout's order.
#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/record_builder.h"
#include "base/source_dir.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const recount::model::Vocabularies* vocab = [] {
    auto v = recount::model::Vocabularies::Load(recount::SourceDir() + "/data");
    return v.ok() ? new recount::model::Vocabularies(std::move(v).value()) : nullptr;
  }();
  if (vocab == nullptr) return 0;
  recount::ingest::RecordBuilder builder(*vocab, nullptr, 2026);
  recount::ingest::Row row;
  row.line = 1;
  std::string s(reinterpret_cast<const char*>(data), size);
  size_t field = 0, start = 0;
  for (size_t i = 0; i <= s.size() && field < row.values.size(); ++i) {
    if (i == s.size() || s[i] == '\x1f') {
      row.values[field++] = s.substr(start, i - start);
      start = i + 1;
    }
  }
  recount::model::Record r;
  std::vector<recount::ingest::RowProblem> problems;
  builder.Build(row, "fuzz.csv", &r, &problems);
  return 0;
}
