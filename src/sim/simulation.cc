#include "sim/simulation.h"

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

#include "sim/source_writer.h"

namespace recount::sim {

namespace {

constexpr uint64_t kMaxPersons = 100'000'000;
constexpr uint32_t kChunk = 1 << 15;
constexpr size_t kFlushBytes = 4 << 20;

// A (testimony date, connection) key and a person id: enough to regenerate the record.
struct Entry {
  uint32_t key;  // Capture::Key() << 2 | connection
  uint32_t person;
  bool operator<(const Entry& o) const { return key != o.key ? key < o.key : person < o.person; }
};

Capture FromKey(uint32_t key) {
  Capture c;
  c.recorded = true;
  c.connection = static_cast<Connection>(key & 3);
  const uint32_t date = key >> 2;
  c.day = static_cast<uint8_t>(date % 32);
  c.month = static_cast<uint8_t>((date / 32) % 16);
  c.year = static_cast<uint16_t>(date / 512);
  return c;
}

// Runs fn(i) for i in [0, n) on up to `threads` threads, i assigned round-robin.
void ParallelFor(int threads, size_t n, const std::function<void(size_t)>& fn) {
  threads = std::max(1, std::min<int>(threads, static_cast<int>(n)));
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) {
    pool.emplace_back([&] {
      for (size_t i = next++; i < n; i = next++) fn(i);
    });
  }
  for (auto& th : pool) th.join();
}

}  // namespace

Simulation::Simulation(const SimConfig& config, SimData data)
    : config_(config), data_(std::move(data)) {}

Result<std::unique_ptr<Simulation>> Simulation::Create(const SimConfig& config,
                                                       const std::string& data_dir) {
  if (config.persons < 1 || config.persons > kMaxPersons) {
    return InvalidArgument("--persons must be between 1 and " + std::to_string(kMaxPersons) +
                           ", got " + std::to_string(config.persons));
  }
  if (config.sources < kMinSources || config.sources > kMaxSources) {
    return InvalidArgument("--sources must be between " + std::to_string(kMinSources) + " and " +
                           std::to_string(kMaxSources) + ", got " + std::to_string(config.sources));
  }
  ASSIGN_OR_RETURN(SimData data, SimData::Load(data_dir));
  std::unique_ptr<Simulation> sim(new Simulation(config, std::move(data)));
  sim->names_ = std::make_unique<NameModel>(sim->data_);
  sim->population_ = std::make_unique<PopulationModel>(sim->data_, *sim->names_, config.seed);
  sim->profiles_ = MakeSourceProfiles(config.sources, config.seed);
  sim->capture_ = std::make_unique<CaptureModel>(sim->data_, sim->profiles_, config.seed);
  sim->noise_ = std::make_unique<SpellingNoise>(*sim->names_, config.romanize);
  return sim;
}

