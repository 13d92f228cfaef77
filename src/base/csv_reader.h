// CsvReader: a streaming RFC 4180 CSV reader that reads one record at a time from a file, with
// constant memory whatever the file size.
//
// Contract: quoted fields may contain separators, doubled quotes and line breaks; a UTF-8 BOM at
// the start is skipped; CRLF and LF line ends are accepted. Every error names the file, the line
// and the column (1-based) and says what to do. A single field longer than max_field_bytes or a
// record with more than max_fields fields is an error (bounded memory on hostile input).
// Not thread-safe; one reader per file.
#pragma once

#include <cstdint>
#include <fstream>
#include <istream>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace recount {

struct CsvOptions {
  char separator = ',';
  size_t max_field_bytes = 1 << 20;  // 1 MiB
  size_t max_fields = 4096;
  bool require_utf8 = true;  // invalid UTF-8 is an error naming line and column
};

class CsvReader {
 public:
  // Opens `path`. The display name used in messages is the path.
  static Result<std::unique_ptr<CsvReader>> Open(const std::string& path, CsvOptions options = {});
  // Reads from a stream the caller owns; `name` is used in messages.
  CsvReader(std::istream* in, std::string name, CsvOptions options = {});

  // Reads the next record into *fields. Returns false at end of input (and leaves *fields empty);
  // an error Status for malformed input. Blank lines are skipped.
  Result<bool> Next(std::vector<std::string>* fields);

  // 1-based line on which the last record returned by Next started.
  int64_t record_line() const { return record_line_; }
  const std::string& name() const { return name_; }
  // Bytes consumed so far (for progress reporting).
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  Status Error(int64_t line, size_t column, const std::string& what) const;
  bool Fill();

  std::unique_ptr<std::ifstream> owned_;
  std::istream* in_;
  std::string name_;
  CsvOptions options_;
  std::vector<char> buf_;
  size_t pos_ = 0;
  size_t end_ = 0;
  bool eof_ = false;
  bool at_start_ = true;
  int64_t line_ = 1;
  int64_t record_line_ = 0;
  uint64_t bytes_read_ = 0;
};

}  // namespace recount
