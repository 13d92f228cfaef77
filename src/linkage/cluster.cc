#include "linkage/cluster.h"

#include <algorithm>
#include <numeric>
#include <unordered_map>

#include "linkage/union_find.h"

namespace recount::linkage {

namespace {

// Average-linkage agglomeration inside one component of k records with a full probability matrix
// (k <= max_exact_component); returns a group label per member.
std::vector<int> AverageLink(const std::vector<uint32_t>& members, const std::vector<int>& source,
                             const std::function<double(uint32_t, uint32_t)>& prob,
                             const ClusterOptions& options) {
  const size_t k = members.size();
  std::vector<double> sum(k * k, 0.0);  // sum of probabilities between groups a and b
  for (size_t a = 0; a < k; ++a) {
    for (size_t b = a + 1; b < k; ++b) {
      double p = prob(members[a], members[b]);
      sum[a * k + b] = sum[b * k + a] = p;
    }
  }
  std::vector<int> size(k, 1), label(k);
  std::iota(label.begin(), label.end(), 0);
  std::vector<bool> alive(k, true);
  std::vector<std::unordered_map<int, int>> per_source(k);
  for (size_t a = 0; a < k; ++a) per_source[a][source[members[a]]] = 1;
  while (true) {
    double best = -1;
    size_t ba = 0, bb = 0;
    for (size_t a = 0; a < k; ++a) {
      if (!alive[a]) continue;
      for (size_t b = a + 1; b < k; ++b) {
        if (!alive[b]) continue;
        double avg = sum[a * k + b] / (static_cast<double>(size[a]) * size[b]);
        if (avg <= best) continue;
        if (options.max_per_source > 0) {
          bool ok = true;
          for (const auto& [s, c] : per_source[b]) {
            auto it = per_source[a].find(s);
            if (it != per_source[a].end() && it->second + c > options.max_per_source) ok = false;
          }
          if (!ok) continue;
        }
        best = avg, ba = a, bb = b;
      }
    }
    if (best < options.average_link) break;
    // Merge bb into ba.
    for (size_t c = 0; c < k; ++c) {
      if (c == ba || c == bb || !alive[c]) continue;
      sum[ba * k + c] = sum[c * k + ba] = sum[ba * k + c] + sum[bb * k + c];
    }
    size[ba] += size[bb];
    alive[bb] = false;
    for (const auto& [s, c] : per_source[bb]) per_source[ba][s] += c;
    for (size_t m = 0; m < k; ++m) {
      if (label[m] == static_cast<int>(bb)) label[m] = static_cast<int>(ba);
    }
  }
  return label;
}

}  // namespace

Clustering Cluster(size_t n, const std::vector<Link>& links, const std::vector<int>& source,
                   const std::function<double(uint32_t, uint32_t)>& pair_probability,
                   const ClusterOptions& options) {
  UnionFind uf(n);
  std::vector<Link> strong;
  for (const Link& l : links) {
    if (l.probability >= options.threshold) {
      uf.Union(l.i, l.j);
      strong.push_back(l);
    }
  }
  std::unordered_map<uint32_t, std::vector<uint32_t>> components;
  for (uint32_t i = 0; i < n; ++i) components[uf.Find(i)].push_back(i);

  Clustering out;
  out.cluster_of.assign(n, 0);
  // Deterministic numbering: by smallest member.
  std::vector<uint32_t> roots;
  for (auto& [root, members] : components) roots.push_back(root);
  std::sort(roots.begin(), roots.end());
  // Links grouped by component for the large-component fallback.
  std::unordered_map<uint32_t, std::vector<Link>> comp_links;
  for (const Link& l : strong) comp_links[uf.Find(l.i)].push_back(l);

  for (uint32_t root : roots) {
    const std::vector<uint32_t>& members = components[root];
    bool needs_check = members.size() >= 3 || options.max_per_source > 0;
    if (!needs_check || members.size() == 1) {
      for (uint32_t m : members) out.cluster_of[m] = out.clusters;
      ++out.clusters;
      continue;
    }
    std::vector<int> label;
    if (members.size() <= options.max_exact_component) {
      label = AverageLink(members, source, pair_probability, options);
    } else {
      // Too large for a full matrix: keep the components of links >= average_link among members.
      std::unordered_map<uint32_t, int> local;
      for (size_t a = 0; a < members.size(); ++a) local[members[a]] = static_cast<int>(a);
      UnionFind sub(members.size());
      for (const Link& l : comp_links[root]) {
        if (l.probability >= std::max(options.average_link, 0.9)) sub.Union(local[l.i], local[l.j]);
      }
      label.resize(members.size());
      for (size_t a = 0; a < members.size(); ++a) label[a] = static_cast<int>(sub.Find(a));
    }
    std::unordered_map<int, uint32_t> ids;
    for (size_t a = 0; a < members.size(); ++a) {
      auto [it, inserted] = ids.emplace(label[a], out.clusters);
      if (inserted) ++out.clusters;
      out.cluster_of[members[a]] = it->second;
    }
    if (ids.size() > 1) ++out.split_components;
  }
  for (const Link& l : strong) {
    if (out.cluster_of[l.i] == out.cluster_of[l.j]) out.links.push_back(l);
  }
  return out;
}

}  // namespace recount::linkage
