// Speed of the Korean text functions and of gazetteer lookup (figures in docs/korean.md).
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "base/korean/romanize.h"
#include "model/gazetteer.h"
#include "base/source_dir.h"

namespace {

using recount::korean::RomanizationSystem;

const std::vector<std::string>& HangulNames() {
  static const std::vector<std::string> k = {"김금순", "이영희", "박정희", "최성민", "리명희",
                                             "남궁민수", "윤은지", "장미란"};
  return k;
}

const std::vector<std::string>& LatinNames() {
  static const std::vector<std::string> k = {"Kim Keum-soon", "Ri Myong Hui", "Lee Young-hee",
                                             "Choi Sung-min", "Geumsun", "Pak Chong-hui",
                                             "Jang Mi-ran", "Yoon Eun-ji"};
  return k;
}

void BM_RomanizeName(benchmark::State& state) {
  const auto system = static_cast<RomanizationSystem>(state.range(0));
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        recount::korean::Romanize(HangulNames()[i++ % HangulNames().size()], system, true));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_RomanizeName)->DenseRange(0, 5);

void BM_ParseRomanized(benchmark::State& state) {
  size_t i = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        recount::korean::ParseRomanized(LatinNames()[i++ % LatinNames().size()], 8));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ParseRomanized);

void BM_GazetteerFind(benchmark::State& state) {
  static const auto g =
      recount::model::Gazetteer::Load(recount::SourceDir() + "/data/gazetteer/places.csv");
  if (!g.ok()) {
    state.SkipWithError(g.status().ToString().c_str());
    return;
  }
  const std::vector<std::string> q = {"연길", "Yanji", "량강도", "Hoeryung", "沈阳市", "Chongjin-si"};
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(g->Find(q[i++ % q.size()]));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_GazetteerFind);

}  // namespace

BENCHMARK_MAIN();
