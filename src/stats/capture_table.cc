#include "stats/capture_table.h"

#include <algorithm>
#include <bit>
#include <set>

namespace recount::stats {
namespace {

Status CheckNames(const std::vector<std::string>& names) {
  if (names.size() < 3) {
    return InvalidArgument("a capture table needs at least 3 lists, got " +
                           std::to_string(names.size()) +
                           "; with 2 lists the estimate rests on an untestable independence "
                           "assumption, so recount refuses it");
  }
  if (names.size() > static_cast<size_t>(kMaxLists)) {
    return InvalidArgument("a capture table may have at most " + std::to_string(kMaxLists) +
                           " lists, got " + std::to_string(names.size()));
  }
  std::set<std::string> seen;
  for (const std::string& n : names) {
    if (n.empty()) return InvalidArgument("a list name is empty; give every list a name");
    if (!seen.insert(n).second) {
      return InvalidArgument("list name '" + n + "' appears twice; list names must be unique");
    }
  }
  return Status::Ok();
}

}  // namespace

Result<CaptureTable> CaptureTable::FromCounts(std::vector<std::string> list_names,
                                              const std::vector<PatternCount>& patterns) {
  RETURN_IF_ERROR(CheckNames(list_names));
  const int k = static_cast<int>(list_names.size());
  const uint64_t limit = uint64_t{1} << k;
  CaptureTable t;
  std::vector<PatternCount> kept;
  kept.reserve(patterns.size());
  std::set<uint32_t> seen;
  for (size_t i = 0; i < patterns.size(); ++i) {
    const PatternCount& p = patterns[i];
    const std::string where = "pattern entry " + std::to_string(i);
    if (p.mask == 0) {
      return InvalidArgument(where +
                             ": the all-zero pattern (seen on no list) cannot be observed; it is "
                             "what is estimated. Remove this row");
    }
    if (p.mask >= limit) {
      return InvalidArgument(where + ": pattern uses a list beyond the " + std::to_string(k) +
                             " declared lists");
    }
    if (p.count < 0) {
      return InvalidArgument(where + ": count " + std::to_string(p.count) +
                             " is negative; counts are numbers of persons");
    }
    if (!seen.insert(p.mask).second) {
      return InvalidArgument(where + ": pattern " + std::to_string(p.mask) +
                             " appears more than once; give each pattern one row");
    }
    if (p.count > 0) kept.push_back(p);
    t.observed_ += p.count;
  }
  if (t.observed_ == 0) return InvalidArgument("the table has no observed persons");
  std::sort(kept.begin(), kept.end(),
            [](const PatternCount& a, const PatternCount& b) { return a.mask < b.mask; });
  t.list_names_ = std::move(list_names);
  t.patterns_ = std::move(kept);
  return t;
}

Result<CaptureTable> CaptureTable::FromHistories(std::vector<std::string> list_names,
                                                 const std::vector<uint32_t>& histories) {
  RETURN_IF_ERROR(CheckNames(list_names));
  const int k = static_cast<int>(list_names.size());
  std::vector<uint32_t> sorted = histories;
  std::sort(sorted.begin(), sorted.end());
  std::vector<PatternCount> patterns;
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (sorted[i] == 0) {
      return InvalidArgument(
          "a person has an empty capture history (seen on no list); only persons recorded by at "
          "least one list can be counted");
    }
    if (k < 32 && sorted[i] >= (uint32_t{1} << k)) {
      return InvalidArgument("a capture history uses a list beyond the " + std::to_string(k) +
                             " declared lists");
    }
    if (patterns.empty() || patterns.back().mask != sorted[i]) patterns.push_back({sorted[i], 0});
    ++patterns.back().count;
  }
  return FromCounts(std::move(list_names), patterns);
}

int64_t CaptureTable::Count(uint32_t mask) const {
  auto it = std::lower_bound(patterns_.begin(), patterns_.end(), mask,
                             [](const PatternCount& p, uint32_t m) { return p.mask < m; });
  return (it != patterns_.end() && it->mask == mask) ? it->count : 0;
}

std::vector<double> CaptureTable::DenseCounts() const {
  std::vector<double> dense(size_t{1} << num_lists(), 0.0);
  for (const PatternCount& p : patterns_) dense[p.mask] = static_cast<double>(p.count);
  return dense;
}

std::vector<int64_t> CaptureTable::CaptureFrequencies() const {
  std::vector<int64_t> f(num_lists() + 1, 0);
  for (const PatternCount& p : patterns_) f[std::popcount(p.mask)] += p.count;
  return f;
}

std::string PatternName(const CaptureTable& table, uint32_t mask) {
  std::string s;
  for (int j = 0; j < table.num_lists(); ++j) {
    if (mask >> j & 1u) {
      if (!s.empty()) s += '+';
      s += table.list_names()[j];
    }
  }
  return s;
}

}  // namespace recount::stats
