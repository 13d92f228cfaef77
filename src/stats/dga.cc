#include "stats/dga.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <set>

namespace recount::stats {
namespace {

struct Graph {
  uint32_t adj[5] = {0, 0, 0, 0, 0};  // neighbour masks
};

// Perfect elimination ordering by repeatedly removing a simplicial vertex; returns false when
// the graph is not chordal. For each eliminated vertex v, `later` receives its neighbours among
// the vertices not yet eliminated.
bool EliminationOrder(const Graph& g, int k, std::vector<int>* order,
                      std::vector<uint32_t>* later) {
  uint32_t remaining = (1u << k) - 1;
  order->clear();
  later->clear();
  while (remaining) {
    int found = -1;
    for (int v = 0; v < k && found < 0; ++v) {
      if (!(remaining >> v & 1u)) continue;
      const uint32_t nb = g.adj[v] & remaining;
      bool clique = true;
      for (uint32_t m = nb; m && clique; m &= m - 1) {
        const int u = std::countr_zero(m);
        clique = ((g.adj[u] | (1u << u)) & nb) == nb;
      }
      if (clique) found = v;
    }
    if (found < 0) return false;
    order->push_back(found);
    later->push_back(g.adj[found] & remaining & ~(1u << found));
    remaining &= ~(1u << found);
  }
  return true;
}

double LogSumExp(const std::vector<double>& v) {
  double mx = -INFINITY;
  for (double x : v) mx = std::max(mx, x);
  if (!std::isfinite(mx)) return mx;
  double s = 0;
  for (double x : v) s += std::exp(x - mx);
  return mx + std::log(s);
}

}  // namespace

Result<DgaResult> RunDga(const CaptureTable& table, const DgaOptions& o) {
  const int k = table.num_lists();
  if (k < 3 || k > 5) {
    return InvalidArgument(
        "dga (decomposable graphical models) handles 3 to 5 lists; this table has " +
        std::to_string(k) + ". Merge lists or use --method lcmcr or loglinear");
  }
  const double delta = o.delta > 0 ? o.delta : std::ldexp(1.0, -k);
  if (!(o.max_unobserved_ratio >= 1)) return InvalidArgument("grid bound must be >= 1x observed");
  const std::vector<double> y = table.DenseCounts();
  const double n = static_cast<double>(table.observed());
  const uint32_t cells = 1u << k;

  // Decomposable graphs and their elimination families.
  std::vector<std::pair<int, int>> edges;
  for (int a = 0; a < k; ++a) {
    for (int b = a + 1; b < k; ++b) edges.push_back({a, b});
  }
  struct Family {
    std::vector<uint32_t> plus, minus;  // subsets whose f is added / subtracted
    LoglinearModel model;
  };
  std::vector<Family> graphs;
  for (uint32_t e = 0; e < (1u << edges.size()); ++e) {
    Graph g;
    for (size_t i = 0; i < edges.size(); ++i) {
      if (e >> i & 1u) {
        g.adj[edges[i].first] |= 1u << edges[i].second;
        g.adj[edges[i].second] |= 1u << edges[i].first;
      }
    }
    std::vector<int> order;
    std::vector<uint32_t> later;
    if (!EliminationOrder(g, k, &order, &later)) continue;
    Family f;
    std::vector<uint32_t> cliques;
    for (size_t i = 0; i < order.size(); ++i) {
      f.plus.push_back(later[i] | (1u << order[i]));
      f.minus.push_back(later[i]);
      cliques.push_back(later[i] | (1u << order[i]));
    }
    // Every complete subgraph term becomes an interaction of the equivalent log-linear model.
    std::vector<uint32_t> terms;
    for (uint32_t c : cliques) {
      if (std::popcount(c) >= 2) terms.push_back(c);
    }
    auto m = HierarchicalClosure(k, terms);
    if (m.ok()) {
      f.model = *m;
    } else {
      // The complete graph includes the k-way term, which the log-linear naming rejects; keep
      // the (k-1)-way closure for display and mark it by the full interaction list below.
      std::set<uint32_t> all;
      for (uint32_t c : terms) {
        for (uint32_t s = c; s; s = (s - 1) & c) {
          if (std::popcount(s) >= 2) all.insert(s);
        }
      }
      f.model.interactions.assign(all.begin(), all.end());
    }
    graphs.push_back(std::move(f));
  }

  // Margin constants: for subset S, the cells of the margin not containing the all-zero pattern
  // are fixed; only the "no list in S" cell grows with n0.
  const double alpha_total = delta * cells;
  std::vector<double> const_part(cells), zero_obs(cells), alpha_s(cells);
  for (uint32_t s = 0; s < cells; ++s) {
    const int size = std::popcount(s);
    const double a = delta * std::ldexp(1.0, k - size);
    alpha_s[s] = a;
    std::vector<double> margin(1u << size, 0.0);
    for (uint32_t c = 1; c < cells; ++c) {
      // Index of c's restriction to S within the margin.
      uint32_t idx = 0, bit = 0;
      for (uint32_t m = s; m; m &= m - 1, ++bit) {
        if (c >> std::countr_zero(m) & 1u) idx |= 1u << bit;
      }
      margin[idx] += y[c];
    }
    double cp = 0;
    for (size_t i = 1; i < margin.size(); ++i) cp += std::lgamma(margin[i] + a) - std::lgamma(a);
    const_part[s] = cp;
    zero_obs[s] = margin[0];
  }

  DgaResult r;
  r.graphs = static_cast<int>(graphs.size());
  int64_t grid = static_cast<int64_t>(std::max(5 * n, 2000.0));
  const int64_t grid_cap = static_cast<int64_t>(std::min(o.max_unobserved_ratio * n, 1e8));
  std::vector<std::vector<double>> logw;
  for (;;) {
    grid = std::min(grid, std::max<int64_t>(grid_cap, 1));
    const size_t g1 = static_cast<size_t>(grid) + 1;
    // f(S, n0) for every subset S (f(empty) = lgamma(N + alpha_total) - lgamma(alpha_total)).
    std::vector<std::vector<double>> f(cells, std::vector<double>(g1));
    for (uint32_t s = 0; s < cells; ++s) {
      for (size_t i = 0; i < g1; ++i) {
        const double n0 = static_cast<double>(i);
        f[s][i] = s == 0 ? std::lgamma(n + n0 + alpha_total) - std::lgamma(alpha_total)
                         : const_part[s] + std::lgamma(zero_obs[s] + n0 + alpha_s[s]) -
                               std::lgamma(alpha_s[s]);
      }
    }
    std::vector<double> common(g1);
    double ly = 0;
    for (uint32_t c = 1; c < cells; ++c) ly += std::lgamma(y[c] + 1);
    for (size_t i = 0; i < g1; ++i) {
      const double n0 = static_cast<double>(i);
      // Multinomial coefficient and the prior p(N) ~ 1/N (dga's default).
      common[i] = std::lgamma(n + n0 + 1) - ly - std::lgamma(n0 + 1) - std::log(n + n0);
    }
    logw.assign(graphs.size(), std::vector<double>(g1));
    for (size_t gi = 0; gi < graphs.size(); ++gi) {
      auto& w = logw[gi];
      w = common;
      for (uint32_t s : graphs[gi].plus) {
        for (size_t i = 0; i < g1; ++i) w[i] += f[s][i];
      }
      for (uint32_t s : graphs[gi].minus) {
        for (size_t i = 0; i < g1; ++i) w[i] -= f[s][i];
      }
    }
    // Mass in the last 10% of the grid, relative to the total.
    double mx = -INFINITY;
    for (const auto& w : logw) mx = std::max(mx, *std::max_element(w.begin(), w.end()));
    double total = 0, tail = 0;
    const size_t tail_start = g1 - g1 / 10;
    for (const auto& w : logw) {
      for (size_t i = 0; i < g1; ++i) {
        const double p = std::exp(w[i] - mx);
        total += p;
        if (i >= tail_start) tail += p;
      }
    }
    if (tail <= 1e-6 * total) break;
    if (grid >= grid_cap) {
      r.truncated = true;
      break;
    }
    grid *= 2;
  }
  r.grid_max = grid;
  const size_t g1 = static_cast<size_t>(grid) + 1;
  std::vector<double> graph_lw(graphs.size());
  for (size_t gi = 0; gi < graphs.size(); ++gi) graph_lw[gi] = LogSumExp(logw[gi]);
  const double lz = LogSumExp(graph_lw);
  r.posterior.assign(g1, 0.0);
  auto quantile = [&](const std::vector<double>& p, double q) {
    double c = 0;
    for (size_t i = 0; i < p.size(); ++i) {
      c += p[i];
      if (c >= q) return n + static_cast<double>(i);
    }
    return n + static_cast<double>(p.size() - 1);
  };
  for (size_t gi = 0; gi < graphs.size(); ++gi) {
    DgaModel m;
    m.model = graphs[gi].model;
    m.weight = std::exp(graph_lw[gi] - lz);
    std::vector<double> pg(g1);
    for (size_t i = 0; i < g1; ++i) {
      pg[i] = std::exp(logw[gi][i] - graph_lw[gi]);
      r.posterior[i] += m.weight * pg[i];
    }
    m.median = quantile(pg, 0.5);
    r.models.push_back(std::move(m));
  }
  std::sort(r.models.begin(), r.models.end(),
            [](const DgaModel& a, const DgaModel& b) { return a.weight > b.weight; });
  const double tl = (1 - o.level) / 2;
  r.median = quantile(r.posterior, 0.5);
  r.lower = quantile(r.posterior, tl);
  r.upper = quantile(r.posterior, 1 - tl);
  for (size_t i = 0; i < g1; ++i) r.mean += r.posterior[i] * (n + static_cast<double>(i));
  return r;
}

}  // namespace recount::stats
