#include "stats/mse.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "stats/chao.h"
#include "stats/diagnostics.h"
#include "stats/random.h"

namespace recount::stats {
namespace {

std::string Num(double x) {
  std::ostringstream s;
  s.precision(0);
  s << std::fixed << x;
  return s.str();
}

// Keeps at most `max` draws, evenly spaced, so strata sums stay cheap.
std::vector<double> Thin(const std::vector<double>& draws, int max) {
  if (static_cast<int>(draws.size()) <= max) return draws;
  std::vector<double> out;
  const double step = static_cast<double>(draws.size()) / max;
  for (int i = 0; i < max; ++i) out.push_back(draws[static_cast<size_t>(i * step)]);
  return out;
}

Estimate RunLoglinearMethod(const CaptureTable& table, const MseOptions& o) {
  Estimate e;
  e.method = Method::kLoglinear;
  e.observed = table.observed();
  SelectionOptions so = o.loglinear;
  if (o.stop) so.stop = o.stop;
  auto sel = SelectLoglinear(table, so);
  if (!sel.ok()) {
    e.error = sel.status().message();
    return e;
  }
  const LoglinearFit& best = sel->ranked[0];
  e.ok = true;
  e.point = best.total;
  e.point_kind = "maximum likelihood";
  const std::string crit(CriterionName(sel->criterion));
  for (size_t i = 0; i < sel->ranked.size() && static_cast<int>(i) < o.top_models; ++i) {
    const LoglinearFit& f = sel->ranked[i];
    e.models.push_back({ModelName(table, f.model), f.criterion(sel->criterion), f.total});
  }
  auto prof = ProfileLikelihoodInterval(table, best.model);
  if (prof.ok()) {
    e.lower = prof->interval.lower;
    e.upper = prof->interval.upper;
    e.upper_unbounded = prof->interval.upper_unbounded;
    e.interval_kind = "profile likelihood 95%";
  } else {
    e.warnings.push_back("log-linear: no profile interval: " + prof.status().message());
  }
  e.diagnostics.push_back({"models_considered", static_cast<double>(sel->models_considered)});
  e.diagnostics.push_back(
      {"models_without_estimate", static_cast<double>(sel->models_without_estimate)});
  e.diagnostics.push_back({"max_order", static_cast<double>(sel->max_order)});
  e.diagnostics.push_back({crit, best.criterion(sel->criterion)});
  e.diagnostics.push_back({"deviance", best.deviance});
  e.diagnostics.push_back({"residual_df", static_cast<double>(best.residual_df)});
  if (sel->stepwise) {
    e.warnings.push_back("log-linear: too many hierarchical models to enumerate (more than " +
                         std::to_string(o.loglinear.max_models) +
                         "); a stepwise search was used, which may miss the best model");
  }
  if (sel->models_without_estimate > 0) {
    e.warnings.push_back("log-linear: " + std::to_string(sel->models_without_estimate) + " of " +
                         std::to_string(sel->models_considered) +
                         " models have no finite estimate (zero cells) and were left out");
  }
  // Model uncertainty: a close competitor (criterion within 2) with a very different estimate.
  for (size_t i = 1; i < sel->ranked.size() && i < 20; ++i) {
    const LoglinearFit& f = sel->ranked[i];
    if (f.criterion(sel->criterion) - best.criterion(sel->criterion) > 2) break;
    const double ratio = std::max(f.total, best.total) / std::min(f.total, best.total);
    if (ratio > 1.25) {
      e.warnings.push_back("log-linear: model " + ModelName(table, f.model) +
                           " fits almost as well (" + crit + " within 2) but gives " +
                           Num(f.total) + " instead of " + Num(best.total) +
                           ": model choice matters on this table");
      break;
    }
  }
  if (e.upper_unbounded) {
    e.warnings.push_back("log-linear: the profile likelihood does not bound N from above");
  }
  if (o.bootstrap) {
    BootstrapOptions bo;
    bo.replicates = o.bootstrap_replicates;
    bo.seed = StreamSeed(o.seed, 1000);
    bo.threads = o.threads;
    bo.stop = o.stop;
    auto boot = BootstrapLoglinear(table, best, bo);
    if (boot.ok()) {
      e.diagnostics.push_back({"bootstrap_lower", boot->interval.lower});
      e.diagnostics.push_back({"bootstrap_upper", boot->interval.upper});
      e.diagnostics.push_back({"bootstrap_failed", static_cast<double>(boot->failed)});
      for (double t : boot->totals) {
        if (std::isfinite(t)) e.draws.push_back(t);
      }
      e.draws = Thin(e.draws, o.max_draws);
    } else {
      e.warnings.push_back("log-linear: bootstrap failed: " + boot.status().message());
    }
  }
  return e;
}

Estimate RunLcmcrMethod(const CaptureTable& table, const MseOptions& o, Status* bad) {
  Estimate e;
  e.method = Method::kLcmcr;
  e.observed = table.observed();
  LcmcrOptions lo = o.lcmcr;
  lo.seed = o.seed;
  if (o.threads > 0) lo.threads = o.threads;
  auto r = RunLcmcr(table, lo);
  if (!r.ok()) {
    *bad = r.status();
    return e;
  }
  e.ok = true;
  e.point = r->median;
  e.lower = r->lower;
  e.upper = r->upper;
  e.point_kind = "posterior median";
  e.interval_kind = "posterior 95% credible";
  e.models.push_back(
      {"DP mixture of " + std::to_string(lo.classes) + " latent classes", 0, r->median});
  e.diagnostics.push_back({"rhat", r->diagnostics.rhat});
  e.diagnostics.push_back({"ess_bulk", r->diagnostics.ess_bulk});
  e.diagnostics.push_back({"chains", static_cast<double>(lo.chains)});
  e.diagnostics.push_back({"iterations_per_chain", static_cast<double>(lo.iterations)});
  e.diagnostics.push_back({"burn_in", static_cast<double>(lo.burn_in)});
  for (size_t c = 0; c < r->diagnostics.chain_medians.size(); ++c) {
    e.diagnostics.push_back(
        {"chain_" + std::to_string(c + 1) + "_median", r->diagnostics.chain_medians[c]});
  }
  e.diagnostics.push_back({"unobserved_bound", static_cast<double>(r->bound)});
  e.diagnostics.push_back({"fraction_at_bound", r->fraction_at_bound});
  e.warnings = r->warnings;
  std::vector<double> all;
  for (const auto& c : r->chains) all.insert(all.end(), c.begin(), c.end());
  e.draws = Thin(all, o.max_draws);
  return e;
}

Estimate RunDgaMethod(const CaptureTable& table, const MseOptions& o) {
  Estimate e;
  e.method = Method::kDga;
  e.observed = table.observed();
  auto r = RunDga(table, o.dga);
  if (!r.ok()) {
    e.error = r.status().message();
    return e;
  }
  e.ok = true;
  e.point = r->median;
  e.lower = r->lower;
  e.upper = r->upper;
  e.point_kind = "posterior median";
  e.interval_kind = "posterior 95% credible";
  for (size_t i = 0; i < r->models.size() && static_cast<int>(i) < o.top_models; ++i) {
    e.models.push_back(
        {ModelName(table, r->models[i].model), r->models[i].weight, r->models[i].median});
  }
  e.diagnostics.push_back({"graphs", static_cast<double>(r->graphs)});
  e.diagnostics.push_back(
      {"delta", o.dga.delta > 0 ? o.dga.delta : std::ldexp(1.0, -table.num_lists())});
  e.diagnostics.push_back({"grid_max_unobserved", static_cast<double>(r->grid_max)});
  if (r->truncated) {
    e.warnings.push_back(
        "dga: the posterior of N still has mass at the end of the grid (" +
        Num(static_cast<double>(r->grid_max)) +
        " unobserved); some graphs (often the complete one) leave N unbounded, so the upper "
        "tail depends on the grid");
  }
  // Draws from the discrete posterior by inversion, for stratum sums.
  Rng rng(StreamSeed(o.seed, 2000));
  std::vector<double> cdf(r->posterior.size());
  double c = 0;
  for (size_t i = 0; i < cdf.size(); ++i) cdf[i] = (c += r->posterior[i]);
  for (int i = 0; i < o.max_draws; ++i) {
    const double u = rng.Uniform() * c;
    const size_t idx = std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin();
    e.draws.push_back(static_cast<double>(e.observed) + static_cast<double>(idx));
  }
  return e;
}

Estimate RunChaoMethod(const CaptureTable& table, const MseOptions& o) {
  Estimate e;
  e.method = Method::kChao;
  e.observed = table.observed();
  auto r = ChaoLowerBound(table);
  if (!r.ok()) {
    e.error = r.status().message();
    return e;
  }
  e.ok = true;
  e.point = r->total;
  e.lower = r->lower;
  e.upper = r->upper;
  e.point_kind = "lower bound";
  e.interval_kind = "log-normal 95%";
  e.models.push_back(
      {r->bias_corrected ? "Chao (1987), bias-corrected (f2 = 0)" : "Chao (1987) lower bound", 0,
       r->total});
  e.diagnostics.push_back({"f1", static_cast<double>(r->f1)});
  e.diagnostics.push_back({"f2", static_cast<double>(r->f2)});
  e.diagnostics.push_back({"std_error", r->std_error});
  // Approximate draws from the log-normal that defines the interval.
  if (r->unobserved > 0) {
    const double s2 = std::log(1 + r->std_error * r->std_error / (r->unobserved * r->unobserved));
    Rng rng(StreamSeed(o.seed, 3000));
    for (int i = 0; i < o.max_draws; ++i) {
      e.draws.push_back(static_cast<double>(e.observed) +
                        r->unobserved * std::exp(std::sqrt(s2) * rng.Normal() - s2 / 2));
    }
  }
  return e;
}

}  // namespace

std::string_view MethodName(Method m) {
  switch (m) {
    case Method::kLoglinear:
      return "loglinear";
    case Method::kLcmcr:
      return "lcmcr";
    case Method::kDga:
      return "dga";
    case Method::kChao:
      return "chao";
  }
  return "?";
}

Result<std::vector<Method>> ParseMethods(std::string_view name) {
  if (name == "all")
    return std::vector<Method>{Method::kLoglinear, Method::kLcmcr, Method::kDga, Method::kChao};
  for (Method m : {Method::kLoglinear, Method::kLcmcr, Method::kDga, Method::kChao}) {
    if (MethodName(m) == name) return std::vector<Method>{m};
  }
  return InvalidArgument("unknown method '" + std::string(name) +
                         "'; use loglinear, lcmcr, dga, chao or all");
}

Result<std::vector<Estimate>> EstimateAll(const CaptureTable& table,
                                          const std::vector<Method>& methods,
                                          const MseOptions& options) {
  std::vector<Estimate> out;
  for (Method m : methods) {
    if (StopRequested(options.stop)) return EstimationStopped();
    switch (m) {
      case Method::kLoglinear:
        out.push_back(RunLoglinearMethod(table, options));
        break;
      case Method::kLcmcr: {
        Status bad;
        out.push_back(RunLcmcrMethod(table, options, &bad));
        RETURN_IF_ERROR(bad);
        break;
      }
      case Method::kDga:
        out.push_back(RunDgaMethod(table, options));
        break;
      case Method::kChao:
        out.push_back(RunChaoMethod(table, options));
        break;
    }
  }
  // A method cut short reports an error or a bootstrap warning instead of its figures.
  if (StopRequested(options.stop)) return EstimationStopped();
  return out;
}

std::vector<std::string> CompareEstimates(const std::vector<Estimate>& estimates) {
  std::vector<std::string> w;
  const Estimate* chao = nullptr;
  for (const Estimate& e : estimates) {
    if (e.ok && e.method == Method::kChao) chao = &e;
  }
  for (size_t i = 0; i < estimates.size(); ++i) {
    const Estimate& a = estimates[i];
    if (!a.ok || a.method == Method::kChao) continue;
    for (size_t j = i + 1; j < estimates.size(); ++j) {
      const Estimate& b = estimates[j];
      if (!b.ok || b.method == Method::kChao) continue;
      const bool apart = a.upper < b.lower || b.upper < a.lower;
      const double ratio = std::max(a.point, b.point) / std::min(a.point, b.point);
      if (apart || ratio > 2) {
        w.push_back("methods disagree: " + std::string(MethodName(a.method)) + " gives " +
                    Num(a.point) + " (" + Num(a.lower) + "-" + Num(a.upper) + ") but " +
                    std::string(MethodName(b.method)) + " gives " + Num(b.point) + " (" +
                    Num(b.lower) + "-" + Num(b.upper) + ")" +
                    (apart ? "; their intervals do not overlap" : "") +
                    (ratio > 2 ? "; the estimates differ by more than 2x" : "") +
                    ". The total is uncertain beyond what either interval says");
      }
    }
    if (chao != nullptr && a.point < chao->lower) {
      w.push_back(std::string(MethodName(a.method)) + " estimate " + Num(a.point) +
                  " is below the Chao lower bound's interval (" + Num(chao->lower) + "-" +
                  Num(chao->upper) + "): the model may understate heterogeneity");
    }
  }
  return w;
}

Result<Estimate> SumOverStrata(const std::vector<Estimate>& strata, double level) {
  if (strata.empty()) return InvalidArgument("no strata to sum");
  size_t m = SIZE_MAX;
  for (size_t s = 0; s < strata.size(); ++s) {
    const Estimate& e = strata[s];
    if (!e.ok) return FailedPrecondition("stratum " + std::to_string(s) + " has no estimate");
    if (e.method != strata[0].method) {
      return InvalidArgument("strata were estimated with different methods");
    }
    if (e.draws.empty()) {
      return FailedPrecondition("stratum " + std::to_string(s) +
                                " has no draws (turn on the bootstrap for log-linear models)");
    }
    m = std::min(m, e.draws.size());
  }
  Estimate t;
  t.method = strata[0].method;
  t.ok = true;
  t.point_kind = strata[0].point_kind;
  t.interval_kind = "from summed per-stratum draws";
  double point_sum = 0;
  for (const Estimate& e : strata) {
    t.observed += e.observed;
    point_sum += e.point;
  }
  t.draws.assign(m, 0.0);
  for (const Estimate& e : strata) {
    for (size_t i = 0; i < m; ++i) t.draws[i] += e.draws[i];
  }
  const double tail = (1 - level) / 2;
  // Maximum likelihood and lower bounds add; posterior medians do not, so take the median of
  // the summed draws for the Bayesian methods.
  t.point =
      (t.method == Method::kLcmcr || t.method == Method::kDga) ? Quantile(t.draws, 0.5) : point_sum;
  t.lower = Quantile(t.draws, tail);
  t.upper = Quantile(t.draws, 1 - tail);
  t.diagnostics.push_back({"strata", static_cast<double>(strata.size())});
  t.diagnostics.push_back({"draws", static_cast<double>(m)});
  return t;
}

}  // namespace recount::stats
