// Use case: `recount estimate --linkage-uncertainty`: carry the uncertainty of record linkage
// into the estimate of the total. docs/linkage.md#linkage-uncertainty.
//
// From the latest linkage run's scored pairs (every pair with probability >= 0.05 is kept), N
// plausible linkages are drawn: each pair is linked with its match probability, independently;
// reviewed decisions are fixed (accepted pairs always linked, rejected pairs never, and no drawn
// link may join the two records of a rejected pair); persons are the connected components of
// the drawn links. Each linkage gives capture histories, a capture table and an estimate with the
// usual code (estimate_table.h); the posterior / bootstrap draws of all N estimates are pooled
// (an equal-weight mixture over linkages: multiple imputation of the linkage, as in Sadinle 2018
// and Tancredi & Liseo 2011), and the interval is read from the pooled draws. The report says how
// much wider that interval is than the one from the stored linkage alone.
//
// Deterministic for a given seed: draw d uses its own generator seeded from (seed, d), and
// estimation seed seed + d + 1. Thread-safety: one call per store.
#pragma once

#include <string>
#include <vector>

#include "app/estimate_table.h"
#include "storage/store.h"

namespace recount::app {

struct LinkageUncertaintyOptions {
  int draws = 20;
  uint64_t seed = 1;
};

struct LinkageUncertaintyReport {
  int draws = 0;
  size_t pairs = 0;  // scored pairs the linkages were drawn from
  size_t accepted = 0, rejected = 0;
  int64_t stored_persons = 0;  // persons in the stored linkage
  std::vector<int64_t> persons_per_draw;
  EstimateReport stored;                // estimate on the stored linkage
  std::vector<stats::Estimate> pooled;  // per method: draws pooled over the N linkages
  std::vector<double> widening;         // per pooled method: its interval width / the stored one's
  std::vector<std::string> notes;
};

Result<LinkageUncertaintyReport> EstimateWithLinkageUncertainty(
    storage::Store& store, const std::vector<stats::Method>& methods,
    const stats::MseOptions& options, const LinkageUncertaintyOptions& lu);

std::string FormatLinkageUncertainty(const LinkageUncertaintyReport& r);
std::string LinkageUncertaintyJson(const LinkageUncertaintyReport& r);

}  // namespace recount::app
