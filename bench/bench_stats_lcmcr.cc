// LCMCR speed: microseconds per Gibbs sweep (one iteration of one chain, K = 10) on Kosovo (4
// lists, 15 patterns) and on generated tables with 10, 15 and 20 lists and 140,000-200,000
// observed persons (and 1.4 million with 10 lists). R LCMCR 0.4.14 on this machine: 17-19 us
// (Kosovo), 514 us (10 lists, 1,012 patterns), 13 ms (15 lists), 22 ms (20 lists), K = 10.
// Read the CPU column: the machine is shared, so wall time varies with its load. The cost of a
// sweep depends on how many classes the chain currently uses, so figures move by ~20% between
// runs. Also a dga run for scale. Figures and the command are in docs/estimation.md.
#include <benchmark/benchmark.h>

#include <map>
#include <utility>

#include "stats/dga.h"
#include "stats/lcmcr.h"
#include "stats/random.h"

namespace recount::stats {
namespace {

CaptureTable Kosovo() {
  const int64_t c[16] = {0, 1131, 845, 177, 936, 228, 217, 181, 306, 106, 31, 18, 123, 42, 32, 27};
  std::vector<PatternCount> rows;
  for (uint32_t m = 1; m < 16; ++m) rows.push_back({m, c[m]});
  return CaptureTable::FromCounts({"EXH", "ABA", "OSCE", "HRW"}, rows).value();
}

// A heterogeneous population of `people` persons in 3 latent groups over `lists` lists; only
// those seen on some list are kept.
CaptureTable Generated(int lists, int64_t people) {
  Rng rng(12345);
  std::vector<uint32_t> hist;
  for (int64_t i = 0; i < people; ++i) {
    const double u = rng.Uniform();
    const int group = u < 0.5 ? 0 : (u < 0.8 ? 1 : 2);
    uint32_t m = 0;
    for (int j = 0; j < lists; ++j) {
      const double p = group == 0 ? 0.03 + 0.002 * j : (group == 1 ? 0.12 : 0.3 - 0.005 * j);
      if (rng.Uniform() < p) m |= 1u << j;
    }
    if (m) hist.push_back(m);
  }
  std::vector<std::string> names;
  for (int j = 0; j < lists; ++j) names.push_back("L" + std::to_string(j + 1));
  return CaptureTable::FromHistories(names, hist).value();
}

void RunSweeps(benchmark::State& state, const CaptureTable& t) {
  LcmcrOptions o;
  LcmcrSampler s(t, o, 1);
  for (int i = 0; i < 2000; ++i) s.Sweep();  // past the start-up transient
  for (auto _ : state) {
    s.Sweep();
    benchmark::DoNotOptimize(s.unobserved());
  }
  state.counters["patterns"] = static_cast<double>(t.patterns().size());
  state.counters["observed"] = static_cast<double>(t.observed());
}

void BM_LcmcrSweepKosovo(benchmark::State& state) { RunSweeps(state, Kosovo()); }
BENCHMARK(BM_LcmcrSweepKosovo)->Unit(benchmark::kMicrosecond);

// Args: lists, simulated persons in thousands (about 57-80% of them are observed).
void BM_LcmcrSweepGenerated(benchmark::State& state) {
  static std::map<std::pair<int64_t, int64_t>, CaptureTable> tables;
  const auto key = std::make_pair(state.range(0), state.range(1));
  auto it = tables.find(key);
  if (it == tables.end()) {
    it = tables.emplace(key, Generated(static_cast<int>(key.first), key.second * 1000)).first;
  }
  RunSweeps(state, it->second);
}
BENCHMARK(BM_LcmcrSweepGenerated)
    ->Args({10, 250})
    ->Args({15, 250})
    ->Args({20, 250})
    ->Args({10, 2500})  // ten times the persons, about the same patterns: cost does not grow
    ->Unit(benchmark::kMicrosecond);

// Single variates at parameters typical of a Kosovo sweep (docs/estimation.md, LCMCR "Speed":
// the floor under a sweep). In a sweep they cost more than here, where the same parameters
// repeat and every branch is predicted. Binomial args: n, p in thousandths.
void BM_RngBinomial(benchmark::State& state) {
  Rng r(1);
  const int64_t n = state.range(0);
  const double p = static_cast<double>(state.range(1)) / 1000;
  for (auto _ : state) benchmark::DoNotOptimize(r.Binomial(n, p));
}
BENCHMARK(BM_RngBinomial)
    ->Args({50, 60})     // inversion, n p = 3 (the sweep's mean for that branch)
    ->Args({300, 200})   // BTRD, n p q = 48
    ->Args({6000, 70});  // BTRD, the unobserved persons' first split

void BM_RngGamma(benchmark::State& state) {
  Rng r(1);
  const double shape = static_cast<double>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(r.Gamma(shape));
}
BENCHMARK(BM_RngGamma)->Arg(5)->Arg(500);

void BM_RngBeta(benchmark::State& state) {
  Rng r(1);
  const double a = static_cast<double>(state.range(0)), b = static_cast<double>(state.range(1));
  for (auto _ : state) benchmark::DoNotOptimize(r.Beta(a, b));
}
BENCHMARK(BM_RngBeta)->Args({300, 700})->Args({1, 4});

void BM_DgaKosovo(benchmark::State& state) {
  CaptureTable t = Kosovo();
  for (auto _ : state) benchmark::DoNotOptimize(RunDga(t, {}));
}
BENCHMARK(BM_DgaKosovo)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace recount::stats

BENCHMARK_MAIN();
