#include "stats/lcmcr.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <sstream>
#include <thread>

namespace recount::stats {

LcmcrSampler::LcmcrSampler(const CaptureTable& table, const LcmcrOptions& o, uint64_t stream_seed)
    : k_(o.classes),
      j_(table.num_lists()),
      observed_(table.observed()),
      a_alpha_(o.a_alpha),
      b_alpha_(o.b_alpha),
      a_lambda_(o.a_lambda),
      b_lambda_(o.b_lambda),
      rng_(stream_seed) {
  for (const PatternCount& p : table.patterns()) {
    masks_.push_back(p.mask);
    counts_.push_back(p.count);
  }
  const double cap = o.max_unobserved_ratio * static_cast<double>(observed_);
  cap_ = cap > 4e18 ? int64_t{4000000000000000000} : static_cast<int64_t>(cap);
  // Start as Manrique-Vallier's implementation does: every class at the lists' marginal capture
  // rates, most weight on a few classes, a small fixed alpha for a warm-up, then classes ordered
  // by weight. This only chooses the starting point; burn-in follows.
  lambda_.resize(static_cast<size_t>(k_) * j_);
  for (int j = 0; j < j_; ++j) {
    int64_t on = 0;
    for (size_t p = 0; p < masks_.size(); ++p) on += (masks_[p] >> j & 1u) ? counts_[p] : 0;
    const double rate =
        std::clamp(static_cast<double>(on) / static_cast<double>(observed_), 1e-6, 1 - 1e-6);
    for (int k = 0; k < k_; ++k) lambda_[k * j_ + j] = rate;
  }
  pi_.assign(k_, 1.0 / k_);
  if (k_ > 4) {
    for (int k = 0; k < k_; ++k) pi_[k] = k < 4 ? 0.225 : 0.1 / (k_ - 4);
  }
  n0_ = 0;
  // Classes padded to a fixed lane count (8 or 16) when K <= 16, so the per-pattern product runs
  // in registers; padded classes have weight 0 and odds 1 and are never visited.
  lanes_ = k_ <= 8 ? 8 : (k_ <= 16 ? 16 : k_);
  odds_.assign(static_cast<size_t>(lanes_) * j_, 1.0);
  base_.assign(lanes_, 0.0);
  w_.assign(lanes_, 0.0);
  suffix_.resize(2 * k_ + 1);
  order_.resize(k_);
  for (int k = 0; k < k_; ++k) order_[k] = k;
  class_total_.resize(k_);
  ones_.assign(static_cast<size_t>(j_) * k_, 0);
  alloc_.assign(k_, 0);
  const double a_alpha = a_alpha_, b_alpha = b_alpha_;
  alpha_ = 0.3 / k_;
  update_alpha_ = false;
  for (int i = 0; i < o.warm_up; ++i) Sweep();
  update_alpha_ = true;
  a_alpha_ = a_alpha;
  b_alpha_ = b_alpha;
  // Reorder classes by decreasing weight (a relabelling of the starting state).
  std::vector<int> order(k_);
  for (int k = 0; k < k_; ++k) order[k] = k;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) { return pi_[a] > pi_[b]; });
  std::vector<double> lambda(lambda_.size()), pi(k_);
  for (int k = 0; k < k_; ++k) {
    pi[k] = pi_[order[k]];
    for (int j = 0; j < j_; ++j) lambda[k * j_ + j] = lambda_[order[k] * j_ + j];
  }
  lambda_ = std::move(lambda);
  pi_ = std::move(pi);
}

