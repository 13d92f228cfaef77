// Use case: `recount estimate` on a store: multiple systems estimation over the capture histories
// of linked persons. Each source is a list; a person's capture history is the set of sources
// holding a record of them. Persons are the clusters of the latest `recount link` run, or, for
// records never linked, the source's own person_ref; records with neither count as persons of
// their own.
//
// With `by` (year, place, act or sex), one estimate is made per stratum: a person belongs to a
// stratum when some list recorded an act of theirs in it (for sex, their recorded sex), and their
// history in that stratum is the lists that recorded such an act. The total over strata is
// computed from the strata's draws (stats::SumOverStrata), not by adding bounds.
#pragma once

#include <string>
#include <vector>

#include "app/estimate_table.h"
#include "storage/store.h"

namespace recount::app {

struct StratifiedEstimate {
  std::string by;                        // "" when not stratified
  std::vector<std::string> strata;       // stratum labels, aligned with `reports`
  // Stratum codes, aligned with `reports`: "all", a year, an act-type code, a province's gazetteer
  // id, a sex code, or "unknown" (labels in other languages are looked up from these).
  std::vector<std::string> keys;
  std::vector<EstimateReport> reports;   // one per stratum (or one in all when not stratified)
  std::vector<stats::Estimate> totals;   // per method, summed over strata (stratified only)
  std::vector<std::string> notes;        // strata skipped and why
};

Result<StratifiedEstimate> EstimateStore(storage::Store& store, const std::string& by,
                                         const std::vector<stats::Method>& methods,
                                         const stats::MseOptions& options);

std::string FormatStratifiedEstimate(const StratifiedEstimate& e);
std::string StratifiedEstimateJson(const StratifiedEstimate& e);

}  // namespace recount::app
