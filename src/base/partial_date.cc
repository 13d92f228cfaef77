#include "base/partial_date.h"

#include <cctype>
#include <chrono>
#include <optional>
#include <vector>

#include "base/utf8.h"

namespace recount {
namespace {

constexpr int kMinYear = 1800;
constexpr int kMaxYear = 2200;

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2) {
    bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return leap ? 29 : 28;
  }
  return kDays[month - 1];
}

int32_t FirstDay(const CalendarPoint& p) {
  return DaysFromCivil(p.year, p.month == 0 ? 1 : p.month, p.day == 0 ? 1 : p.day);
}

int32_t LastDay(const CalendarPoint& p) {
  int m = p.month == 0 ? 12 : p.month;
  int d = p.day == 0 ? DaysInMonth(p.year, m) : p.day;
  return DaysFromCivil(p.year, m, d);
}

// How far an approximate point is widened on each side, in days.
int32_t Widening(const CalendarPoint& p) {
  if (p.month == 0) return 366;  // about a year: one year either side
  if (p.day == 0) return 31;     // about a month: one month either side
  return 7;                      // about a day: a week either side
}

std::string Pad(int v, int width) {
  std::string s = std::to_string(v);
  while (static_cast<int>(s.size()) < width) s.insert(s.begin(), '0');
  return s;
}

std::string PointToString(const CalendarPoint& p) {
  std::string s = Pad(p.year, 4);
  if (p.month != 0) s += "-" + Pad(p.month, 2);
  if (p.day != 0) s += "-" + Pad(p.day, 2);
  return s;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string ExplainFormats() {
  return "write a date as 2019, 2019-03, 2019-03-05, a range 2015/2017, or about 2015";
}

// Parses one calendar point: "2019", "2019-03", "2019-3-5", "2019.03.05", "2019년 3월 5일".
Result<CalendarPoint> ParsePoint(std::string_view text, std::string_view whole) {
  std::string s(Trim(text));
  // Korean units become separators: "2019년 3월 5일" -> "2019-3-5".
  auto replace_all = [&s](std::string_view from, std::string_view to) {
    size_t pos;
    while ((pos = s.find(from)) != std::string::npos) s.replace(pos, from.size(), to);
  };
  replace_all("년", "-");
  replace_all("월", "-");
  replace_all("일", "");
  replace_all(" ", "");
  replace_all(".", "-");
  while (!s.empty() && s.back() == '-') s.pop_back();
  std::vector<int> parts;
  size_t i = 0;
  while (i < s.size()) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) {
      return InvalidArgument("'" + std::string(whole) + "' is not a date: " + ExplainFormats());
    }
    int v = 0;
    size_t digits = 0;
    while (i < s.size() && std::isdigit(static_cast<unsigned char>(s[i]))) {
      if (++digits > 4) {
        return InvalidArgument("'" + std::string(whole) + "' is not a date: " + ExplainFormats());
      }
      v = v * 10 + (s[i] - '0');
      ++i;
    }
    parts.push_back(v);
    if (i < s.size()) {
      if (s[i] != '-' || parts.size() >= 3) {
        return InvalidArgument("'" + std::string(whole) + "' is not a date: " + ExplainFormats());
      }
      ++i;
    }
  }
  if (parts.empty()) {
    return InvalidArgument("'" + std::string(whole) + "' is not a date: " + ExplainFormats());
  }
  CalendarPoint p;
  p.year = parts[0];
  if (p.year < kMinYear || p.year > kMaxYear) {
    return InvalidArgument("'" + std::string(whole) + "': year " + std::to_string(p.year) +
                           " is outside " + std::to_string(kMinYear) + "-" +
                           std::to_string(kMaxYear) + "; use a four-digit year");
  }
  if (parts.size() >= 2) {
    p.month = parts[1];
    if (p.month < 1 || p.month > 12) {
      return InvalidArgument("'" + std::string(whole) + "': month " + std::to_string(p.month) +
                             " does not exist; months run from 1 to 12");
    }
  }
  if (parts.size() == 3) {
    p.day = parts[2];
    if (!IsValidDay(p.year, p.month, p.day)) {
      return InvalidArgument("'" + std::string(whole) + "': day " + std::to_string(p.day) +
                             " does not exist in " + PointToString({p.year, p.month, 0}));
    }
  }
  return p;
}

}  // namespace

int32_t DaysFromCivil(int year, int month, int day) {
  using namespace std::chrono;
  sys_days d = std::chrono::year{year} / std::chrono::month{static_cast<unsigned>(month)} /
               std::chrono::day{static_cast<unsigned>(day)};
  return static_cast<int32_t>(d.time_since_epoch().count());
}

bool IsValidDay(int year, int month, int day) {
  return month >= 1 && month <= 12 && day >= 1 && day <= DaysInMonth(year, month);
}

PartialDate PartialDate::Year(int year, bool approximate) {
  PartialDate d;
  d.precision_ = DatePrecision::kYear;
  d.approximate_ = approximate;
  d.start_ = d.end_ = {year, 0, 0};
  return d;
}

PartialDate PartialDate::Month(int year, int month, bool approximate) {
  PartialDate d = Year(year, approximate);
  d.precision_ = DatePrecision::kMonth;
  d.start_.month = d.end_.month = month;
  return d;
}