namespace {

// w = base * product over the lists in `mask` of their odds, for L classes (padded) at once; the
// accumulator stays in registers.
template <int L>
void PatternWeights(uint32_t mask, const double* base, const double* odds, double* w) {
  double acc[L];
  for (int k = 0; k < L; ++k) acc[k] = base[k];
  for (uint32_t m = mask; m; m &= m - 1) {
    const double* r = odds + static_cast<size_t>(__builtin_ctz(m)) * L;
    for (int k = 0; k < L; ++k) acc[k] *= r[k];
  }
  for (int k = 0; k < L; ++k) w[k] = acc[k];
}

// sum of w[0..n) with four accumulators (a sequential sum is a chain of n dependent additions).
double SumWeights(const double* w, int n) {
  double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
  int k = 0;
  for (; k + 4 <= n; k += 4) {
    s0 += w[k];
    s1 += w[k + 1];
    s2 += w[k + 2];
    s3 += w[k + 3];
  }
  for (; k < n; ++k) s0 += w[k];
  return (s0 + s1) + (s2 + s3);
}

}  // namespace

// Splits `count` persons among the classes with probabilities w / sum(w): one multinomial draw,
// classes visited by decreasing pi (order_, set once per sweep) so that the heavy classes take
// binomial shares first and the light tail is reached only by the few persons left over.
void LcmcrSampler::Allocate(int64_t count, const double* w, int64_t* out) {
  rng_.Multinomial(count, w, order_.data(), k_, out, suffix_.data());
}

