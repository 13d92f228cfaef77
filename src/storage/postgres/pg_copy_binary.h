// Rows in PostgreSQL's binary COPY format (COPY ... FROM STDIN (FORMAT binary)), for bulk loads
// (docs/postgres.md, "Bulk import"). The server reads each value with the column type's binary
// receive function: no text parsing, no escaping, bytea sent as its bytes rather than hex (half
// the bytes for sealed identities).
//
// Every value must match its column's type exactly: Int for bigint columns only (8 bytes, network
// order), Text for text, Bytes for bytea. A mismatch is refused by the server ("incorrect binary
// data format"), never silently converted.
//
// Not thread-safe: one buffer per writer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace recount::storage::postgres {

class BinaryCopyRows {
 public:
  BinaryCopyRows() { Clear(); }

  void Int(int64_t v);  // a bigint column
  void Text(std::string_view v) { Field(v); }
  void TextOrNull(std::string_view v) { v.empty() ? Null() : Text(v); }
  void Bytes(std::string_view v) { Field(v); }  // a bytea column
  void Null();
  void EndRow();

  size_t rows() const { return rows_; }
  size_t bytes() const { return data_.size(); }
  // The whole COPY stream (header, rows, trailer); no more rows may be added until Clear.
  std::string_view Finish();
  void Clear();

 private:
  void Field(std::string_view v);
  void Put32(uint32_t v);
  std::string data_;
  size_t row_start_ = 0;  // where the current row's field count goes
  uint16_t fields_ = 0;
  size_t rows_ = 0;
  bool in_row_ = false;
  bool finished_ = false;
};

}  // namespace recount::storage::postgres
