// LCMCR speed: microseconds per Gibbs sweep (one iteration) on Kosovo (4 lists, 15 patterns) and
// on generated tables with 10, 15 and 20 lists and 100,000+ observed persons. R LCMCR 0.4.14 on
// this machine: 17-19 us (Kosovo), 514 us (10 lists, 1,012 patterns), 13 ms (15 lists), 22 ms
// (20 lists), K = 10. Also a dga run and the Chao bound for scale.
#include <benchmark/benchmark.h>

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

void BM_LcmcrSweepGenerated(benchmark::State& state) {
  static CaptureTable t10 = Generated(10, 250000);
  static CaptureTable t15 = Generated(15, 250000);
  static CaptureTable t20 = Generated(20, 250000);
  const int lists = static_cast<int>(state.range(0));
  RunSweeps(state, lists == 10 ? t10 : (lists == 15 ? t15 : t20));
}
BENCHMARK(BM_LcmcrSweepGenerated)->Arg(10)->Arg(15)->Arg(20)->Unit(benchmark::kMicrosecond);

void BM_DgaKosovo(benchmark::State& state) {
  CaptureTable t = Kosovo();
  for (auto _ : state) benchmark::DoNotOptimize(RunDga(t, {}));
}
BENCHMARK(BM_DgaKosovo)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace recount::stats

BENCHMARK_MAIN();
