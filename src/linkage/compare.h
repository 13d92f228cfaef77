// Comparison stage: a pair of prepared records -> a comparison vector, one small agreement level
// per field (docs/linkage.md#comparison). Level 0 always means "missing on either side" and carries
// no evidence; higher levels mean closer agreement.
//
//   kName, kString  1 disagree (JW < 0.84)  2 partial (< 0.92)  3 close  4 exact
//   kExact          1 disagree  2 agree
//   kNumber         1 differ    2 off by one  3 equal
//   kSet            1 disjoint  2 share an item
//   kNumberSet      1 no two numbers within 1  2 two within 1  3 share a number
//   kPlaceSet       1 disjoint  2 two places in one area (ids share country, province and city
//                   or prefecture, or one is the other's parent)  3 share a place
//   kDate           1 conflict  2 partial dates at most kNearYears apart (an age at a misdated
//                   event)  3 compatible partial dates (overlapping ranges, year only)
//                   4 only one of year/month/day agrees  5 one of them differs
//                   6 one of them differs by a typo (one digit, off by one, transposed digits;
//                     or day and month swapped)  7 exact
//
// Names compare every variant against every variant and keep the best; surname and given name
// swapped between the two records count as agreement. The comparator never allocates.
// Thread-safety: const methods only; one Comparer may be shared by threads.
#pragma once

#include <array>
#include <cstdint>

#include "linkage/normalize.h"

namespace recount::linkage {

inline constexpr int kMaxFields = 16;
inline constexpr int kLevelBits = 3;
using Levels = std::array<uint8_t, kMaxFields>;

// Number of levels (including 0 = missing) for a kind.
int LevelCount(CompareKind kind);
// Whether a level (> 0) means the records disagree on the field, i.e. one of them holds an error
// or another value: every name or string level below exact, a number off by one or more, a date
// level other than compatible (3) and exact (7), a set sharing nothing. "Same area" places and
// partial dates that agree as far as both are known are not errors.
bool IsErrorLevel(CompareKind kind, int level);

// Packs a comparison vector into one integer (3 bits per field): the EM's pattern key.
inline uint64_t PatternKey(const Levels& l, int nfields) {
  uint64_t key = 0;
  for (int f = 0; f < nfields; ++f) key |= uint64_t{l[f]} << (kLevelBits * f);
  return key;
}
inline int PatternLevel(uint64_t key, int f) {
  return static_cast<int>((key >> (kLevelBits * f)) & ((1u << kLevelBits) - 1));
}

inline constexpr int kNearYears = 2;
int DateLevel(const PartialDate& a, const PartialDate& b);
// Two full dates that agree on exactly two of year, month and day: the one that differs (0 year,
// 1 month, 2 day); -1 otherwise. Level 5 of DateLevel is split by it when scoring
// (score.h, docs/linkage.md#comparison).
int DifferingComponent(const PartialDate& a, const PartialDate& b);
// Whether two different numbers are one typing error apart (one digit changed, two adjacent
// digits transposed, or off by one).
bool TypoApart(int x, int y);
int StringLevel(std::string_view a, std::string_view b);  // single values
int NameLevel(std::string_view joined_a, std::string_view joined_b);  // '|'-joined variants
int SetLevel(std::string_view joined_a, std::string_view joined_b);
int NumberSetLevel(std::string_view joined_a, std::string_view joined_b);
int PlaceSetLevel(std::string_view joined_a, std::string_view joined_b);

class Comparer {
 public:
  // `p` must outlive the Comparer. At most kMaxFields fields.
  explicit Comparer(const Prepared* p);

  void Compare(uint32_t i, uint32_t j, Levels* out) const;
  int nfields() const { return nfields_; }

 private:
  const Prepared* p_;
  int nfields_;
};

}  // namespace recount::linkage
