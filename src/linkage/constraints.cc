#include "linkage/constraints.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "linkage/union_find.h"

namespace recount::linkage {
namespace {

// True if joining the groups of a and b would put both records of some rejected pair together.
bool WouldViolate(UnionFind& uf, uint32_t a, uint32_t b,
                  const std::vector<std::pair<uint32_t, uint32_t>>& rejected) {
  uint32_t ra = uf.Find(a), rb = uf.Find(b);
  if (ra == rb) return false;
  for (const auto& [x, y] : rejected) {
    uint32_t rx = uf.Find(x), ry = uf.Find(y);
    if ((rx == ra && ry == rb) || (rx == rb && ry == ra)) return true;
  }
  return false;
}

}  // namespace

ConstrainedClustering ApplyPairConstraints(
    const std::vector<uint32_t>& cluster_of, const std::vector<Link>& links,
    const std::vector<std::pair<uint32_t, uint32_t>>& accepted,
    const std::vector<std::pair<uint32_t, uint32_t>>& rejected) {
  const size_t n = cluster_of.size();
  ConstrainedClustering out;
  // Groups as union-find over records: start from the given clusters.
  UnionFind uf(n);
  {
    std::unordered_map<uint32_t, uint32_t> first;
    for (uint32_t i = 0; i < n; ++i) {
      auto [it, inserted] = first.emplace(cluster_of[i], i);
      if (!inserted) uf.Union(it->second, i);
    }
  }
  // 1. Accepted pairs merge their clusters unless a rejected pair would end up together.
  for (const auto& [a, b] : accepted) {
    if (a >= n || b >= n) continue;
    if (uf.Find(a) == uf.Find(b)) {
      ++out.stats.accepted_kept;
    } else if (WouldViolate(uf, a, b, rejected)) {
      ++out.stats.conflicts;
    } else {
      uf.Union(a, b);
      ++out.stats.accepted_applied;
    }
  }
  // 2. Clusters holding a rejected pair are rebuilt with the constraint.
  std::vector<uint32_t> bad_roots;
  for (const auto& [a, b] : rejected) {
    if (a >= n || b >= n) continue;
    if (uf.Find(a) == uf.Find(b)) {
      ++out.stats.rejected_split;
      bad_roots.push_back(uf.Find(a));
    } else {
      ++out.stats.rejected_kept;
    }
  }
  std::sort(bad_roots.begin(), bad_roots.end());
  bad_roots.erase(std::unique(bad_roots.begin(), bad_roots.end()), bad_roots.end());
  if (!bad_roots.empty()) {
    std::vector<char> in_bad(n, 0);
    std::vector<uint32_t> root_of(n);
    for (uint32_t i = 0; i < n; ++i) {
      root_of[i] = uf.Find(i);
      in_bad[i] = std::binary_search(bad_roots.begin(), bad_roots.end(), root_of[i]);
    }
    // Rebuild: members of bad clusters become singletons, then merge greedily.
    UnionFind rebuilt(n);
    for (uint32_t i = 0; i < n; ++i) {
      if (!in_bad[i]) rebuilt.Union(root_of[i], i);
    }
    std::vector<Link> inside;
    for (const auto& [a, b] : accepted) {
      if (a < n && b < n && in_bad[a] && root_of[a] == root_of[b]) {
        inside.push_back(Link{a, b, 2.0f});  // before every scored link
      }
    }
    for (const Link& l : links) {
      if (l.i < n && l.j < n && in_bad[l.i] && root_of[l.i] == root_of[l.j]) inside.push_back(l);
    }
    std::stable_sort(inside.begin(), inside.end(),
                     [](const Link& x, const Link& y) { return x.probability > y.probability; });
    for (const Link& l : inside) {
      if (!WouldViolate(rebuilt, l.i, l.j, rejected)) rebuilt.Union(l.i, l.j);
    }
    out.stats.clusters_rebuilt = bad_roots.size();
    uf = std::move(rebuilt);
  }
  // Renumber 0..k-1 in order of first record.
  out.cluster_of.assign(n, 0);
  std::unordered_map<uint32_t, uint32_t> id_of_root;
  for (uint32_t i = 0; i < n; ++i) {
    auto [it, inserted] = id_of_root.emplace(uf.Find(i), out.clusters);
    if (inserted) ++out.clusters;
    out.cluster_of[i] = it->second;
  }
  return out;
}

}  // namespace recount::linkage
