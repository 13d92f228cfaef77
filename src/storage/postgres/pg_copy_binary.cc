#include "storage/postgres/pg_copy_binary.h"

namespace recount::storage::postgres {
namespace {

// The signature, flags (no OIDs) and header extension length of the binary COPY format.
constexpr char kHeader[] = "PGCOPY\n\377\r\n\0\0\0\0\0\0\0\0\0";
constexpr size_t kHeaderSize = sizeof(kHeader) - 1;  // 11 + 4 + 4 bytes

}  // namespace

void BinaryCopyRows::Clear() {
  data_.assign(kHeader, kHeaderSize);
  rows_ = 0;
  fields_ = 0;
  in_row_ = false;
  finished_ = false;
}

void BinaryCopyRows::Put32(uint32_t v) {
  const char b[4] = {static_cast<char>(v >> 24), static_cast<char>(v >> 16),
                     static_cast<char>(v >> 8), static_cast<char>(v)};
  data_.append(b, 4);
}

void BinaryCopyRows::Field(std::string_view v) {
  if (!in_row_) {
    row_start_ = data_.size();
    data_.append(2, '\0');  // the field count, set by EndRow
    in_row_ = true;
  }
  ++fields_;
  Put32(static_cast<uint32_t>(v.size()));
  data_.append(v);
}

void BinaryCopyRows::Int(int64_t v) {
  char b[8];
  const uint64_t u = static_cast<uint64_t>(v);
  for (int i = 0; i < 8; ++i) b[i] = static_cast<char>(u >> (56 - 8 * i));
  Field(std::string_view(b, 8));
}

void BinaryCopyRows::Null() {
  Field(std::string_view());
  data_.resize(data_.size() - 4);
  Put32(0xFFFFFFFFu);  // length -1: NULL
}

void BinaryCopyRows::EndRow() {
  if (!in_row_) {  // a row without fields
    row_start_ = data_.size();
    data_.append(2, '\0');
  }
  data_[row_start_] = static_cast<char>(fields_ >> 8);
  data_[row_start_ + 1] = static_cast<char>(fields_ & 0xFF);
  fields_ = 0;
  in_row_ = false;
  ++rows_;
}

std::string_view BinaryCopyRows::Finish() {
  if (!finished_) data_.append("\xFF\xFF", 2);  // the trailer: a field count of -1
  finished_ = true;
  return data_;
}

}  // namespace recount::storage::postgres
