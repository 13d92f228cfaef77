#include "linkage/jaro_winkler.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace recount::linkage {

namespace {

// Bit-parallel Jaro for |b| <= 64: bit k of pm[c] says b[k] == c. Matching a[i] takes the lowest
// unmatched position of the same byte inside the window, as the classic algorithm does.
double JaroShort(std::string_view a, std::string_view b) {
  uint64_t pm[256];
  // Only the entries for bytes of a and b are ever read: clear just those (no 2 KiB memset).
  for (unsigned char c : a) pm[c] = 0;
  for (unsigned char c : b) pm[c] = 0;
  for (size_t k = 0; k < b.size(); ++k) pm[static_cast<unsigned char>(b[k])] |= uint64_t{1} << k;
  const size_t la = a.size(), lb = b.size();
  const size_t window = std::max(la, lb) / 2 >= 1 ? std::max(la, lb) / 2 - 1 : 0;
  uint64_t b_flag = 0;
  uint64_t a_flag = 0;
  size_t matches = 0;
  for (size_t i = 0; i < la; ++i) {
    const unsigned char c = static_cast<unsigned char>(a[i]);
    size_t lo = i > window ? i - window : 0;
    size_t hi = std::min(lb, i + window + 1);
    if (lo >= hi) continue;
    uint64_t range = (hi - lo >= 64 ? ~uint64_t{0} : ((uint64_t{1} << (hi - lo)) - 1)) << lo;
    uint64_t cand = pm[c] & range & ~b_flag;
    if (cand == 0) continue;
    b_flag |= cand & (~cand + 1);
    a_flag |= uint64_t{1} << i;
    ++matches;
  }
  if (matches == 0) return 0.0;
  // Transpositions: walk matched positions of a and b in order.
  size_t half_t = 0;
  uint64_t af = a_flag, bf = b_flag;
  while (af != 0) {
    int i = __builtin_ctzll(af);
    int k = __builtin_ctzll(bf);
    if (a[i] != b[k]) ++half_t;
    af &= af - 1;
    bf &= bf - 1;
  }
  const double m = static_cast<double>(matches);
  return (m / la + m / lb + (m - half_t / 2.0) / m) / 3.0;
}

double JaroLong(std::string_view a, std::string_view b) {
  const size_t la = a.size(), lb = b.size();
  const size_t window = std::max(la, lb) / 2 >= 1 ? std::max(la, lb) / 2 - 1 : 0;
  std::vector<char> af(la, 0), bf(lb, 0);
  size_t matches = 0;
  for (size_t i = 0; i < la; ++i) {
    size_t lo = i > window ? i - window : 0;
    size_t hi = std::min(lb, i + window + 1);
    for (size_t k = lo; k < hi; ++k) {
      if (!bf[k] && a[i] == b[k]) {
        af[i] = bf[k] = 1;
        ++matches;
        break;
      }
    }
  }
  if (matches == 0) return 0.0;
  size_t half_t = 0, k = 0;
  for (size_t i = 0; i < la; ++i) {
    if (!af[i]) continue;
    while (!bf[k]) ++k;
    if (a[i] != b[k]) ++half_t;
    ++k;
  }
  const double m = static_cast<double>(matches);
  return (m / la + m / lb + (m - half_t / 2.0) / m) / 3.0;
}

}  // namespace

double Jaro(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  if (a.size() <= 64 && b.size() <= 64) return JaroShort(a, b);
  return JaroLong(a, b);
}

double JaroWinkler(std::string_view a, std::string_view b) {
  double j = Jaro(a, b);
  if (j <= 0.7) return j;
  size_t prefix = 0;
  const size_t lim = std::min<size_t>({4, a.size(), b.size()});
  while (prefix < lim && a[prefix] == b[prefix]) ++prefix;
  return j + prefix * 0.1 * (1.0 - j);
}

}  // namespace recount::linkage
