// Multiple systems estimation: one entry point that runs the estimators of this part on a
// CaptureTable and returns their results in one common shape, plus the helpers every caller needs
// (comparing methods, summing strata).
//
// Callers: the CSV use case (app/estimate_table) and, later, the store-based one, which builds a
// CaptureTable from per-person capture histories (CaptureTable::FromHistories), possibly one per
// stratum, and calls EstimateAll on each. A total over strata is computed by SumOverStrata from
// the per-stratum draws (posterior draws or bootstrap replicates), never by adding bounds.
//
// Thread-safety: pure functions; the methods start their own threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "stats/capture_table.h"
#include "stats/dga.h"
#include "stats/lcmcr.h"
#include "stats/loglinear.h"
#include "stats/stop.h"

namespace recount::stats {

enum class Method { kLoglinear, kLcmcr, kDga, kChao };
std::string_view MethodName(Method m);
// "loglinear", "lcmcr", "dga", "chao" or "all" (all four, in that order).
Result<std::vector<Method>> ParseMethods(std::string_view name);

struct MseOptions {
  SelectionOptions loglinear;
  bool bootstrap = true;  // bootstrap interval for the selected log-linear model
  int bootstrap_replicates = 1000;
  LcmcrOptions lcmcr;
  DgaOptions dga;
  uint64_t seed = 1;  // seeds LCMCR chains, bootstrap and draw generation
  int threads = 0;
  int top_models = 5;
  int max_draws = 20000;  // draws kept per estimate for stratum sums
  // Asked between methods and, in the log-linear method, before each model fit and bootstrap
  // replicate (LCMCR and dga run to the end of their chains); once it returns true EstimateAll
  // fails with FailedPrecondition ("the estimation was stopped"). recount serve's dashboard
  // worker sets it so that stopping the server does not wait for a whole estimate.
  StopHook stop;
};

struct ModelSummary {
  std::string name;
  double score = 0;     // criterion value (log-linear) or posterior probability (dga)
  double estimate = 0;  // N under this model alone
};

struct Diagnostic {
  std::string name;
  double value = 0;
};

struct Estimate {
  Method method = Method::kLoglinear;
  bool ok = false;
  std::string error;  // why the method could not run on this table (when !ok)
  int64_t observed = 0;
  double point = 0;
  double lower = 0, upper = 0;
  bool upper_unbounded = false;
  std::string point_kind;            // "maximum likelihood", "posterior median", "lower bound"
  std::string interval_kind;         // "profile likelihood 95%", ...
  std::vector<ModelSummary> models;  // chosen model first
  std::vector<Diagnostic> diagnostics;
  std::vector<std::string> warnings;
  std::vector<double> draws;  // posterior draws / bootstrap replicates / approximate draws

  double unobserved() const { return point - static_cast<double>(observed); }
};

// Runs each method. A method that cannot run on this table (e.g. dga with 6 lists) gives an
// Estimate with ok = false and the reason; invalid options give an error Status.
Result<std::vector<Estimate>> EstimateAll(const CaptureTable& table,
                                          const std::vector<Method>& methods,
                                          const MseOptions& options);

// Plain-language warnings where methods disagree widely: intervals that do not overlap, point
// estimates more than 2x apart, or an estimate below the Chao lower bound's interval.
std::vector<std::string> CompareEstimates(const std::vector<Estimate>& estimates);

// The total over strata of one method: draws are summed index by index (strata are independent,
// so the i-th draws of each stratum form a draw of the total); the interval is taken from the
// summed draws. Every stratum must be ok, of the same method, and have draws; the number of draws
// used is the smallest among strata.
Result<Estimate> SumOverStrata(const std::vector<Estimate>& strata, double level = 0.95);

}  // namespace recount::stats
