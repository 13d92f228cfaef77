// Writing CSV fields (RFC 4180): the counterpart of csv_reader.h.
#pragma once

#include <string>
#include <string_view>

namespace recount {

// `field` as one CSV field: unchanged when it holds no separator, quote or line break; otherwise
// quoted, with quotes inside doubled.
std::string CsvEscape(std::string_view field, char separator = ',');

}  // namespace recount
