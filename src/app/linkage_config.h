// The linkage configuration a user writes: which column holds which linkage field, and the few
// parameters they may fix. Parsed from a small file or from --map/--id on the command line.
//
// File form (one `key = value` per line, '#' starts a comment):
//   id          = rec_id
//   surname     = lname_c1 + lname_c2       # several columns: name variants
//   given_name  = fname_c1 + fname_c2
//   birth_year  = by                        # or birth_date = dob (any partial-date form)
//   birth_month = bm
//   birth_day   = bd
//   postcode    = postcode : string         # any other name: a generic field (string|exact|number)
//   threshold   = 0.5                       # parameters (docs/linkage.md#configuration)
//   m.surname   = 0.01, 0.02, 0.07, 0.9     # fixes m for levels 1..n of a field
// Inline form: --map "surname=lname_c1+lname_c2,birth_year=by" --id rec_id.
//
// Contract: never crashes on any input; errors name the line (or the --map item) and what to do.
// Pure; thread-safe.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "linkage/linker.h"
#include "linkage/record.h"

namespace recount::app {

struct FieldMapping {
  std::string field;                 // surname, given_name, birth_date, ..., or a generic name
  std::vector<std::string> columns;  // one or more (variants)
  linkage::FieldKind kind = linkage::FieldKind::kString;  // for generic fields
};

struct LinkageConfig {
  std::string id_column;
  std::vector<FieldMapping> fields;  // in the order given
  linkage::LinkOptions options;
};

// The linkage fields with a fixed meaning (anything else maps a generic field).
bool IsKnownField(std::string_view field);

// Adds one `key = value` setting (a mapping or a parameter). `where` names the place for errors.
Status ApplySetting(std::string_view key, std::string_view value, std::string_view where,
                    LinkageConfig* config);

// Parses a whole config file's text; `name` is the file name used in messages.
Status ParseConfigText(std::string_view text, std::string_view name, LinkageConfig* config);

// Parses --map "field=col[+col][:kind],field=col,...".
Status ParseMapOption(std::string_view text, LinkageConfig* config);

}  // namespace recount::app
