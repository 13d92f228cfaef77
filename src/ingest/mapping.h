// Column mappings: which column of a source's file holds which recount field
// (docs/import-format.md). A mapping file is a few `field = Column header` lines plus options.
//
// Value types; thread-compatible.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace recount::ingest {

enum class Field : int {
  kRecordId,
  kPersonRef,
  kFullName,
  kSurname,
  kGivenName,
  kNameVariants,
  kSex,
  kBirthDate,
  kAge,
  kOrigin,
  kAct,
  kEventDate,
  kEventPlace,
  kPerpetrator,
  kInvolvement,
  kTestimonyDate,
  kInterviewer,
  kLanguage,
  kConnection,
  kReliability,
  kConsent,
  kNarrative,
};
inline constexpr int kFieldCount = static_cast<int>(Field::kNarrative) + 1;

// The field's name in the default layout and in mapping files, e.g. "record_id".
std::string_view FieldName(Field f);
// The field named `name` (case-insensitive), or an error listing the fields.
Result<Field> FieldFromName(std::string_view name);

struct Mapping {
  std::array<std::string, kFieldCount> column;  // header of the column holding each field; "" = none
  char delimiter = ',';
  bool ignore_unknown = false;  // columns that feed no field are dropped instead of refused
  std::string origin;           // where the mapping came from, for messages
};

// The default layout: every field read from the column of the same name.
Mapping DefaultMapping();

// Parses mapping-file text; `name` is used in messages ("map.txt:3: ...").
Result<Mapping> ParseMapping(std::string_view text, std::string_view name);
Result<Mapping> LoadMapping(const std::string& path);

// A mapping bound to a file's header: the index of each field's column, or -1.
struct BoundMapping {
  std::array<int, kFieldCount> index;
  int has(Field f) const { return index[static_cast<int>(f)] >= 0; }
};

// Matches column headers case-insensitively (after trimming). Fails when a mapped column is missing
// (listing the file's columns), when a column feeds no field and unknown columns are not ignored,
// or when a required field (record_id, act) has no column.
Result<BoundMapping> BindMapping(const Mapping& mapping, const std::vector<std::string>& header,
                                 std::string_view file);

}  // namespace recount::ingest