void LcmcrSampler::Sweep() {
  // Per-class probability of escaping every list, q_k = prod_j (1 - lambda_kj), and the odds
  // lambda / (1 - lambda), stored list-major (odds_[j * lanes_ + k]) so that the product over a
  // pattern's lists runs over contiguous classes and vectorises. No log or exp per pattern.
  for (int k = 0; k < k_; ++k) {
    double q = 1;
    for (int j = 0; j < j_; ++j) {
      const double l = lambda_[k * j_ + j];
      q *= 1 - l;
      odds_[j * lanes_ + k] = l / (1 - l);
    }
    base_[k] = pi_[k] * q;
  }
  // Visit classes by decreasing weight in every multinomial split of this sweep: an insertion sort
  // starting from the previous sweep's order, which the weights rarely change by much.
  for (int i = 1; i < k_; ++i) {
    const int c = order_[i];
    int t = i;
    for (; t > 0 && pi_[order_[t - 1]] < pi_[c]; --t) order_[t] = order_[t - 1];
    order_[t] = c;
  }
  std::fill(class_total_.begin(), class_total_.end(), 0);
  std::fill(ones_.begin(), ones_.end(), 0);

  // n0 | rest ~ NegBin(observed, 1 - p0) under p(N) ~ 1/N, drawn as a gamma-Poisson mixture.
  double p0 = 0;
  for (int k = 0; k < k_; ++k) p0 += base_[k];
  p0 = std::min(p0, 1.0 - 1e-15);
  const double g = rng_.Gamma(static_cast<double>(observed_)) * (p0 / (1 - p0));
  at_bound_ = false;
  if (g >= static_cast<double>(cap_)) {
    n0_ = cap_;
    at_bound_ = true;
  } else {
    n0_ = rng_.Poisson(g);
    if (n0_ >= cap_) {
      n0_ = cap_;
      at_bound_ = true;
    }
  }
  // The n0 unobserved persons are split among the classes by one multinomial draw.
  if (n0_ > 0) {
    Allocate(n0_, base_.data(), alloc_.data());
    for (int k = 0; k < k_; ++k) class_total_[k] += alloc_[k];
  }

  // Observed patterns: class weights pi_k * q_k * prod over captured lists of the odds.
  double* w = w_.data();
  const double* odds = odds_.data();
  for (size_t p = 0; p < masks_.size(); ++p) {
    const uint32_t mask = masks_[p];
    switch (lanes_) {
      case 8:
        PatternWeights<8>(mask, base_.data(), odds, w);
        break;
      case 16:
        PatternWeights<16>(mask, base_.data(), odds, w);
        break;
      default:
        std::copy(base_.begin(), base_.end(), w);
        for (uint32_t m = mask; m; m &= m - 1) {
          const double* r = odds + static_cast<size_t>(__builtin_ctz(m)) * lanes_;
          for (int k = 0; k < k_; ++k) w[k] *= r[k];
        }
    }
    double wsum = SumWeights(w, k_);
    if (!(wsum > 1e-290) || !std::isfinite(wsum)) {
      // Under- or overflow with many lists: redo in log space, rescaled by the maximum.
      double mx = -INFINITY;
      for (int k = 0; k < k_; ++k) {
        double lw = std::log(pi_[k]);
        for (int j = 0; j < j_; ++j) {
          const double l = lambda_[k * j_ + j];
          lw += (mask >> j & 1u) ? std::log(l) : std::log1p(-l);
        }
        w[k] = lw;
        mx = std::max(mx, lw);
      }
      wsum = 0;
      for (int k = 0; k < k_; ++k) wsum += (w[k] = std::exp(w[k] - mx));
    }
    if (counts_[p] == 1) {
      // A pattern seen once (most patterns when there are many lists): one categorical draw.
      const int k = order_[rng_.Categorical(w, order_.data(), k_, wsum)];
      ++class_total_[k];
      for (uint32_t m = mask; m; m &= m - 1)
        ++ones_[static_cast<size_t>(__builtin_ctz(m)) * k_ + k];
      continue;
    }
    int64_t* alloc = alloc_.data();
    Allocate(counts_[p], w, alloc);
    // Tallies stored list-major (ones_[j * k_ + k]): the pattern's split is added, as one
    // vector over the classes, to the class totals and to each of its lists' rows; no branch on
    // which classes were drawn.
    for (int k = 0; k < k_; ++k) class_total_[k] += alloc[k];
    for (uint32_t m = mask; m; m &= m - 1) {
      int64_t* ones = &ones_[static_cast<size_t>(__builtin_ctz(m)) * k_];
      for (int k = 0; k < k_; ++k) ones[k] += alloc[k];
    }
  }

  // lambda | allocations.
  for (int k = 0; k < k_; ++k) {
    const double total = static_cast<double>(class_total_[k]);
    for (int j = 0; j < j_; ++j) {
      const double s = static_cast<double>(ones_[j * k_ + k]);
      const double l = rng_.Beta(a_lambda_ + s, b_lambda_ + total - s);
      lambda_[k * j_ + j] = std::clamp(l, 1e-12, 1 - 1e-12);
    }
  }

  // Stick-breaking weights and alpha. sum_k log(1 - V_k) is taken as the log of the running
  // product (one log per sweep instead of K - 1), renormalised before it could underflow.
  int64_t tail = 0;
  for (int k = 0; k < k_; ++k) tail += class_total_[k];
  double rest = 1;
  double prod1m = 1, sum_log1m = 0;
  for (int k = 0; k < k_ - 1; ++k) {
    tail -= class_total_[k];
    double v =
        rng_.Beta(1.0 + static_cast<double>(class_total_[k]), alpha_ + static_cast<double>(tail));
    v = std::min(v, 1 - 1e-15);
    pi_[k] = v * rest;
    rest *= 1 - v;
    prod1m *= 1 - v;
    if (prod1m < 1e-250) {
      sum_log1m += std::log(prod1m);
      prod1m = 1;
    }
  }
  sum_log1m += std::log(prod1m);
  pi_[k_ - 1] = rest;
  if (update_alpha_) {
    alpha_ = rng_.Gamma(a_alpha_ + k_ - 1) / (b_alpha_ - sum_log1m);
    alpha_ = std::max(alpha_, 1e-10);
  }
}

