#include "base/csv_reader.h"

#include "base/utf8.h"

namespace recount {
namespace {
constexpr size_t kBufferSize = 1 << 16;
}

Result<std::unique_ptr<CsvReader>> CsvReader::Open(const std::string& path, CsvOptions options) {
  auto file = std::make_unique<std::ifstream>(path, std::ios::binary);
  if (!file->is_open()) {
    return NotFound(path + ": cannot open file for reading; check the path and permissions");
  }
  auto reader = std::make_unique<CsvReader>(file.get(), path, options);
  reader->owned_ = std::move(file);
  return reader;
}

CsvReader::CsvReader(std::istream* in, std::string name, CsvOptions options)
    : in_(in), name_(std::move(name)), options_(options), buf_(kBufferSize) {}

Status CsvReader::Error(int64_t line, size_t column, const std::string& what) const {
  return InvalidArgument(name_ + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " +
                         what);
}

bool CsvReader::Fill() {
  if (eof_) return false;
  in_->read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
  end_ = static_cast<size_t>(in_->gcount());
  pos_ = 0;
  bytes_read_ += end_;
  if (end_ == 0) {
    eof_ = true;
    return false;
  }
  if (at_start_) {
    at_start_ = false;
    if (end_ >= 3 && static_cast<unsigned char>(buf_[0]) == 0xEF &&
        static_cast<unsigned char>(buf_[1]) == 0xBB && static_cast<unsigned char>(buf_[2]) == 0xBF) {
      pos_ = 3;
    }
  }
  return true;
}

Result<bool> CsvReader::Next(std::vector<std::string>* fields) {
  fields->clear();
  std::string field;
  enum class State { kStartField, kUnquoted, kQuoted, kQuoteInQuoted } state = State::kStartField;
  bool any_content = false;  // distinguishes a blank line from a record with one empty field
  record_line_ = line_;
  size_t column = 1;
  int64_t quote_line = 0;

  auto finish_field = [&]() -> Status {
    if (options_.require_utf8) {
      size_t bad = FirstInvalidUtf8(field);
      if (bad != std::string_view::npos) {
        return Error(record_line_, fields->size() + 1,
                     "field " + std::to_string(fields->size() + 1) +
                         " is not valid UTF-8; save the file as UTF-8 (in a spreadsheet: "
                         "'CSV UTF-8') and import again");
      }
    }
    if (fields->size() >= options_.max_fields) {
      return Error(record_line_, column, "more than " + std::to_string(options_.max_fields) +
                                             " fields in one record; is the separator right?");
    }
    fields->push_back(std::move(field));
    field.clear();
    return Status();
  };

  while (true) {
    if (pos_ >= end_ && !Fill()) break;
    char c = buf_[pos_++];
    if (field.size() >= options_.max_field_bytes) {
      return Error(record_line_, column,
                   "a field is longer than " + std::to_string(options_.max_field_bytes) +
                       " bytes; is a quote left open?");
    }
    switch (state) {
      case State::kStartField:
        if (c == '"') {
          state = State::kQuoted;
          quote_line = line_;
          any_content = true;
        } else if (c == options_.separator) {
          any_content = true;
          RETURN_IF_ERROR(finish_field());
          ++column;
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && (pos_ < end_ || Fill()) && buf_[pos_] == '\n') ++pos_;
          ++line_;
          if (!any_content) {
            record_line_ = line_;  // blank line: skip
            continue;
          }
          RETURN_IF_ERROR(finish_field());
          return true;
        } else {
          any_content = true;
          field.push_back(c);
          state = State::kUnquoted;
        }
        break;
      case State::kUnquoted:
        if (c == options_.separator) {
          RETURN_IF_ERROR(finish_field());
          ++column;
          state = State::kStartField;
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && (pos_ < end_ || Fill()) && buf_[pos_] == '\n') ++pos_;
          ++line_;
          RETURN_IF_ERROR(finish_field());
          return true;
        } else if (c == '"') {
          return Error(line_, column,
                       "a quote inside an unquoted field; quote the whole field and double the "
                       "quotes inside it (\"like \"\"this\"\"\")");
        } else {
          field.push_back(c);
        }
        break;
      case State::kQuoted:
        if (c == '"') {
          state = State::kQuoteInQuoted;
        } else {
          if (c == '\n') ++line_;
          field.push_back(c);
        }
        break;
      case State::kQuoteInQuoted:
        if (c == '"') {
          field.push_back('"');
          state = State::kQuoted;
        } else if (c == options_.separator) {
          RETURN_IF_ERROR(finish_field());
          ++column;
          state = State::kStartField;
        } else if (c == '\n' || c == '\r') {
          if (c == '\r' && (pos_ < end_ || Fill()) && buf_[pos_] == '\n') ++pos_;
          ++line_;
          RETURN_IF_ERROR(finish_field());
          return true;
        } else {
          return Error(line_, column,
                       "unexpected character after a closing quote; a quote inside a quoted "
                       "field must be doubled");
        }
        break;
    }
  }
  // End of input.
  if (state == State::kQuoted) {
    return Error(quote_line, column,
                 "a quoted field opened here is never closed; add the closing quote");
  }
  if (!any_content) return false;
  RETURN_IF_ERROR(finish_field());
  return true;
}

}  // namespace recount
