// Linkage throughput: scored candidate pairs per second on one core (compare + Fellegi-Sunter
// weight + probability), and Jaro-Winkler comparisons per second. Data: synthetic German-style
// records with typos (deterministic), so the bench needs no files. Figures: docs/linkage.md.
#include <benchmark/benchmark.h>

#include <random>
#include <string>
#include <vector>

#include "linkage/block.h"
#include "linkage/compare.h"
#include "linkage/jaro_winkler.h"
#include "linkage/linker.h"
#include "linkage/score.h"

namespace {

using namespace recount::linkage;

std::vector<Record> MakeRecords(size_t n) {
  static const char* kSur[] = {"mueller", "schmidt", "schneider", "fischer", "weber", "meyer",
                               "wagner",  "becker",  "schulz",    "hoffmann", "koch", "richter",
                               "klein",   "wolf",    "schroeder", "neumann", "braun", "zimmermann"};
  static const char* kGiv[] = {"peter", "michael", "thomas", "andreas", "wolfgang", "klaus",
                               "juergen", "stefan", "ursula", "monika", "petra", "sabine",
                               "renate", "helga", "karin", "brigitte", "ingrid", "erika"};
  std::mt19937 rng(7);
  std::vector<Record> out;
  for (size_t i = 0; i < n; ++i) {
    Record r;
    r.id = std::to_string(i);
    std::string s = kSur[rng() % 18], g = kGiv[rng() % 18];
    s += static_cast<char>('a' + rng() % 26);  // more distinct values
    if (rng() % 10 == 0) s[rng() % s.size()] = static_cast<char>('a' + rng() % 26);
    r.surnames = {s};
    r.given_names = {g};
    r.birth = PartialDate::Ymd(1930 + rng() % 60, 1 + rng() % 12, 1 + rng() % 28);
    out.push_back(std::move(r));
  }
  return out;
}

void BM_ScorePairs(benchmark::State& state) {
  auto records = MakeRecords(20000);
  Schema schema;
  schema.has_surname = schema.has_given = schema.has_birth = true;
  Prepared p = Prepare(records, schema, {});
  Comparer comparer(&p);
  Model model = InitialModel(p, {}, {});
  // The error-count term as a fitted model has it (score.h): one table look-up per pair.
  model.error_beta = {0.0, 0.0, -0.7, -10.0};
  model.UpdateWeights();
  // A fixed list of candidate pairs from the default blocking rules.
  std::vector<std::pair<uint32_t, uint32_t>> pairs;
  Blocker blocker(&p, DefaultRules(p), {});
  blocker.ForEachPair([&](uint32_t i, uint32_t j) {
    if (pairs.size() < 2000000) pairs.emplace_back(i, j);
  });
  double sink = 0;
  for (auto _ : state) {
    Levels lv{};
    for (const auto& [i, j] : pairs) {
      comparer.Compare(i, j, &lv);
      sink += model.Probability(model.Weight(lv, &p, i, j));
    }
  }
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * pairs.size()));
  state.counters["pairs"] = static_cast<double>(pairs.size());
}
BENCHMARK(BM_ScorePairs)->Unit(benchmark::kMillisecond);

void BM_JaroWinklerNames(benchmark::State& state) {
  const char* names[] = {"mueller", "muller", "schmidt", "schmitt", "meyer", "meier",
                         "hoffmann", "hofmann", "zimmermann", "zimmerman"};
  double sink = 0;
  for (auto _ : state) {
    for (int a = 0; a < 10; ++a) {
      for (int b = 0; b < 10; ++b) sink += JaroWinkler(names[a], names[b]);
    }
  }
  benchmark::DoNotOptimize(sink);
  state.SetItemsProcessed(state.iterations() * 100);
}
BENCHMARK(BM_JaroWinklerNames);

void BM_EndToEnd20k(benchmark::State& state) {
  auto records = MakeRecords(20000);
  Schema schema;
  schema.has_surname = schema.has_given = schema.has_birth = true;
  for (auto _ : state) {
    LinkResult r = RunLinkage(records, schema, {}, LinkOptions{});
    benchmark::DoNotOptimize(r.clustering.clusters);
    state.counters["candidate_pairs"] = static_cast<double>(r.candidate_pairs);
  }
}
BENCHMARK(BM_EndToEnd20k)->Unit(benchmark::kMillisecond)->Iterations(2);

}  // namespace

BENCHMARK_MAIN();