PartialDate PartialDate::Day(int year, int month, int day, bool approximate) {
  PartialDate d = Month(year, month, approximate);
  d.precision_ = DatePrecision::kDay;
  d.start_.day = d.end_.day = day;
  return d;
}

Result<PartialDate> PartialDate::Between(CalendarPoint from, CalendarPoint to, bool approximate) {
  if (FirstDay(from) > LastDay(to)) {
    return InvalidArgument("date range " + PointToString(from) + "/" + PointToString(to) +
                           " ends before it starts; write the earlier date first");
  }
  PartialDate d;
  d.approximate_ = approximate;
  d.start_ = from;
  d.end_ = to;
  if (from == to) {
    d.precision_ = from.month == 0 ? DatePrecision::kYear
                   : from.day == 0 ? DatePrecision::kMonth
                                   : DatePrecision::kDay;
  } else {
    d.precision_ = DatePrecision::kRange;
  }
  return d;
}

Result<PartialDate> PartialDate::Parse(std::string_view text) {
  std::string_view s = Trim(text);
  if (s.empty()) return PartialDate();
  std::string lower;
  for (char c : s) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  std::string_view t = lower;
  if (t == "unknown" || t == "?" || t == "미상" || t == "모름" || t == "n/a" || t == "na") {
    return PartialDate();
  }

  bool approximate = false;
  static constexpr std::string_view kPrefixes[] = {"approximately", "approx.", "approx", "about",
                                                   "circa",         "ca.",     "c.",     "around",
                                                   "약",            "대략",    "~"};
  for (std::string_view p : kPrefixes) {
    if (StartsWith(t, p)) {
      approximate = true;
      t = Trim(t.substr(p.size()));
      break;
    }
  }
  static constexpr std::string_view kSuffixes[] = {"경", "쯤", "?", "~"};
  for (std::string_view suf : kSuffixes) {
    if (EndsWith(t, suf)) {
      approximate = true;
      t = Trim(t.substr(0, t.size() - suf.size()));
      break;
    }
  }
  if (t.empty()) {
    return InvalidArgument("'" + std::string(s) + "' is not a date: " + ExplainFormats());
  }

  // Ranges: "A/B", "A~B", "A..B", "YYYY-YYYY".
  std::optional<size_t> split;
  size_t split_len = 1;
  if (size_t p = t.find('/'); p != std::string_view::npos) {
    split = p;
  } else if (size_t p2 = t.find('~'); p2 != std::string_view::npos) {
    split = p2;
  } else if (size_t p3 = t.find(".."); p3 != std::string_view::npos) {
    split = p3;
    split_len = 2;
  } else if (t.size() == 9 && t[4] == '-' && std::isdigit(static_cast<unsigned char>(t[5])) &&
             t.substr(5).find('-') == std::string_view::npos) {
    split = 4;  // "2015-2017"
  }
  if (split) {
    ASSIGN_OR_RETURN(CalendarPoint from, ParsePoint(t.substr(0, *split), s));
    ASSIGN_OR_RETURN(CalendarPoint to, ParsePoint(t.substr(*split + split_len), s));
    return Between(from, to, approximate);
  }
  ASSIGN_OR_RETURN(CalendarPoint p, ParsePoint(t, s));
  if (p.month == 0) return Year(p.year, approximate);
  if (p.day == 0) return Month(p.year, p.month, approximate);
  return Day(p.year, p.month, p.day, approximate);
}

int32_t PartialDate::EarliestDay() const { return known() ? FirstDay(start_) : 0; }
int32_t PartialDate::LatestDay() const { return known() ? LastDay(end_) : 0; }
int32_t PartialDate::WidenedEarliestDay() const {
  return EarliestDay() - (approximate_ ? Widening(start_) : 0);
}
int32_t PartialDate::WidenedLatestDay() const {
  return LatestDay() + (approximate_ ? Widening(end_) : 0);
}

bool PartialDate::Overlaps(const PartialDate& other) const {
  if (!known() || !other.known()) return false;
  return WidenedEarliestDay() <= other.WidenedLatestDay() &&
         other.WidenedEarliestDay() <= WidenedLatestDay();
}

std::string PartialDate::ToString() const {
  if (!known()) return "";
  std::string s = PointToString(start_);
  if (precision_ == DatePrecision::kRange) s += "/" + PointToString(end_);
  if (approximate_) s += "~";
  return s;
}

bool PartialDate::operator<(const PartialDate& other) const {
  if (known() != other.known()) return known();
  if (!known()) return false;
  if (EarliestDay() != other.EarliestDay()) return EarliestDay() < other.EarliestDay();
  return LatestDay() < other.LatestDay();
}

Result<PartialDate> BirthRangeFromAge(int age, const PartialDate& event) {
  if (age < 0 || age > 120) {
    return InvalidArgument("age " + std::to_string(age) + " is not plausible; use 0 to 120");
  }
  if (!event.known()) {
    return InvalidArgument("an age needs the date of the event it refers to");
  }
  return PartialDate::Between({event.EarliestYear() - age - 1, 0, 0}, {event.LatestYear() - age, 0, 0},
                 /*approximate=*/false);
}

}  // namespace recount
