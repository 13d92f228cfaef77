#include "ingest/mapping.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <sstream>

#include "base/utf8.h"

namespace recount::ingest {
namespace {

constexpr std::array<std::string_view, kFieldCount> kNames = {
    "record_id",  "person_ref",  "full_name",      "surname",     "given_name", "name_variants",
    "sex",        "birth_date",  "age",            "origin",      "act",        "event_date",
    "event_place", "perpetrator", "involvement",   "testimony_date", "interviewer", "language",
    "connection", "reliability", "consent",        "narrative",
};

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string AllFieldNames() {
  std::string out;
  for (std::string_view n : kNames) out += (out.empty() ? "" : ", ") + std::string(n);
  return out;
}

}  // namespace

std::string_view FieldName(Field f) { return kNames[static_cast<int>(f)]; }

Result<Field> FieldFromName(std::string_view name) {
  std::string lower = Lower(Trim(name));
  for (int i = 0; i < kFieldCount; ++i) {
    if (kNames[i] == lower) return static_cast<Field>(i);
  }
  return InvalidArgument("'" + std::string(name) + "' is not a recount field; fields are: " +
                         AllFieldNames());
}

Mapping DefaultMapping() {
  Mapping m;
  for (int i = 0; i < kFieldCount; ++i) m.column[i] = std::string(kNames[i]);
  m.origin = "the default layout";
  return m;
}

Result<Mapping> ParseMapping(std::string_view text, std::string_view name) {
  Mapping m;
  m.origin = std::string(name);
  if (!IsValidUtf8(text)) {
    return InvalidArgument(std::string(name) + ": not valid UTF-8; save the mapping as UTF-8");
  }
  std::istringstream in{std::string(text)};
  std::string line;
  int line_no = 0;
  bool any = false;
  while (std::getline(in, line)) {
    ++line_no;
    std::string where = std::string(name) + ":" + std::to_string(line_no) + ": ";
    if (line_no == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    // '#' starts a comment unless it is inside the column name after '='? Column headers rarely
    // contain '#', and a header that does can be written with "\#".
    std::string cleaned;
    for (size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '#') {
        cleaned.push_back('#');
        ++i;
      } else if (line[i] == '#') {
        break;
      } else {
        cleaned.push_back(line[i]);
      }
    }
    std::string_view t = Trim(cleaned);
    if (t.empty()) continue;
    size_t eq = t.find('=');
    if (eq == std::string_view::npos) {
      return InvalidArgument(where + "expected 'field = Column header', got '" + std::string(t) +
                             "'");
    }
    std::string key = Lower(Trim(t.substr(0, eq)));
    std::string value(Trim(t.substr(eq + 1)));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (key == "delimiter") {
      if (value == "\\t" || Lower(value) == "tab") {
        m.delimiter = '\t';
      } else if (value.size() == 1 && (value == "," || value == ";" || value == "|")) {
        m.delimiter = value[0];
      } else {
        return InvalidArgument(where + "delimiter must be , ; | or \\t");
      }
      continue;
    }
    if (key == "ignore_unknown") {
      std::string v = Lower(value);
      if (v != "true" && v != "false") {
        return InvalidArgument(where + "ignore_unknown must be true or false");
      }
      m.ignore_unknown = v == "true";
      continue;
    }
    Result<Field> field = FieldFromName(key);
    if (!field.ok()) return InvalidArgument(where + field.status().message());
    if (value.empty()) return InvalidArgument(where + "no column given for " + key);
    std::string& slot = m.column[static_cast<int>(*field)];
    if (!slot.empty()) return InvalidArgument(where + key + " is mapped twice");
    for (int i = 0; i < kFieldCount; ++i) {
      if (Lower(m.column[i]) == Lower(value)) {
        return InvalidArgument(where + "column '" + value + "' already feeds " +
                               std::string(kNames[i]) + "; a column may feed one field");
      }
    }
    slot = value;
    any = true;
  }
  if (!any) return InvalidArgument(std::string(name) + ": the mapping maps no field");
  return m;
}

Result<Mapping> LoadMapping(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFound(path + ": cannot open mapping file");
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.size() > (1 << 20)) return InvalidArgument(path + ": mapping file larger than 1 MiB");
  return ParseMapping(text, path);
}

Result<BoundMapping> BindMapping(const Mapping& mapping, const std::vector<std::string>& header,
                                 std::string_view file) {
  BoundMapping b;
  b.index.fill(-1);
  std::vector<std::string> lowered;
  for (const std::string& h : header) lowered.push_back(Lower(Trim(h)));
  std::vector<bool> used(header.size(), false);
  bool is_default = mapping.origin == "the default layout";
  for (int f = 0; f < kFieldCount; ++f) {
    if (mapping.column[f].empty()) continue;
    std::string want = Lower(Trim(mapping.column[f]));
    int found = -1;
    for (size_t i = 0; i < lowered.size(); ++i) {
      if (lowered[i] == want) {
        if (found >= 0) {
          return InvalidArgument(std::string(file) + ":1: the header has column '" +
                                 mapping.column[f] + "' twice; rename one");
        }
        found = static_cast<int>(i);
      }
    }
    if (found < 0 && !is_default) {
      std::string cols;
      for (const std::string& h : header) cols += (cols.empty() ? "" : ", ") + h;
      return InvalidArgument(std::string(file) + ":1: " + mapping.origin + " maps " +
                             std::string(kNames[f]) + " to column '" + mapping.column[f] +
                             "', which the file does not have; its columns are: " + cols);
    }
    b.index[f] = found;
    if (found >= 0) used[found] = true;
  }
  if (!mapping.ignore_unknown) {
    for (size_t i = 0; i < header.size(); ++i) {
      if (!used[i]) {
        return InvalidArgument(
            std::string(file) + ":1:" + std::to_string(i + 1) + ": column '" + header[i] +
            "' feeds no recount field; map it (see docs/import-format.md), or set "
            "'ignore_unknown = true' in a mapping file to drop it");
      }
    }
  }
  for (Field required : {Field::kRecordId, Field::kAct}) {
    if (!b.has(required)) {
      return InvalidArgument(std::string(file) + ":1: no column for required field " +
                             std::string(FieldName(required)) + " (" + mapping.origin +
                             "); add the column or map it with --mapping");
    }
  }
  return b;
}

}  // namespace recount::ingest
