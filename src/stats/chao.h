// Chao's lower bound for the population size from capture frequencies (Chao 1987).
//
// With f_j persons seen on exactly j of the k lists, the undetected count is at least
// f0 = ((k-1)/k) * f1^2 / (2 f2) under heterogeneous capture probabilities (model Mh); when
// f2 = 0 the bias-corrected form ((k-1)/k) * f1 (f1 - 1) / 2 is used. The variance is Chao's
// (1987) asymptotic formula and the 95% interval is her log-normal interval, which never goes
// below the observed count. It is a floor, not an estimate of N: report it beside the others.
// See docs/estimation.md.
#pragma once

#include "base/result.h"
#include "stats/capture_table.h"

namespace recount::stats {

struct ChaoResult {
  double total = 0;       // observed + f0
  double unobserved = 0;  // f0
  double std_error = 0;
  double lower = 0, upper = 0;  // log-normal interval
  int64_t f1 = 0, f2 = 0;
  bool bias_corrected = false;  // f2 == 0 form
};

Result<ChaoResult> ChaoLowerBound(const CaptureTable& table, double level = 0.95);

}  // namespace recount::stats
