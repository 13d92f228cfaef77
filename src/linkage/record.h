// Record: one person record as the linkage engine sees it, independent of where it came from
// (a CSV row, a stored testimony). The pipeline (docs/linkage.md) is
//   normalize.h -> block.h -> compare.h -> score.h -> cluster.h, evaluated by evaluate.h.
//
// Contract: a Record is a plain value; every field may be empty (missing). Names may have several
// variants (spellings given by different witnesses, a second given name). `other` holds generic
// comparable fields (street, postcode, phone ...) whose meaning and comparator are given by the
// Schema shared by all records of a run. Thread-safe as a value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace recount::linkage {

// A birth date known to a day, a month, a year or a range of years. year_lo == 0 means unknown.
// month/day are 0 when unknown or when the year is a range; a day may be known without its month. They are the values as written: a
// typo may leave a month above 12 or a day above 31 (kept, up to 99, for comparison).
struct PartialDate {
  int year_lo = 0;
  int year_hi = 0;
  int month = 0;
  int day = 0;

  bool known() const { return year_lo != 0; }
  bool exact_year() const { return year_lo != 0 && year_lo == year_hi; }

  static PartialDate Year(int y) { return {y, y, 0, 0}; }
  static PartialDate Ymd(int y, int m, int d) { return {y, y, m, d}; }
  // Birth year range for someone `age` years old at some time in `event_year`: born in
  // event_year - age - 1 (birthday later in the year) or event_year - age.
  static PartialDate FromAgeAtEvent(int age, int event_year) {
    return {event_year - age - 1, event_year - age, 0, 0};
  }
};

// Parses "1949-07-22", "19490722", "1949-07", "1949", "1945/1950", "22/07/1949", blank, and
// years before the common era as ISO 8601 writes them ("-0050-03-15", astronomical numbering).
// Unparseable text is an error naming the text.
Result<PartialDate> ParsePartialDate(std::string_view text);

// How a generic `other` field is compared (compare.h).
enum class FieldKind : uint8_t {
  kString,  // Jaro-Winkler levels
  kExact,   // agree / disagree
  kNumber,  // equal / within 1 / differ (numbers as text)
  // Sets of values joined by '|' (for example the places or years of a testimony's acts, which
  // lists record more or less completely): compared by what they share.
  kSet,        // share an item / disjoint
  kNumberSet,  // share a number / two numbers within 1 / none close
  kPlaceSet,   // gazetteer ids ("cn-jilin-yanbian-tumen"): share one / same area / disjoint
};

struct OtherField {
  std::string name;
  FieldKind kind = FieldKind::kString;
};

// Which optional fields a run uses. Comparators and blocking rules are built only for fields that
// at least one mapping provides.
struct Schema {
  bool has_full_name = false;
  bool has_surname = false;
  bool has_given = false;
  bool has_sex = false;
  bool has_birth = false;
  bool has_place = false;
  std::vector<OtherField> other;
};

struct Record {
  std::string id;
  int source = 0;  // index of the list the record comes from (0 for a single file)
  std::vector<std::string> full_names;
  std::vector<std::string> surnames;
  std::vector<std::string> given_names;
  std::string sex;  // "f", "m" or empty after normalisation
  PartialDate birth;
  std::vector<std::string> places;
  std::vector<std::string> other;  // aligned with Schema::other
};

}  // namespace recount::linkage
