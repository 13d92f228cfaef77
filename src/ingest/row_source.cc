#include "ingest/row_source.h"

#include <nlohmann/json.hpp>

#include <fstream>

#include "base/csv_reader.h"
#include "base/csv_writer.h"
#include "base/utf8.h"

namespace recount::ingest {
namespace {

constexpr size_t kMaxLineBytes = 1 << 20;


class CsvRowSource : public RowSource {
 public:
  CsvRowSource(std::unique_ptr<CsvReader> reader, BoundMapping bound, char sep,
               std::string header_text)
      : reader_(std::move(reader)), bound_(bound), sep_(sep), header_text_(std::move(header_text)) {}

  Result<bool> Next(Row* row) override {
    ASSIGN_OR_RETURN(bool more, reader_->Next(&fields_));
    if (!more) return false;
    row->line = reader_->record_line();
    for (int f = 0; f < kFieldCount; ++f) {
      int idx = bound_.index[f];
      row->values[f] = (idx >= 0 && idx < static_cast<int>(fields_.size()))
                           ? std::string(Trim(fields_[idx]))
                           : std::string();
    }
    if (fields_.size() != header_size_ && header_size_ != 0) {
      return InvalidArgument(reader_->name() + ":" + std::to_string(row->line) + ": " +
                             std::to_string(fields_.size()) + " fields but the header has " +
                             std::to_string(header_size_) +
                             "; check for an unquoted separator in a value");
    }
    return true;
  }
  std::string CurrentRaw(const Row&) const override {
    std::string raw;
    for (size_t i = 0; i < fields_.size(); ++i) {
      if (i) raw += sep_;
      raw += CsvEscape(fields_[i], sep_);
    }
    return raw;
  }
  const std::string& name() const override { return reader_->name(); }
  uint64_t bytes_read() const override { return reader_->bytes_read(); }
  std::string header_text() const override { return header_text_; }
  void set_header_size(size_t n) { header_size_ = n; }

 private:
  std::unique_ptr<CsvReader> reader_;
  BoundMapping bound_;
  char sep_;
  std::string header_text_;
  size_t header_size_ = 0;
  std::vector<std::string> fields_;
};

class JsonLinesRowSource : public RowSource {
 public:
  JsonLinesRowSource(std::string path, Mapping mapping)
      : path_(std::move(path)), mapping_(std::move(mapping)), in_(path_, std::ios::binary) {}

  bool is_open() const { return in_.is_open(); }

  Result<bool> Next(Row* row) override {
    std::string line;
    while (true) {
      if (!std::getline(in_, line)) return false;
      ++line_;
      bytes_ += line.size() + 1;
      if (line_ == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!Trim(line).empty()) break;
    }
    row->line = line_;
    RETURN_IF_ERROR(ParseJsonLine(line, mapping_, path_ + ":" + std::to_string(line_), row));
    return true;
  }
  const std::string& name() const override { return path_; }
  uint64_t bytes_read() const override { return bytes_; }
  std::string header_text() const override { return ""; }
  std::string CurrentRaw(const Row& row) const override { return row.raw; }

 private:
  std::string path_;
  Mapping mapping_;
  std::ifstream in_;
  int64_t line_ = 0;
  uint64_t bytes_ = 0;
};

bool EndsWith(const std::string& s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

Status ParseJsonLine(std::string_view line, const Mapping& mapping, const std::string& location,
                     Row* row) {
  std::string where = location + ": ";
  if (line.size() > kMaxLineBytes) return InvalidArgument(where + "line longer than 1 MiB");
  if (size_t bad = FirstInvalidUtf8(line); bad != std::string::npos) {
    return InvalidArgument(where + "not valid UTF-8 at byte " + std::to_string(bad + 1) +
                           "; save the file as UTF-8");
  }
  nlohmann::json j = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) {
    return InvalidArgument(where + "not valid JSON; each line must be one JSON object");
  }
  if (!j.is_object()) return InvalidArgument(where + "each line must be a JSON object");
  row->raw = line;
  for (auto& v : row->values) v.clear();
  for (auto it = j.begin(); it != j.end(); ++it) {
    int field = -1;
    for (int f = 0; f < kFieldCount; ++f) {
      if (!mapping.column[f].empty() && mapping.column[f] == it.key()) field = f;
    }
    if (field < 0) {
      if (mapping.ignore_unknown) continue;
      return InvalidArgument(where + "key '" + it.key() +
                             "' feeds no recount field; map it or set ignore_unknown = true");
    }
    const nlohmann::json& v = it.value();
    if (v.is_string()) {
      row->values[field] = std::string(Trim(v.get<std::string>()));
    } else if (v.is_number_integer()) {
      row->values[field] = std::to_string(v.get<int64_t>());
    } else if (v.is_null()) {
      row->values[field].clear();
    } else if (v.is_array()) {
      std::string joined;
      for (const auto& e : v) {
        if (!e.is_string()) {
          return InvalidArgument(where + "key '" + it.key() + "': lists may hold only strings");
        }
        joined += (joined.empty() ? "" : ";") + e.get<std::string>();
      }
      row->values[field] = joined;
    } else {
      return InvalidArgument(where + "key '" + it.key() +
                             "' must be a string or a whole number");
    }
  }
  for (Field required : {Field::kRecordId, Field::kAct}) {
    if (row->Get(required).empty()) {
      return InvalidArgument(where + "missing required field " +
                             std::string(FieldName(required)));
    }
  }
  return Status();
}

Result<std::unique_ptr<RowSource>> OpenRowSource(const std::string& path, FileFormat format,
                                                 const Mapping& mapping) {
  if (format == FileFormat::kAuto) {
    format = (EndsWith(path, ".jsonl") || EndsWith(path, ".ndjson") || EndsWith(path, ".json"))
                 ? FileFormat::kJsonLines
                 : FileFormat::kCsv;
  }
  if (format == FileFormat::kJsonLines) {
    auto src = std::make_unique<JsonLinesRowSource>(path, mapping);
    if (!src->is_open()) return NotFound(path + ": cannot open file for reading");
    return std::unique_ptr<RowSource>(std::move(src));
  }
  CsvOptions options;
  options.separator = mapping.delimiter;
  ASSIGN_OR_RETURN(auto reader, CsvReader::Open(path, options));
  std::vector<std::string> header;
  ASSIGN_OR_RETURN(bool has_header, reader->Next(&header));
  if (!has_header) {
    return InvalidArgument(path + ": the file is empty; it needs a header line naming the columns");
  }
  ASSIGN_OR_RETURN(BoundMapping bound, BindMapping(mapping, header, path));
  std::string header_text;
  for (size_t i = 0; i < header.size(); ++i) {
    if (i) header_text += mapping.delimiter;
    header_text += CsvEscape(header[i], mapping.delimiter);
  }
  auto src = std::make_unique<CsvRowSource>(std::move(reader), bound, mapping.delimiter,
                                            std::move(header_text));
  src->set_header_size(header.size());
  return std::unique_ptr<RowSource>(std::move(src));
}

}  // namespace recount::ingest
