// Benchmark of `recount simulate`: persons per second, generating in memory (a sink that only
// counts bytes) and writing real files through app::Simulate.
//
//   build/bench/bench_simulate                       # both benchmarks
//   /usr/bin/time -v build/bench/bench_simulate --benchmark_filter=ToDisk/1000000
//
// The one-million-person figure is quoted in docs/simulator.md.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>

#include "app/data_dir.h"
#include "app/simulate.h"
#include "sim/simulation.h"

namespace {

class CountingSink : public recount::sim::FileSink {
 public:
  recount::Status Write(const std::string&, std::string_view bytes) override {
    bytes_ += bytes.size();
    return recount::Status();
  }
  std::atomic<uint64_t> bytes_{0};
};

void BM_SimulateInMemory(benchmark::State& state) {
  recount::sim::SimConfig config;
  config.persons = static_cast<uint64_t>(state.range(0));
  config.threads = static_cast<int>(state.range(1));
  auto sim = recount::sim::Simulation::Create(config, recount::app::DataDir());
  if (!sim.ok()) {
    state.SkipWithError(sim.status().message().c_str());
    return;
  }
  uint64_t bytes = 0;
  for (auto _ : state) {
    CountingSink sink;
    auto summary = (*sim)->Run(sink);
    if (!summary.ok()) {
      state.SkipWithError(summary.status().message().c_str());
      return;
    }
    bytes += sink.bytes_;
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_SimulateInMemory)
    ->Args({20000, 1})
    ->Args({20000, 2})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

void BM_SimulateToDisk(benchmark::State& state) {
  const std::string dir =
      (std::filesystem::temp_directory_path() / "recount-bench-simulate").string();
  recount::app::SimulateOptions options;
  options.out_dir = dir;
  options.persons = static_cast<uint64_t>(state.range(0));
  for (auto _ : state) {
    auto summary = recount::app::Simulate(options);
    if (!summary.ok()) {
      state.SkipWithError(summary.status().message().c_str());
      break;
    }
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
  std::error_code ec;
  std::filesystem::remove_all(dir, ec);
}
BENCHMARK(BM_SimulateToDisk)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_SimulateToDisk)
    ->Arg(1000000)
    ->Iterations(1)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
