// PartialDate: a date known only as precisely as the witness knew it: a day, a month, a year, a
// range between two such dates, each possibly "about" (approximate), or unknown.
//
// Text form is EDTF (ISO 8601-2 level 1): "2019", "2019-03", "2019-03-05", "2015/2017",
// "2015-03/2015-06", "2015~" (approximate). Parse() also accepts what people type: "about 2015",
// "c. 2015", "약 2015", "2015년 3월", "2015.3.5", "2015~2017". Rules, and how approximate dates
// widen, are in docs/partial-dates.md.
//
// Every known date covers an inclusive interval of days [EarliestDay(), LatestDay()], counted from
// 1970-01-01 in the proleptic Gregorian calendar. Two dates overlap when their (widened) intervals
// intersect: a year-only date overlaps every day of that year.
//
// Value type; thread-compatible.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace recount {

enum class DatePrecision { kUnknown, kYear, kMonth, kDay, kRange };

// One calendar point known to a year, month or day (month == 0 / day == 0 when unknown).
struct CalendarPoint {
  int year = 0;
  int month = 0;
  int day = 0;
  bool operator==(const CalendarPoint&) const = default;
};

class PartialDate {
 public:
  PartialDate() = default;  // unknown

  static Result<PartialDate> Parse(std::string_view text);
  static PartialDate Year(int year, bool approximate = false);
  static PartialDate Month(int year, int month, bool approximate = false);
  static PartialDate Day(int year, int month, int day, bool approximate = false);
  // A range between two known points; `from` must not be after `to`.
  static Result<PartialDate> Between(CalendarPoint from, CalendarPoint to, bool approximate = false);

  bool known() const { return precision_ != DatePrecision::kUnknown; }
  DatePrecision precision() const { return precision_; }
  bool approximate() const { return approximate_; }
  const CalendarPoint& start() const { return start_; }
  const CalendarPoint& end() const { return end_; }

  // Inclusive interval of days covered, before widening. Undefined for unknown dates (returns 0).
  int32_t EarliestDay() const;
  int32_t LatestDay() const;
  // Widened for approximate dates (docs/partial-dates.md).
  int32_t WidenedEarliestDay() const;
  int32_t WidenedLatestDay() const;
  int EarliestYear() const { return start_.year; }
  int LatestYear() const { return end_.year; }

  // True if both are known and their widened intervals intersect.
  bool Overlaps(const PartialDate& other) const;

  // Canonical EDTF text; "" for unknown.
  std::string ToString() const;

  // Orders by earliest day, then latest day; unknown sorts last.
  bool operator<(const PartialDate& other) const;
  bool operator==(const PartialDate& other) const = default;

 private:
  DatePrecision precision_ = DatePrecision::kUnknown;
  bool approximate_ = false;
  CalendarPoint start_;
  CalendarPoint end_;
};

// The range of possible birth years for someone `age` years old at `event` (a known date):
// born between (earliest event year - age - 1) and (latest event year - age).
Result<PartialDate> BirthRangeFromAge(int age, const PartialDate& event);

// Day number (days since 1970-01-01) of a valid calendar day.
int32_t DaysFromCivil(int year, int month, int day);
bool IsValidDay(int year, int month, int day);

}  // namespace recount
