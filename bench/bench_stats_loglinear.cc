// Log-linear MSE speed: fitting and ranking every hierarchical model of a table, profile
// intervals and bootstrap replicates. Tables are built in memory (the 5-list UK 2013 table and
// the 4-list Kosovo table, counts as in tests/data/mse/).
#include <benchmark/benchmark.h>

#include "stats/loglinear.h"

namespace recount::stats {
namespace {

CaptureTable Kosovo() {
  const int64_t c[16] = {0, 1131, 845, 177, 936, 228, 217, 181, 306, 106, 31, 18, 123, 42, 32, 27};
  std::vector<PatternCount> rows;
  for (uint32_t m = 1; m < 16; ++m) rows.push_back({m, c[m]});
  return CaptureTable::FromCounts({"EXH", "ABA", "OSCE", "HRW"}, rows).value();
}

CaptureTable Uk5() {
  // LA, NG, PFNCA, GO, GP; pattern mask bit j = list j.
  const std::vector<std::pair<uint32_t, int64_t>> cells = {
      {1, 54},  {2, 463}, {4, 995}, {8, 695}, {16, 316}, {3, 15}, {5, 19}, {9, 3},  {6, 62},
      {10, 19}, {18, 1},  {12, 76}, {20, 11}, {24, 8},   {7, 1},  {11, 1}, {14, 4}, {15, 1}};
  std::vector<PatternCount> rows;
  for (auto [m, n] : cells) rows.push_back({m, n});
  return CaptureTable::FromCounts({"LA", "NG", "PFNCA", "GO", "GP"}, rows).value();
}

void BM_SelectTwoWay5Lists(benchmark::State& state) {
  CaptureTable t = Uk5();
  SelectionOptions o;
  o.max_order = 2;
  o.threads = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(SelectLoglinear(t, o));
  state.SetLabel("1,024 models");
}
BENCHMARK(BM_SelectTwoWay5Lists)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

void BM_SelectAllOrders5Lists(benchmark::State& state) {
  CaptureTable t = Uk5();
  SelectionOptions o;
  o.threads = 2;
  for (auto _ : state) benchmark::DoNotOptimize(SelectLoglinear(t, o));
  state.SetLabel("6,893 models");
}
BENCHMARK(BM_SelectAllOrders5Lists)->Unit(benchmark::kMillisecond);

void BM_ProfileIntervalKosovo(benchmark::State& state) {
  CaptureTable t = Kosovo();
  auto m = HierarchicalClosure(4, {0b0111, 0b1001, 0b1100}).value();
  for (auto _ : state) benchmark::DoNotOptimize(ProfileLikelihoodInterval(t, m));
}
BENCHMARK(BM_ProfileIntervalKosovo)->Unit(benchmark::kMillisecond);

void BM_Bootstrap1000Kosovo(benchmark::State& state) {
  CaptureTable t = Kosovo();
  auto m = HierarchicalClosure(4, {0b0111, 0b1001, 0b1100}).value();
  auto fit = FitLoglinear(t, m).value();
  BootstrapOptions bo;
  bo.replicates = 1000;
  bo.threads = 2;
  for (auto _ : state) benchmark::DoNotOptimize(BootstrapLoglinear(t, fit, bo));
}
BENCHMARK(BM_Bootstrap1000Kosovo)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace recount::stats

BENCHMARK_MAIN();
