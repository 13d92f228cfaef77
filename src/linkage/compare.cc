#include "linkage/compare.h"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <cstdlib>

#include "linkage/jaro_winkler.h"

namespace recount::linkage {

int LevelCount(CompareKind kind) {
  switch (kind) {
    case CompareKind::kName:
    case CompareKind::kString:
      return 5;
    case CompareKind::kExact:
      return 3;
    case CompareKind::kNumber:
      return 4;
    case CompareKind::kDate:
      return 8;
    case CompareKind::kSet:
      return 3;
    case CompareKind::kNumberSet:
      return 4;
    case CompareKind::kPlaceSet:
      return 4;
  }
  return 1;
}

bool IsErrorLevel(CompareKind kind, int level) {
  if (level <= 0) return false;
  switch (kind) {
    case CompareKind::kName:
    case CompareKind::kString:
      return level <= 3;
    case CompareKind::kNumber:
      return level <= 2;
    case CompareKind::kDate:
      return level != 3 && level != 7;
    case CompareKind::kExact:
    case CompareKind::kSet:
    case CompareKind::kNumberSet:
    case CompareKind::kPlaceSet:
      return level == 1;
  }
  return false;
}

int StringLevel(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return 0;
  if (a == b) return 4;
  double jw = JaroWinkler(a, b);
  return jw >= 0.92 ? 3 : jw >= 0.84 ? 2 : 1;
}

int NameLevel(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return 0;
  if (a == b) return 4;
  if (a.find('|') == std::string_view::npos && b.find('|') == std::string_view::npos) {
    return StringLevel(a, b);
  }
  int best = 1;
  ForEachVariant(a, [&](std::string_view va) {
    ForEachVariant(b, [&](std::string_view vb) {
      if (best < 4) best = std::max(best, StringLevel(va, vb));
    });
  });
  return best;
}

// True when two known numbers differ as a typing error would make them: by one, in exactly one
// decimal digit (1943/1948, 21/71), or by two adjacent digits transposed (1958/1985, 12/21).
bool TypoApart(int x, int y) {
  if (x == y) return false;
  if (x - y == 1 || y - x == 1) return true;
  char a[12], b[12];
  int na = std::snprintf(a, sizeof a, "%d", x), nb = std::snprintf(b, sizeof b, "%d", y);
  if (na != nb) return false;
  int diff = 0, first = -1;
  for (int k = 0; k < na; ++k) {
    if (a[k] != b[k]) {
      if (first < 0) first = k;
      ++diff;
    }
  }
  if (diff == 1) return true;
  return diff == 2 && first + 1 < na && a[first] == b[first + 1] && a[first + 1] == b[first];
}

int DifferingComponent(const PartialDate& a, const PartialDate& b) {
  if (!a.exact_year() || !b.exact_year() || a.month == 0 || b.month == 0 || a.day == 0 ||
      b.day == 0) {
    return -1;
  }
  const bool sy = a.year_lo == b.year_lo, sm = a.month == b.month, sd = a.day == b.day;
  if (sy + sm + sd != 2) return -1;
  return !sy ? 0 : !sm ? 1 : 2;
}

int DateLevel(const PartialDate& a, const PartialDate& b) {
  if (!a.known() || !b.known()) return 0;
  const bool full_a = a.exact_year() && a.month != 0 && a.day != 0;
  const bool full_b = b.exact_year() && b.month != 0 && b.day != 0;
  if (full_a && full_b) {
    const bool sy = a.year_lo == b.year_lo, sm = a.month == b.month, sd = a.day == b.day;
    const int same = sy + sm + sd;
    if (same == 3) return 7;
    if (same == 2) {
      // One component differs: a typo in it (one digit, off by one, transposed digits) or a
      // different value.
      const bool typo = !sy ? TypoApart(a.year_lo, b.year_lo)
                            : !sm ? TypoApart(a.month, b.month) : TypoApart(a.day, b.day);
      return typo ? 6 : 5;
    }
    // Day and month swapped (American vs European order) keep the year: treated as one typo.
    if (a.month == b.day && a.day == b.month && sy) return 6;
    if (same == 1) return 4;
    return 1;
  }
  if (a.exact_year() && b.exact_year()) {
    // One side lacks the month or the day: when the components known on both sides (at least
    // the year and one other) all agree, that is as close as a date with one typo.
    const bool month_both = a.month != 0 && b.month != 0, day_both = a.day != 0 && b.day != 0;
    if ((month_both || day_both) && a.year_lo == b.year_lo && (!month_both || a.month == b.month) &&
        (!day_both || a.day == b.day)) {
      return 6;
    }
  }
  const bool overlap = a.year_lo <= b.year_hi && b.year_lo <= a.year_hi;
  if (!overlap) {
    // Year typo with month and day known and equal on both sides.
    if (a.month != 0 && a.month == b.month && a.day != 0 && a.day == b.day && a.exact_year() &&
        b.exact_year()) {
      return TypoApart(a.year_lo, b.year_lo) ? 6 : 5;
    }
    // Partial dates a year or two apart: a birth range derived from an age at a misdated or
    // approximate event, or a year given as "about".
    const int gap = a.year_lo > b.year_hi ? a.year_lo - b.year_hi : b.year_lo - a.year_hi;
    if (gap <= kNearYears) return 2;
    return 1;
  }
  // Both pin the year: months or days known on both sides must agree.
  if (a.month != 0 && b.month != 0 && a.month != b.month && a.exact_year() && b.exact_year()) {
    return 4;
  }
  return 3;
}

namespace {

int NumberLevel(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return 0;
  if (a == b) return 3;
  long x = 0, y = 0;
  auto ra = std::from_chars(a.data(), a.data() + a.size(), x);
  auto rb = std::from_chars(b.data(), b.data() + b.size(), y);
  if (ra.ec != std::errc() || rb.ec != std::errc()) return 1;
  return std::labs(x - y) <= 1 ? 2 : 1;
}

}  // namespace

int SetLevel(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return 0;
  bool shared = false;
  ForEachVariant(a, [&](std::string_view va) {
    if (shared) return;
    ForEachVariant(b, [&](std::string_view vb) { shared = shared || va == vb; });
  });
  return shared ? 2 : 1;
}

namespace {

// Places in one area: two folded gazetteer ids ("cn jilin yanbian tumen") sharing their first
// three parts (country, province, prefecture or city), or one the parent of the other.
bool SameArea(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  // Parent: a is b's id without its last part.
  if (b.size() > a.size() && b.compare(0, a.size(), a) == 0 && b[a.size()] == ' ' &&
      b.find(' ', a.size() + 1) == std::string_view::npos && a.find(' ') != std::string_view::npos) {
    return true;
  }
  int parts = 0;
  size_t k = 0;
  for (; k < a.size() && k < b.size() && a[k] == b[k]; ++k) {
    if (a[k] == ' ') ++parts;
  }
  // Three complete shared parts: the common prefix ends at a separator or at the end of both.
  const bool ends = (k == a.size() || a[k] == ' ') && (k == b.size() || b[k] == ' ');
  if (ends && k > 0 && a[k - 1] != ' ') ++parts;
  return parts >= 3;
}

}  // namespace

int PlaceSetLevel(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return 0;
  int best = 1;
  ForEachVariant(a, [&](std::string_view va) {
    if (best == 3) return;
    ForEachVariant(b, [&](std::string_view vb) {
      if (va == vb) best = 3;
      else if (best < 2 && SameArea(va, vb)) best = 2;
    });
  });
  return best;
}

int NumberSetLevel(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return 0;
  int best = 1;
  ForEachVariant(a, [&](std::string_view va) {
    long x = 0;
    if (best == 3 || std::from_chars(va.data(), va.data() + va.size(), x).ec != std::errc()) return;
    ForEachVariant(b, [&](std::string_view vb) {
      long y = 0;
      if (std::from_chars(vb.data(), vb.data() + vb.size(), y).ec != std::errc()) return;
      if (x == y) best = 3;
      else if (std::labs(x - y) <= 1) best = std::max(best, 2);
    });
  });
  return best;
}

Comparer::Comparer(const Prepared* p)
    : p_(p), nfields_(static_cast<int>(std::min<size_t>(p->fields.size(), kMaxFields))) {}

void Comparer::Compare(uint32_t i, uint32_t j, Levels* out) const {
  const Prepared& p = *p_;
  for (int f = 0; f < nfields_; ++f) {
    uint8_t level = 0;
    switch (p.fields[f].kind) {
      case CompareKind::kName:
        level = static_cast<uint8_t>(NameLevel(p.text[f][i], p.text[f][j]));
        break;
      case CompareKind::kString:
        level = static_cast<uint8_t>(StringLevel(p.text[f][i], p.text[f][j]));
        break;
      case CompareKind::kExact: {
        const std::string& a = p.text[f][i];
        const std::string& b = p.text[f][j];
        level = (a.empty() || b.empty()) ? 0 : (a == b ? 2 : 1);
        break;
      }
      case CompareKind::kNumber:
        level = static_cast<uint8_t>(NumberLevel(p.text[f][i], p.text[f][j]));
        break;
      case CompareKind::kDate:
        level = static_cast<uint8_t>(DateLevel(p.birth[i], p.birth[j]));
        break;
      case CompareKind::kSet:
        level = static_cast<uint8_t>(SetLevel(p.text[f][i], p.text[f][j]));
        break;
      case CompareKind::kNumberSet:
        level = static_cast<uint8_t>(NumberSetLevel(p.text[f][i], p.text[f][j]));
        break;
      case CompareKind::kPlaceSet:
        level = static_cast<uint8_t>(PlaceSetLevel(p.text[f][i], p.text[f][j]));
        break;
    }
    (*out)[f] = level;
  }
  // Surname and given name swapped between the records.
  const int s = p.surname_field, g = p.given_field;
  if (s >= 0 && g >= 0 && s < nfields_ && g < nfields_ && (*out)[s] <= 2 && (*out)[g] <= 2 &&
      (*out)[s] != 0 && (*out)[g] != 0) {
    int sg = NameLevel(p.text[s][i], p.text[g][j]);
    int gs = NameLevel(p.text[g][i], p.text[s][j]);
    if (sg >= 3 && gs >= 3) {
      (*out)[s] = static_cast<uint8_t>(std::min(sg, 3));
      (*out)[g] = static_cast<uint8_t>(std::min(gs, 3));
    }
  }
}

}  // namespace recount::linkage