Result<SimSummary> Simulation::Run(FileSink& sink, const ProgressFn& progress) const {
  const size_t k_sources = profiles_.size();
  const uint64_t n = config_.persons;
  const size_t chunks = static_cast<size_t>((n + kChunk - 1) / kChunk);

  std::vector<SourceWriter> writers;
  for (size_t k = 0; k < k_sources; ++k) {
    ASSIGN_OR_RETURN(SourceWriter w, SourceWriter::Create(data_, *names_, *noise_, profiles_[k],
                                                          static_cast<int>(k), config_.seed));
    writers.push_back(std::move(w));
  }

  // Pass 1: population, captures, totals.
  struct ChunkResult {
    std::vector<std::vector<Entry>> entries;
    TruthTotals totals;
  };
  std::vector<ChunkResult> results(chunks);
  std::atomic<uint64_t> done{0};
  std::mutex progress_mu;
  ParallelFor(config_.threads, chunks, [&](size_t c) {
    ChunkResult& r = results[c];
    r.entries.resize(k_sources);
    r.totals = TruthTotals(data_.provinces.size(), k_sources);
    Person p;
    std::vector<Capture> caps;
    const uint64_t begin = c * uint64_t{kChunk};
    const uint64_t end = std::min<uint64_t>(n, begin + kChunk);
    for (uint64_t i = begin; i < end; ++i) {
      population_->Generate(static_cast<uint32_t>(i), &p);
      capture_->Decide(p, &caps);
      r.totals.Add(p, caps);
      for (size_t k = 0; k < k_sources; ++k) {
        if (caps[k].recorded) {
          r.entries[k].push_back({caps[k].Key() << 2 | static_cast<uint32_t>(caps[k].connection),
                                  static_cast<uint32_t>(i)});
        }
      }
    }
    const uint64_t d = done += end - begin;
    if (progress) {
      std::lock_guard<std::mutex> lock(progress_mu);
      progress("generating persons", d, n);
    }
  });

  SimSummary summary;
  summary.totals = TruthTotals(data_.provinces.size(), k_sources);
  std::vector<std::vector<Entry>> entries(k_sources);
  for (auto& r : results) {
    summary.totals.Merge(r.totals);
    for (size_t k = 0; k < k_sources; ++k) {
      entries[k].insert(entries[k].end(), r.entries[k].begin(), r.entries[k].end());
    }
  }
  results.clear();
  results.shrink_to_fit();

  // Pass 2: each source's records in intake order.
  std::vector<std::string> truth(k_sources);
  std::vector<Status> status(k_sources);
  std::atomic<uint64_t> written{0};
  const uint64_t total_records = [&] {
    uint64_t s = 0;
    for (auto& e : entries) s += e.size();
    return s;
  }();
  ParallelFor(config_.threads, k_sources, [&](size_t k) {
    auto& list = entries[k];
    std::sort(list.begin(), list.end());
    const SourceWriter& w = writers[k];
    const std::string csv = profiles_[k].name + ".csv";
    const std::string map = profiles_[k].name + ".map";
    Status s = sink.Write(map, w.MappingFile(csv));
    std::string buf = w.Header();
    Person p;
    uint64_t rows = 0;
    std::string& tr = truth[k];
    for (size_t j = 0; j < list.size() && s.ok(); ++j) {
      const Capture cap = FromKey(list[j].key);
      population_->Generate(list[j].person, &p);
      const std::string id = w.RecordId(j + 1, cap.year);
      rows += w.WriteRecord(p, cap, id, &buf);
      tr += profiles_[k].name;
      tr += ',';
      AppendCsvField(id, ',', &tr);
      tr += ',';
      tr += PersonId(list[j].person);
      tr += '\n';
      if (buf.size() >= kFlushBytes) {
        s = sink.Write(csv, buf);
        buf.clear();
      }
      if ((j & 0xFFFF) == 0xFFFF && progress) {
        const uint64_t d = written += 0x10000;
        std::lock_guard<std::mutex> lock(progress_mu);
        progress("writing records", d, total_records);
      }
    }
    if (s.ok()) s = sink.Write(csv, buf);
    summary.totals.rows_by_source[k] = rows;
    status[k] = s;
  });
  for (const Status& s : status) RETURN_IF_ERROR(s);
  if (progress) progress("writing records", total_records, total_records);

  std::string truth_all(kTruthHeader);
  for (auto& t : truth) {
    truth_all += t;
    t.clear();
    t.shrink_to_fit();
  }
  RETURN_IF_ERROR(sink.Write("truth.csv", truth_all));
  RETURN_IF_ERROR(sink.Write("truth_totals.json",
                             TruthTotalsJson(summary.totals, data_, profiles_, config_.seed)));
  RETURN_IF_ERROR(sink.Write("capture_table.csv", CaptureTableCsv(summary.totals, profiles_)));

  for (size_t k = 0; k < k_sources; ++k) {
    SourceSummary s;
    s.name = profiles_[k].name;
    s.organisation = profiles_[k].organisation;
    s.csv_file = s.name + ".csv";
    s.mapping_file = s.name + ".map";
    s.records = summary.totals.records_by_source[k];
    s.rows = summary.totals.rows_by_source[k];
    summary.files.push_back(s.csv_file);
    summary.files.push_back(s.mapping_file);
    summary.sources.push_back(std::move(s));
  }
  summary.files.push_back("truth.csv");
  summary.files.push_back("truth_totals.json");
  summary.files.push_back("capture_table.csv");
  return summary;
}

}  // namespace recount::sim
