#include "stats/diagnostics.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace recount::stats {
namespace {

double Mean(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double Variance(const std::vector<double>& v) {
  const double m = Mean(v);
  double s = 0;
  for (double x : v) s += (x - m) * (x - m);
  return s / static_cast<double>(v.size() - 1);
}

// Replaces each draw by the normal score of its rank in the pooled sample (average rank for
// ties), as in Vehtari et al. (2021), eq. 14.
std::vector<std::vector<double>> RankNormalise(const std::vector<std::vector<double>>& chains) {
  std::vector<std::pair<double, size_t>> all;
  size_t total = 0;
  for (const auto& c : chains) total += c.size();
  all.reserve(total);
  for (size_t m = 0; m < chains.size(); ++m) {
    for (size_t i = 0; i < chains[m].size(); ++i) all.push_back({chains[m][i], all.size()});
  }
  std::vector<double> flat(total);
  std::sort(all.begin(), all.end());
  const double s = static_cast<double>(total);
  for (size_t i = 0; i < total;) {
    size_t j = i;
    while (j < total && all[j].first == all[i].first) ++j;
    const double rank = 0.5 * static_cast<double>(i + 1 + j);  // average 1-based rank
    const double z = NormalQuantile((rank - 0.375) / (s + 0.25));
    for (size_t t = i; t < j; ++t) flat[all[t].second] = z;
    i = j;
  }
  std::vector<std::vector<double>> out;
  size_t pos = 0;
  for (const auto& c : chains) {
    out.emplace_back(flat.begin() + pos, flat.begin() + pos + c.size());
    pos += c.size();
  }
  return out;
}

std::vector<std::vector<double>> Split(const std::vector<std::vector<double>>& chains) {
  std::vector<std::vector<double>> out;
  for (const auto& c : chains) {
    const size_t h = c.size() / 2;
    out.emplace_back(c.begin(), c.begin() + h);
    out.emplace_back(c.end() - h, c.end());
  }
  return out;
}

double SplitRhat(const std::vector<std::vector<double>>& split) {
  const double n = static_cast<double>(split[0].size());
  std::vector<double> means, vars;
  for (const auto& c : split) {
    means.push_back(Mean(c));
    vars.push_back(Variance(c));
  }
  const double w = Mean(vars);
  const double b = n * Variance(means);
  if (w <= 0) return b > 0 ? INFINITY : 1.0;
  const double var_plus = (n - 1) / n * w + b / n;
  return std::sqrt(var_plus / w);
}

double Ess(const std::vector<std::vector<double>>& split) {
  const size_t m = split.size();
  const size_t n = split[0].size();
  std::vector<double> means(m), vars(m);
  for (size_t c = 0; c < m; ++c) {
    means[c] = Mean(split[c]);
    vars[c] = Variance(split[c]);
  }
  const double w = Mean(vars);
  const double dn = static_cast<double>(n);
  const double var_plus = (dn - 1) / dn * w + (m > 1 ? Variance(means) : 0.0);
  if (var_plus <= 0) return static_cast<double>(m * n);
  auto rho = [&](size_t lag) {
    double acov = 0;
    for (size_t c = 0; c < m; ++c) {
      const auto& x = split[c];
      double s = 0;
      for (size_t i = 0; i + lag < n; ++i) s += (x[i] - means[c]) * (x[i + lag] - means[c]);
      acov += s / dn;
    }
    acov /= static_cast<double>(m);
    return 1 - (w - acov) / var_plus;
  };
  // Geyer's initial positive and monotone sequence of paired autocorrelations.
  double tau = -1;
  double prev_pair = INFINITY;
  const size_t max_lag = std::min<size_t>(n - 1, 20000);
  for (size_t t = 0; t + 1 < max_lag; t += 2) {
    double pair = rho(t) + rho(t + 1);
    if (pair < 0) break;
    pair = std::min(pair, prev_pair);
    prev_pair = pair;
    tau += 2 * pair;
  }
  tau = std::max(tau, 1.0 / std::log10(static_cast<double>(m * n)));
  return static_cast<double>(m * n) / tau;
}

}  // namespace

double NormalQuantile(double p) {
  if (p <= 0) return -INFINITY;
  if (p >= 1) return INFINITY;
  // Start from a logistic approximation and polish with Newton steps on Phi(z) - p.
  double z = std::log(p / (1 - p)) / 1.702;
  for (int i = 0; i < 50; ++i) {
    const double cdf = 0.5 * std::erfc(-z / std::sqrt(2.0));
    const double pdf = std::exp(-0.5 * z * z) / std::sqrt(2 * M_PI);
    if (pdf < 1e-300) break;
    const double step = (cdf - p) / pdf;
    z -= std::clamp(step, -1.0, 1.0);
    if (std::fabs(step) < 1e-13 * (1 + std::fabs(z))) break;
  }
  return z;
}

double Quantile(std::vector<double> draws, double p) {
  if (draws.empty()) return NAN;
  const double pos = p * static_cast<double>(draws.size() - 1);
  const size_t i = static_cast<size_t>(std::floor(pos));
  std::nth_element(draws.begin(), draws.begin() + i, draws.end());
  const double lo = draws[i];
  if (i + 1 >= draws.size()) return lo;
  const double hi = *std::min_element(draws.begin() + i + 1, draws.end());
  return lo + (pos - static_cast<double>(i)) * (hi - lo);
}

ChainDiagnostics DiagnoseChains(const std::vector<std::vector<double>>& chains) {
  ChainDiagnostics d;
  for (const auto& c : chains) d.chain_medians.push_back(Quantile(c, 0.5));
  if (chains.empty() || chains[0].size() < 4) return d;
  auto split = Split(RankNormalise(chains));
  d.rhat = SplitRhat(split);
  d.ess_bulk = Ess(split);
  return d;
}

}  // namespace recount::stats
