// The victim's age at the time of an act, as the search filters use it (docs/schema.md, "Age at
// the time of an act"). A recorded age (Act::age) is the age. Otherwise the age follows from the
// record's birth date and the act's date, both partial: the possible ages are every whole number
// of years between a birth day and an act day that the two (widened, docs/partial-dates.md)
// intervals allow, so "born 1990, acts in 2010" gives 19-20 and "born about 1990" 18-22. Without
// a recorded age, a known birth date or a known act date, the age is unknown.
//
// Pure functions; thread-safe.
#pragma once

#include <optional>

#include "base/partial_date.h"
#include "model/record.h"

namespace recount::model {

// Inclusive range of whole years; lo <= hi, lo >= 0.
struct AgeRange {
  int lo = 0;
  int hi = 0;
  bool operator==(const AgeRange&) const = default;
};

// Whole years of someone born on day `birth_day` on day `on_day` (day numbers from 1970-01-01);
// negative when `on_day` is before the birth.
int FullYearsBetween(int32_t birth_day, int32_t on_day);

// The possible ages at `act` of a victim born `birth`; nullopt when unknown (see above), and
// also when every possible birth day is after the act (inconsistent dates: no age).
std::optional<AgeRange> AgeAtAct(const PartialDate& birth, const Act& act);

}  // namespace recount::model
