#include "base/csv_writer.h"

namespace recount {

std::string CsvEscape(std::string_view field, char separator) {
  bool needs_quotes = false;
  for (char c : field) {
    needs_quotes = needs_quotes || c == separator || c == '"' || c == '\r' || c == '\n';
  }
  if (!needs_quotes) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace recount
