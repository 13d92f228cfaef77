#include "model/victim_age.h"

#include <algorithm>

namespace recount::model {
namespace {

struct Civil {
  int year;
  unsigned month;
  unsigned day;
};

// Day number -> proleptic Gregorian date (the inverse of DaysFromCivil; eras of 400 years).
Civil CivilFromDays(int32_t days) {
  const int64_t z = static_cast<int64_t>(days) + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const int64_t doe = z - era * 146097;                                   // [0, 146096]
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;  // [0, 399]
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);            // [0, 365]
  const int64_t mp = (5 * doy + 2) / 153;                                 // [0, 11], from March
  const unsigned d = static_cast<unsigned>(doy - (153 * mp + 2) / 5 + 1);
  const unsigned m = static_cast<unsigned>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0));
  return {y, m, d};
}

}  // namespace

int FullYearsBetween(int32_t birth_day, int32_t on_day) {
  const Civil b = CivilFromDays(birth_day);
  const Civil o = CivilFromDays(on_day);
  int years = o.year - b.year;
  if (o.month < b.month || (o.month == b.month && o.day < b.day)) --years;
  return years;
}

std::optional<AgeRange> AgeAtAct(const PartialDate& birth, const Act& act) {
  if (act.age) return AgeRange{*act.age, *act.age};
  if (!birth.known() || !act.date.known()) return std::nullopt;
  // Youngest: born as late as possible, act as early as possible; oldest: the other way round.
  const int lo = FullYearsBetween(birth.WidenedLatestDay(), act.date.WidenedEarliestDay());
  const int hi = FullYearsBetween(birth.WidenedEarliestDay(), act.date.WidenedLatestDay());
  if (hi < 0) return std::nullopt;
  return AgeRange{std::max(lo, 0), hi};
}

}  // namespace recount::model
