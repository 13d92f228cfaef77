#include "linkage/record.h"

#include <charconv>
#include <string>

#include "base/partial_date.h"
#include "base/utf8.h"

namespace recount::linkage {

namespace {

bool ParseInt(std::string_view s, int* out) {
  if (s.empty()) return false;
  auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

Status BadDate(std::string_view text) {
  return InvalidArgument("cannot read '" + std::string(text) +
                         "' as a date: use YYYY-MM-DD, YYYYMMDD, YYYY-MM, YYYY, DD/MM/YYYY or a "
                         "range YYYY/YYYY, or leave it blank");
}

bool Valid(const PartialDate& d) {
  return d.year_lo >= 1 && d.year_lo <= 9999 && d.year_hi >= d.year_lo && d.year_hi <= 9999 &&
         d.month >= 0 && d.month <= 12 && d.day >= 0 && d.day <= 31 && (d.day == 0 || d.month != 0);
}

}  // namespace

Result<PartialDate> ParsePartialDate(std::string_view text) {
  text = Trim(text);
  PartialDate d;
  if (text.empty()) return d;
  // ISO 8601 expanded years before the common era ("-0050-03-15"; astronomical numbering, so
  // -0050 is 51 BC): the same forms with the years negated. Year 0 stays unreadable.
  if (text.size() >= 5 && text[0] == '-' && AllDigits(text.substr(1, 4)) &&
      (text.size() == 5 || text[5] == '-')) {
    auto rest = ParsePartialDate(text.substr(1));
    if (!rest.ok() || !rest->exact_year() || rest->year_lo == 0) return BadDate(text);
    PartialDate bc = *rest;
    bc.year_lo = bc.year_hi = -rest->year_lo;
    return bc;
  }
  int y = 0, m = 0, day = 0;
  if (AllDigits(text)) {
    if (text.size() == 8 && ParseInt(text.substr(0, 4), &y) && ParseInt(text.substr(4, 2), &m) &&
        ParseInt(text.substr(6, 2), &day)) {
      // YYYYMMDD; Febrl writes unknown parts as 00.
      d = {y, y, m, m == 0 ? 0 : day};
    } else if (text.size() <= 4 && ParseInt(text, &y)) {
      d = PartialDate::Year(y);
    } else {
      return BadDate(text);
    }
  } else if (text.size() == 9 && text[4] == '/' && AllDigits(text.substr(0, 4)) &&
             AllDigits(text.substr(5, 4))) {
    int y2 = 0;
    if (!ParseInt(text.substr(0, 4), &y) || !ParseInt(text.substr(5, 4), &y2)) return BadDate(text);
    d = {std::min(y, y2), std::max(y, y2), 0, 0};
  } else if (text.size() >= 7 && text[4] == '-') {
    if (!ParseInt(text.substr(0, 4), &y) || !ParseInt(text.substr(5, 2), &m)) return BadDate(text);
    if (text.size() == 7) {
      d = {y, y, m, 0};
    } else if (text.size() == 10 && text[7] == '-' && ParseInt(text.substr(8, 2), &day)) {
      d = PartialDate::Ymd(y, m, day);
    } else {
      return BadDate(text);
    }
  } else if (text.size() == 10 && text[2] == '/' && text[5] == '/') {
    if (!ParseInt(text.substr(0, 2), &day) || !ParseInt(text.substr(3, 2), &m) ||
        !ParseInt(text.substr(6, 4), &y)) {
      return BadDate(text);
    }
    d = PartialDate::Ymd(y, m, day);
  } else {
    // Everything else people type (approximate, Korean, ranges of months): the base parser.
    auto base = recount::PartialDate::Parse(text);
    if (!base.ok() || !base->known()) return BadDate(text);
    d.year_lo = base->EarliestYear();
    d.year_hi = base->LatestYear();
    if (base->precision() == DatePrecision::kMonth || base->precision() == DatePrecision::kDay) {
      d.month = base->start().month;
      if (base->precision() == DatePrecision::kDay) d.day = base->start().day;
    }
    if (base->approximate()) d.month = d.day = 0;
  }
  if (!Valid(d)) {
    // Lists contain impossible dates (month 19, day 71): usually a typo of a real value, so a
    // month or day up to 99 is kept as written for comparison (compare.h treats a one-digit
    // difference as a typo); otherwise keep what is plausible.
    if (d.year_lo >= 1 && d.year_lo <= 9999 && d.exact_year() && d.month >= 1 && d.month <= 99 &&
        d.day >= 0 && d.day <= 99) {
      return d;
    }
    if (d.year_lo >= 1 && d.year_lo <= 9999) return PartialDate::Year(d.year_lo);
    return BadDate(text);
  }
  return d;
}

}  // namespace recount::linkage
