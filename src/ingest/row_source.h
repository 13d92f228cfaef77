// RowSource: reads an input file (CSV or JSON Lines) row by row and hands out each row's values
// per recount field, through a column mapping. Streaming: memory does not grow with the file.
//
// Not thread-safe; one per file.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/result.h"
#include "ingest/mapping.h"

namespace recount::ingest {

struct Row {
  int64_t line = 0;  // 1-based line where the row starts
  std::array<std::string, kFieldCount> values;
  std::string raw;  // JSON Lines: the line as read (CSV rows leave it empty: see CurrentRaw)
  const std::string& Get(Field f) const { return values[static_cast<int>(f)]; }
};

enum class FileFormat { kAuto, kCsv, kJsonLines };

class RowSource {
 public:
  virtual ~RowSource() = default;
  // Reads the next row; false at end of file.
  virtual Result<bool> Next(Row* row) = 0;
  virtual const std::string& name() const = 0;
  virtual uint64_t bytes_read() const = 0;
  // The header line of a CSV file (for reject files); empty for JSON Lines.
  virtual std::string header_text() const = 0;
  // The row last read, as text in the file's own format (for reject files). Built on demand,
  // so valid rows cost nothing.
  virtual std::string CurrentRaw(const Row& row) const = 0;
};

// Parses one JSON Lines object into `row` (values and raw text; not the line number) through
// `mapping`. `location` ("file:line") prefixes messages.
Status ParseJsonLine(std::string_view line, const Mapping& mapping, const std::string& location,
                     Row* row);

// Opens `path` in `format` (kAuto: .jsonl/.ndjson/.json are JSON Lines, everything else CSV).
Result<std::unique_ptr<RowSource>> OpenRowSource(const std::string& path, FileFormat format,
                                                 const Mapping& mapping);

}  // namespace recount::ingest
