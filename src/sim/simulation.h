// Simulation: generates a population, decides which sources record whom, and writes every
// source's CSV and mapping file, truth.csv, truth_totals.json and capture_table.csv through a
// FileSink.
//
// Passes: (1) persons are generated in chunks (on up to `threads` threads); each chunk yields
// per-source (testimony date, person) entries and partial truth totals, merged in chunk order;
// (2) each source's entries are sorted into intake order (testimony date, then person id) and its
// records are written by regenerating each person from (seed, id). Every random draw comes from a
// stream derived from (seed, purpose, person[, source]), so the bytes written depend only on the
// options, never on thread scheduling. Model: docs/simulator.md.
//
// Thread-safety: Run() may call FileSink::Write concurrently for different file names, never for
// the same name.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "sim/name_model.h"
#include "sim/sim_data.h"
#include "sim/source_profile.h"
#include "sim/spelling_noise.h"
#include "sim/truth_writer.h"

namespace recount::sim {

struct SimConfig {
  uint64_t persons = 2000;
  int sources = 5;
  uint64_t seed = 1;
  int threads = 2;
  RomanizeFn romanize = DefaultRomanizer();
};

// Where the simulator's files go. Write appends bytes to the named file (created on first use).
class FileSink {
 public:
  virtual ~FileSink() = default;
  virtual Status Write(const std::string& name, std::string_view bytes) = 0;
};

// Progress: phase name, units done, units total.
using ProgressFn = std::function<void(std::string_view phase, uint64_t done, uint64_t total)>;

struct SourceSummary {
  std::string name, organisation, csv_file, mapping_file;
  uint64_t records = 0, rows = 0;
};

struct SimSummary {
  std::vector<SourceSummary> sources;
  std::vector<std::string> files;
  TruthTotals totals;
};

class Simulation {
 public:
  // Checks the configuration (persons 1..100,000,000; sources 3..20) and loads the tables.
  static Result<std::unique_ptr<Simulation>> Create(const SimConfig& config,
                                                    const std::string& data_dir);

  Result<SimSummary> Run(FileSink& sink, const ProgressFn& progress = nullptr) const;

  const std::vector<SourceProfile>& profiles() const { return profiles_; }
  const SimData& data() const { return data_; }

 private:
  Simulation(const SimConfig& config, SimData data);

  SimConfig config_;
  SimData data_;
  std::unique_ptr<NameModel> names_;
  std::unique_ptr<PopulationModel> population_;
  std::vector<SourceProfile> profiles_;
  std::unique_ptr<CaptureModel> capture_;
  std::unique_ptr<SpellingNoise> noise_;
};

}  // namespace recount::sim
