// Ground truth of a simulation: the true totals (overall and by sex, province of origin, year,
// act type), the capture-history table of the lists, and the record -> person map (truth.csv).
//
// Contract: TruthTotals is a value that accumulates persons; Merge() of per-chunk totals in chunk
// order gives the same result as one pass. TruthTotalsJson is deterministic (fixed key order).
// Not thread-safe; use one TruthTotals per thread and merge.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/capture_model.h"
#include "sim/source_profile.h"

namespace recount::sim {

inline constexpr int kYears = kLastYear - kFirstYear + 1;

struct TruthTotals {
  TruthTotals() = default;
  TruthTotals(size_t provinces, size_t sources);

  uint64_t persons = 0;
  uint64_t acts = 0;
  uint64_t reached_safety = 0;
  uint64_t died_in_custody = 0;
  uint64_t minors = 0;
  std::array<uint64_t, 2> persons_by_sex{};  // [0] female, [1] male
  std::vector<uint64_t> persons_by_province;
  std::array<uint64_t, kYears> persons_by_crossing_year{};
  std::array<uint64_t, kYears> victims_by_year{};  // persons with at least one act that year
  std::array<uint64_t, kYears> acts_by_year{};
  std::array<uint64_t, kActTypeCount> acts_by_type{};
  std::array<uint64_t, kActTypeCount> victims_by_type{};
  std::vector<std::array<uint64_t, kActTypeCount>> acts_by_year_type;  // [year][type]
  std::array<std::array<uint64_t, kActTypeCount>, 2> victims_by_sex_type{};
  uint64_t observed = 0;                    // persons in at least one list
  std::vector<uint64_t> records_by_source;  // persons recorded by each list
  std::vector<uint64_t> rows_by_source;     // filled after writing
  std::vector<uint64_t> capture_histories;  // [pattern bits, source k = bit k]

  void Add(const Person& p, const std::vector<Capture>& captures);
  void Merge(const TruthTotals& other);
};

// truth_totals.json.
std::string TruthTotalsJson(const TruthTotals& t, const SimData& data,
                            const std::vector<SourceProfile>& profiles, uint64_t seed);

// capture_table.csv: the capture histories of the observed persons under perfect linkage, one
// 0/1 column per source (named by source) and a `count` column, one row per occurring pattern
// except the all-zero one (the format `recount estimate --table` reads, docs/estimation.md).
std::string CaptureTableCsv(const TruthTotals& t, const std::vector<SourceProfile>& profiles);

// A person's id as written in truth.csv: "P" and the 1-based number, zero-padded to 7 digits.
std::string PersonId(uint32_t id);

// The header of truth.csv.
inline constexpr std::string_view kTruthHeader = "source,record_id,person_id\n";

}  // namespace recount::sim
