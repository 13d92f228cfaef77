// The estimation options shared by `recount estimate` and `recount report`, so both commands
// accept the same flags with the same defaults and give the same figures for the same seed.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "stats/mse.h"

namespace recount::cli {

struct EstimateFlags {
  std::string method = "all";
  std::string criterion = "bic";
  uint64_t seed = 1;
  int max_order = 0;
  int iterations = 50000;
  int burn_in = 10000;
  int chains = 4;
  int classes = 10;
  double a_alpha = 0.25, b_alpha = 0.25;
  double delta = 0;
  int bootstrap = 1000;
  int threads = 0;
  double max_unobserved_ratio = 1000;
};

// Declares --method, --seed, --max-order, --criterion, --bootstrap, the LCMCR and dga options and
// --threads on `sub`, bound to `f` (which must outlive parsing).
void AddEstimateOptions(CLI::App& sub, EstimateFlags& f);

// The options after validation (errors name the flag).
Result<stats::MseOptions> ToMseOptions(const EstimateFlags& f);

// The flags as (name, value) text, for a report to show how its figures were made.
std::vector<std::pair<std::string, std::string>> DescribeEstimateFlags(const EstimateFlags& f);

}  // namespace recount::cli
