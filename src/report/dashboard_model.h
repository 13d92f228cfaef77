// The estimates dashboard model: one JSON document holding everything the dashboard shows
// (documented vs estimated totals overall and by year, place and act type, each method's interval
// and diagnostics, the lists' overlap, linkage quality, audit status). `recount report` embeds it
// in a self-contained HTML file and the web app's estimates page fetches the same JSON; both
// render it with web/src/dashboard.js. The schema is documented in docs/report.md; bump
// kDashboardSchema when a field changes meaning or disappears.
//
// The builder is pure: the caller (app/report_dashboard.h) gathers values from the store and the
// estimators, and this file only shapes them (pattern order, set sizes, pairwise overlaps,
// non-finite numbers as null). Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "stats/capture_table.h"
#include "stats/mse.h"

namespace recount::report {

inline constexpr const char* kDashboardSchema = "recount-dashboard/1";

// A display label in both UI languages ("" in one of them: use the other).
struct Label {
  std::string en;
  std::string ko;
};

// One stratum (or the whole store): what the lists documented and what each method estimates.
struct StratumResult {
  std::string key;  // stable code: "all", a year, a gazetteer province id, an act-type code
  Label label;
  int64_t documented_persons = 0;          // linked persons seen on at least one list (observed)
  int64_t documented_records = -1;         // victim records (before linkage); -1 when unknown
  int64_t documented_acts = -1;            // -1 when unknown
  std::vector<stats::Estimate> estimates;  // per method, in the order asked
  std::vector<std::string> warnings;       // where the methods disagree (CompareEstimates)
};

// Estimates by one dimension: one per stratum, and each method's total from summed draws.
struct Breakdown {
  std::string by;  // "year", "place", "act"
  std::vector<StratumResult> strata;
  std::vector<stats::Estimate> totals;
  std::vector<std::string> notes;  // strata that could not be estimated, and why
};

// The persons of the unstratified estimate by capture pattern (bit j: on list j).
struct OverlapInput {
  std::vector<std::string> lists;
  std::vector<stats::PatternCount> patterns;
  std::vector<int64_t> records_per_list;  // victim records each list holds (may be empty)
};

struct LinkageInput {
  int64_t runs = 0;    // linkage runs saved so far
  int64_t run_id = 0;  // the latest (0: never linked; persons are then the lists' own refs)
  int64_t records = 0;
  int64_t persons = 0;         // distinct persons (clusters) over all records
  int64_t linked_records = 0;  // records in a cluster of two or more
  int64_t pairs_scored = 0;    // scored pairs kept by the latest run
  double band_low = 0.2, band_high = 0.9;
  int64_t pairs_in_band = 0;      // of those, with a probability in [band_low, band_high]
  int64_t pairs_pending = 0;      // in the band and without a standing decision (review queue)
  int64_t decisions = 0;          // review decisions recorded (every one, including undos)
  int64_t standing_accepted = 0;  // standing decisions now
  int64_t standing_rejected = 0;
  std::vector<int64_t> probability_histogram;  // scored pairs in 10 bins of width 0.1
};

struct AuditInput {
  bool verified = false;  // false: verification was skipped (the other fields say what is known)
  bool ok = false;
  uint64_t entries = 0;
  uint64_t records_checked = 0;
  uint64_t checkpoints_verified = 0;
  uint64_t signed_size = 0;
  std::string root_hex;
  std::string log_key_source;
  std::vector<std::string> problems;
  // The latest checkpoint the store holds.
  uint64_t checkpoint_size = 0;
  std::string checkpoint_created_at;
  std::string checkpoint_note;  // the signed note as text
};

struct DashboardInput {
  std::string generated_at;  // RFC 3339 UTC
  std::string store;         // a display name for the store (no directory)
  std::string recount_version;
  // The estimation settings, for the reader to reproduce the figures (name -> value as text).
  std::vector<std::pair<std::string, std::string>> settings;
  StratumResult overall;
  std::vector<Breakdown> breakdowns;
  OverlapInput overlap;
  std::optional<LinkageInput> linkage;
  std::optional<AuditInput> audit;
};

// The dashboard model as compact JSON text (docs/report.md).
std::string DashboardModelJson(const DashboardInput& input);

// Persons on each list (the UpSet set sizes), from the pattern counts.
std::vector<int64_t> SetSizes(size_t lists, const std::vector<stats::PatternCount>& patterns);
// Persons on both list i and list j, as a symmetric matrix (diagonal: the set sizes).
std::vector<std::vector<int64_t>> PairOverlaps(size_t lists,
                                               const std::vector<stats::PatternCount>& patterns);

}  // namespace recount::report