Result<LcmcrResult> RunLcmcr(const CaptureTable& table, const LcmcrOptions& o) {
  if (o.classes < 1 || o.classes > 1000) {
    return InvalidArgument("--classes must be between 1 and 1000, got " +
                           std::to_string(o.classes));
  }
  if (o.iterations < 100) return InvalidArgument("--iterations must be at least 100");
  if (o.burn_in < 0) return InvalidArgument("--burn-in must not be negative");
  if (o.chains < 1 || o.chains > 64) return InvalidArgument("--chains must be between 1 and 64");
  if (o.thin < 1) return InvalidArgument("thinning must be at least 1");
  if (!(o.a_alpha > 0 && o.b_alpha > 0 && o.a_lambda > 0 && o.b_lambda > 0)) {
    return InvalidArgument("LCMCR prior parameters must be positive");
  }
  if (!(o.max_unobserved_ratio >= 1)) {
    return InvalidArgument("the bound on the unobserved count must be at least 1x observed");
  }
  LcmcrResult r;
  r.chains.assign(o.chains, std::vector<double>(o.iterations));
  std::vector<int64_t> hits(o.chains, 0);
  const double n = static_cast<double>(table.observed());
  std::atomic<int> next{0};
  auto worker = [&] {
    for (int c; (c = next.fetch_add(1)) < o.chains;) {
      LcmcrSampler s(table, o, StreamSeed(o.seed, static_cast<uint64_t>(c)));
      for (int i = 0; i < o.burn_in; ++i) s.Sweep();
      for (int i = 0; i < o.iterations; ++i) {
        for (int t = 0; t < o.thin; ++t) s.Sweep();
        r.chains[c][i] = n + static_cast<double>(s.unobserved());
        hits[c] += s.at_bound() ? 1 : 0;
      }
    }
  };
  int threads = o.threads > 0 ? o.threads : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::max(1, std::min(threads, o.chains));
  std::vector<std::thread> pool;
  for (int t = 0; t < threads; ++t) pool.emplace_back(worker);
  for (auto& t : pool) t.join();

  std::vector<double> all;
  all.reserve(static_cast<size_t>(o.chains) * o.iterations);
  for (const auto& c : r.chains) all.insert(all.end(), c.begin(), c.end());
  const double tail = (1 - o.level) / 2;
  r.median = Quantile(all, 0.5);
  r.lower = Quantile(all, tail);
  r.upper = Quantile(all, 1 - tail);
  double sum = 0;
  for (double x : all) sum += x;
  r.mean = sum / static_cast<double>(all.size());
  r.diagnostics = DiagnoseChains(r.chains);
  const double cap = o.max_unobserved_ratio * n;
  r.bound = static_cast<int64_t>(std::min(cap, 4e18));
  int64_t total_hits = 0;
  for (int64_t h : hits) total_hits += h;
  r.fraction_at_bound = static_cast<double>(total_hits) / static_cast<double>(all.size());

  std::ostringstream w;
  if (o.chains > 1 && r.diagnostics.rhat > 1.05) {
    w << "LCMCR chains disagree (split R-hat " << std::fixed;
    w.precision(2);
    w << r.diagnostics.rhat
      << " > 1.05): the posterior is not reliable; run longer chains or treat the estimate as "
         "unidentified by these data";
    r.warnings.push_back(w.str());
  }
  if (o.chains > 1) {
    const auto& med = r.diagnostics.chain_medians;
    const double lo = *std::min_element(med.begin(), med.end());
    const double hi = *std::max_element(med.begin(), med.end());
    if (hi > 1.1 * lo) {
      std::ostringstream s;
      s.precision(0);
      s << std::fixed << "LCMCR chain medians differ by more than 10% (" << lo << " to " << hi
        << "): chains disagree";
      r.warnings.push_back(s.str());
    }
  }
  if (r.diagnostics.ess_bulk < 400) {
    std::ostringstream s;
    s.precision(0);
    s << std::fixed << "LCMCR effective sample size is only " << r.diagnostics.ess_bulk
      << " (< 400): run more iterations";
    r.warnings.push_back(s.str());
  }
  if (total_hits > 0) {
    std::ostringstream s;
    s.precision(2);
    s << "LCMCR posterior presses against the bound on the unobserved count ("
      << o.max_unobserved_ratio << "x observed = " << r.bound << "): " << 100 * r.fraction_at_bound
      << "% of draws hit it; the data do not bound the estimate from above";
    r.warnings.push_back(s.str());
  }
  return r;
}

}  // namespace recount::stats
