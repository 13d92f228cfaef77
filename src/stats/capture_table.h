// CaptureTable: the aggregated capture histories that every population estimator works on.
//
// A table has k >= 3 lists (at most kMaxLists) and, for each non-empty capture pattern, the number
// of distinct persons seen on exactly that combination of lists. A pattern is a bitmask: bit j set
// means "seen on list j" (list j is list_names()[j]). The all-zero pattern (seen on no list) is
// never stored: it is what the estimators estimate.
//
// Tables are built either from aggregated counts (FromCounts: one entry per pattern, as in the
// CSV tables of docs/estimation.md) or from per-person capture histories (FromHistories: one
// bitmask per person, as a store-based caller produces after linkage). Both validate their input
// and return InvalidArgument with a message naming the offending entry.
//
// Only patterns with a positive count are kept (sorted by mask); Count(mask) answers for any
// pattern. A CaptureTable is an immutable value, safe to share between threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"

namespace recount::stats {

inline constexpr int kMaxLists = 30;

struct PatternCount {
  uint32_t mask = 0;  // bit j: seen on list j
  int64_t count = 0;  // persons with exactly this pattern
};

class CaptureTable {
 public:
  // `patterns` may list a pattern with count 0; a pattern may appear only once; mask 0 and bits
  // beyond the number of lists are rejected. Errors name the entry by its index (0-based) in
  // `patterns`; callers that read files translate that to a line number.
  static Result<CaptureTable> FromCounts(std::vector<std::string> list_names,
                                         const std::vector<PatternCount>& patterns);
  // One capture history (bitmask) per person; a person seen on no list is an error.
  static Result<CaptureTable> FromHistories(std::vector<std::string> list_names,
                                            const std::vector<uint32_t>& histories);

  int num_lists() const { return static_cast<int>(list_names_.size()); }
  const std::vector<std::string>& list_names() const { return list_names_; }
  // Patterns with a positive count, sorted by mask.
  const std::vector<PatternCount>& patterns() const { return patterns_; }
  // Number of persons seen on at least one list.
  int64_t observed() const { return observed_; }
  int64_t Count(uint32_t mask) const;
  // Counts of all 2^k patterns indexed by mask (entry 0 is 0). Only for num_lists() <= 24.
  std::vector<double> DenseCounts() const;
  // Persons seen on exactly j lists, j = 0..k (entry 0 is 0): the capture frequencies f_j.
  std::vector<int64_t> CaptureFrequencies() const;

 private:
  CaptureTable() = default;
  std::vector<std::string> list_names_;
  std::vector<PatternCount> patterns_;
  int64_t observed_ = 0;
};

// Names a pattern as the lists it contains, e.g. "EXH+OSCE".
std::string PatternName(const CaptureTable& table, uint32_t mask);

}  // namespace recount::stats
