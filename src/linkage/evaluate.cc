#include "linkage/evaluate.h"

#include <unordered_map>

namespace recount::linkage {

namespace {

uint64_t Choose2(uint64_t n) { return n * (n - 1) / 2; }

// Pair counts from the contingency of (cluster, entity) for records restricted by `keep`, counting
// only pairs whose sources are (a, b).
template <typename Keep>
PairCounts CountPairs(const std::vector<std::string>& cluster, const std::vector<std::string>& truth,
                      const std::vector<std::string>& source, const std::string* a,
                      const std::string* b, Keep keep) {
  // For a == b (or no source filter): sum C(n,2) per group. For a != b: sum n_a * n_b per group.
  struct Two {
    uint64_t x = 0, y = 0;
  };
  std::unordered_map<std::string, Two> by_cluster, by_entity, by_cell;
  for (size_t i = 0; i < cluster.size(); ++i) {
    if (!keep(i)) continue;
    bool in_a = a == nullptr || source[i] == *a;
    bool in_b = b != nullptr && source[i] == *b;
    std::string cell = cluster[i];
    cell += '\x1f';
    cell += truth[i];
    for (auto* m : {&by_cluster, &by_entity, &by_cell}) {
      const std::string& key = m == &by_cluster ? cluster[i] : m == &by_entity ? truth[i] : cell;
      Two& t = (*m)[key];
      t.x += in_a;
      t.y += in_b;
    }
  }
  auto pairs = [&](const std::unordered_map<std::string, Two>& m) {
    uint64_t s = 0;
    for (const auto& [k, t] : m) s += (a == nullptr || *a == *b) ? Choose2(t.x) : t.x * t.y;
    return s;
  };
  PairCounts pc;
  pc.predicted = pairs(by_cluster);
  pc.actual = pairs(by_entity);
  pc.true_positive = pairs(by_cell);
  return pc;
}

}  // namespace

Evaluation Evaluate(const std::vector<std::string>& cluster, const std::vector<std::string>& truth,
                    const std::vector<std::string>& source) {
  Evaluation ev;
  auto keep = [&](size_t i) { return !truth[i].empty(); };
  ev.pairs = CountPairs(cluster, truth, source, nullptr, nullptr, keep);
  // B-cubed: per record, |cluster ∩ entity| / |cluster| and / |entity|.
  std::unordered_map<std::string, uint64_t> csize, esize, cell;
  for (size_t i = 0; i < cluster.size(); ++i) {
    if (!keep(i)) continue;
    ++ev.records;
    ++csize[cluster[i]];
    ++esize[truth[i]];
    ++cell[cluster[i] + '\x1f' + truth[i]];
  }
  double p = 0, r = 0;
  for (size_t i = 0; i < cluster.size(); ++i) {
    if (!keep(i)) continue;
    double c = static_cast<double>(cell[cluster[i] + '\x1f' + truth[i]]);
    p += c / static_cast<double>(csize[cluster[i]]);
    r += c / static_cast<double>(esize[truth[i]]);
  }
  if (ev.records > 0) {
    ev.bcubed_precision = p / static_cast<double>(ev.records);
    ev.bcubed_recall = r / static_cast<double>(ev.records);
  }
  std::map<std::string, int> sources;
  for (size_t i = 0; i < source.size(); ++i) sources[source[i]] = 1;
  if (sources.size() > 1) {
    for (auto ia = sources.begin(); ia != sources.end(); ++ia) {
      for (auto ib = ia; ib != sources.end(); ++ib) {
        ev.by_source_pair[{ia->first, ib->first}] =
            CountPairs(cluster, truth, source, &ia->first, &ib->first, keep);
      }
    }
  }
  return ev;
}

}  // namespace recount::linkage
