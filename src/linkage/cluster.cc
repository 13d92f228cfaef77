#include "linkage/cluster.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "linkage/union_find.h"

namespace recount::linkage {

namespace {

// Log Bayes factor of a pair (natural log): its log posterior odds less the prior's. The log odds
// are clamped to what every caller can represent: Probability() saturates at 2^-60, and callers
// that keep probabilities as 32-bit floats (stored pairs in incremental linking) round anything
// above 1 - 2^-24 to 1. Without the upper clamp an incremental run, reading stored floats, would
// see far stronger best links than the full run that computed them in double precision.
double LogBayesFactor(double p, double prior_log_odds) {
  constexpr double kMinLogOdds = -41.6;  // -60 ln 2
  constexpr double kMaxLogOdds = 16.6;   // 24 ln 2
  const double lo = p <= 0 ? kMinLogOdds : p >= 1 ? kMaxLogOdds : std::log(p / (1 - p));
  return std::clamp(lo, kMinLogOdds, kMaxLogOdds) - prior_log_odds;
}

// Agglomeration inside one component of k records with a full probability matrix
// (k <= max_exact_component); returns a group label per member. docs/linkage.md#clustering.
//   kPosterior: score(A, B) = prior log odds + max over pairs between A and B of the log Bayes
//     factor + sum over those pairs of the negative log Bayes factors; merge while >= the link
//     threshold's log odds.
//   kAverageProbability: score(A, B) = mean probability of the pairs between A and B; merge while
//     >= average_link.
// The highest-scoring admissible pair of groups is merged first.
std::vector<int> AverageLink(const std::vector<uint32_t>& members, const std::vector<int>& source,
                             const std::function<double(uint32_t, uint32_t)>& prob,
                             const ClusterOptions& options) {
  const size_t k = members.size();
  const bool posterior =
      options.merge == ClusterOptions::Merge::kPosterior && options.prior_log_odds != 0.0;
  // posterior: best[] is the largest log Bayes factor between two groups and sum[] the sum of
  // their negative ones. Otherwise sum[] is the sum of the probabilities between the groups.
  std::vector<double> sum(k * k, 0.0), best_bf;
  if (posterior) best_bf.assign(k * k, 0.0);
  for (size_t a = 0; a < k; ++a) {
    for (size_t b = a + 1; b < k; ++b) {
      const double p = prob(members[a], members[b]);
      if (posterior) {
        const double bf = LogBayesFactor(p, options.prior_log_odds);
        best_bf[a * k + b] = best_bf[b * k + a] = bf;
        sum[a * k + b] = sum[b * k + a] = std::min(bf, 0.0);
      } else {
        sum[a * k + b] = sum[b * k + a] = p;
      }
    }
  }
  const double bar =
      posterior ? std::log(options.threshold / (1 - options.threshold)) : options.average_link;
  std::vector<int> size(k, 1), label(k);
  std::iota(label.begin(), label.end(), 0);
  std::vector<bool> alive(k, true);
  std::vector<std::unordered_map<int, int>> per_source(k);
  for (size_t a = 0; a < k; ++a) per_source[a][source[members[a]]] = 1;
  while (true) {
    double best = -HUGE_VAL;
    size_t ba = 0, bb = 0;
    for (size_t a = 0; a < k; ++a) {
      if (!alive[a]) continue;
      for (size_t b = a + 1; b < k; ++b) {
        if (!alive[b]) continue;
        const double score = posterior
                                 ? options.prior_log_odds + best_bf[a * k + b] + sum[a * k + b]
                                 : sum[a * k + b] / (static_cast<double>(size[a]) * size[b]);
        if (score <= best) continue;
        if (options.max_per_source > 0) {
          bool ok = true;
          for (const auto& [s, c] : per_source[b]) {
            auto it = per_source[a].find(s);
            if (it != per_source[a].end() && it->second + c > options.max_per_source) ok = false;
          }
          if (!ok) continue;
        }
        best = score, ba = a, bb = b;
      }
    }
    if (best < bar) break;
    // Merge bb into ba.
    for (size_t c = 0; c < k; ++c) {
      if (c == ba || c == bb || !alive[c]) continue;
      sum[ba * k + c] = sum[c * k + ba] = sum[ba * k + c] + sum[bb * k + c];
      if (posterior) {
        best_bf[ba * k + c] = best_bf[c * k + ba] =
            std::max(best_bf[ba * k + c], best_bf[bb * k + c]);
      }
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
      // Too large for a full matrix: keep the components of links >= 0.9 among members.
      std::unordered_map<uint32_t, int> local;
      for (size_t a = 0; a < members.size(); ++a) local[members[a]] = static_cast<int>(a);
      UnionFind sub(members.size());
      for (const Link& l : comp_links[root]) {
        if (l.probability >= 0.9) sub.Union(local[l.i], local[l.j]);
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
