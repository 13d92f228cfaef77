// Simulate: the `recount simulate` use case. Generates realistic multi-source testimony lists
// with ground truth (src/sim, docs/simulator.md) into a directory: one CSV and one mapping file
// per source, truth.csv, truth_totals.json and capture_table.csv.
//
// Contract: the output directory is created if missing; an existing directory must be writable.
// Files of the same names are overwritten. The bytes written depend only on (persons, sources,
// seed). Errors name the path and what to do.
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"
#include "sim/simulation.h"

namespace recount::app {

struct SimulateOptions {
  std::string out_dir;
  uint64_t persons = 2000;
  int sources = 5;
  uint64_t seed = 1;
  int threads = 2;
  std::string data_dir;  // empty: DataDir()
};

Result<sim::SimSummary> Simulate(const SimulateOptions& options,
                                 const sim::ProgressFn& progress = nullptr);

}  // namespace recount::app
