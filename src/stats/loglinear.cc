#include "stats/loglinear.h"

#include <Eigen/Dense>
#include <algorithm>
#include <atomic>
#include <bit>
#include <cmath>
#include <set>
#include <thread>

#include "stats/random.h"

namespace recount::stats {
namespace {

constexpr int kMaxLoglinearLists = 16;
constexpr double kChi2OneDf95 = 3.841458820694124;

int Order(uint32_t t) { return std::popcount(t); }

bool TermLess(uint32_t a, uint32_t b) { return Order(a) != Order(b) ? Order(a) < Order(b) : a < b; }

// Column term masks of a model: 0 (intercept), main effects, interactions.
std::vector<uint32_t> ColumnTerms(int k, const LoglinearModel& m) {
  std::vector<uint32_t> cols;
  cols.push_back(0);
  for (int j = 0; j < k; ++j) cols.push_back(uint32_t{1} << j);
  for (uint32_t t : m.interactions) cols.push_back(t);
  return cols;
}

// Design matrix over the given cells: x[c][t] = 1 when term t is contained in pattern c.
Eigen::MatrixXd Design(const std::vector<uint32_t>& cells, const std::vector<uint32_t>& cols) {
  Eigen::MatrixXd x(cells.size(), cols.size());
  for (size_t r = 0; r < cells.size(); ++r) {
    for (size_t c = 0; c < cols.size(); ++c) x(r, c) = ((cells[r] & cols[c]) == cols[c]) ? 1 : 0;
  }
  return x;
}

struct PoissonFit {
  Eigen::VectorXd beta;
  Eigen::VectorXd mu;
  int iterations = 0;
  bool converged = false;
};

double PoissonLogLik(const Eigen::VectorXd& y, const Eigen::VectorXd& mu) {
  double ll = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    if (y[i] > 0) ll += y[i] * std::log(mu[i]);
    ll -= mu[i];
  }
  return ll;
}

// Newton-Raphson for a Poisson GLM with log link, started from R's glm default (mu = y + 0.1)
// unless `start` is given; step halving guarantees the log-likelihood never decreases.
PoissonFit FitPoisson(const Eigen::MatrixXd& x, const Eigen::VectorXd& y,
                      const Eigen::VectorXd* start) {
  PoissonFit f;
  const Eigen::Index p = x.cols();
  if (start != nullptr && start->size() == p) {
    f.beta = *start;
  } else {
    Eigen::VectorXd mu0 = (y.array() + 0.1).matrix();
    Eigen::VectorXd z = mu0.array().log().matrix() + ((y - mu0).array() / mu0.array()).matrix();
    Eigen::MatrixXd xtw = x.transpose() * mu0.asDiagonal();
    f.beta = (xtw * x).ldlt().solve(xtw * z);
  }
  auto eval = [&](const Eigen::VectorXd& b, Eigen::VectorXd* mu) {
    *mu = (x * b).array().min(700.0).exp().matrix();
    return PoissonLogLik(y, *mu);
  };
  double ll = eval(f.beta, &f.mu);
  for (int it = 1; it <= 200; ++it) {
    f.iterations = it;
    Eigen::VectorXd grad = x.transpose() * (y - f.mu);
    Eigen::MatrixXd h = x.transpose() * f.mu.asDiagonal() * x;
    h.diagonal().array() += 1e-12 * (1.0 + h.diagonal().array());
    Eigen::VectorXd step = h.ldlt().solve(grad);
    if (!step.allFinite()) break;
    double t = 1.0;
    Eigen::VectorXd nb, nmu;
    double nll = -INFINITY;
    for (int half = 0; half < 30; ++half) {
      nb = f.beta + t * step;
      nll = eval(nb, &nmu);
      if (std::isfinite(nll) && nll >= ll - 1e-12 * std::fabs(ll)) break;
      t *= 0.5;
    }
    if (!std::isfinite(nll)) break;
    const double change = std::fabs(nll - ll);
    f.beta = nb;
    f.mu = nmu;
    ll = nll;
    if (change < 1e-10 * (std::fabs(ll) + 0.1) && t == 1.0) {
      f.converged = true;
      break;
    }
  }
  return f;
}

// Lawson-Hanson non-negative least squares: min ||E l - f|| subject to l >= 0. Returns the
// residual norm.
double NnlsResidual(const Eigen::MatrixXd& e, const Eigen::VectorXd& f) {
  const Eigen::Index n = e.cols();
  Eigen::VectorXd l = Eigen::VectorXd::Zero(n);
  std::vector<bool> in_p(n, false);
  const double tol = 1e-10 * (1.0 + e.cwiseAbs().maxCoeff());
  for (int outer = 0; outer < 3 * n + 10; ++outer) {
    Eigen::VectorXd w = e.transpose() * (f - e * l);
    Eigen::Index best = -1;
    for (Eigen::Index j = 0; j < n; ++j) {
      if (!in_p[j] && w[j] > tol && (best < 0 || w[j] > w[best])) best = j;
    }
    if (best < 0) break;
    in_p[best] = true;
    for (int inner = 0; inner < 3 * n + 10; ++inner) {
      std::vector<Eigen::Index> idx;
      for (Eigen::Index j = 0; j < n; ++j) {
        if (in_p[j]) idx.push_back(j);
      }
      Eigen::MatrixXd ep(e.rows(), idx.size());
      for (size_t i = 0; i < idx.size(); ++i) ep.col(i) = e.col(idx[i]);
      Eigen::VectorXd sp = ep.completeOrthogonalDecomposition().solve(f);
      bool all_pos = true;
      for (size_t i = 0; i < idx.size(); ++i) all_pos = all_pos && sp[i] > tol;
      if (all_pos) {
        l.setZero();
        for (size_t i = 0; i < idx.size(); ++i) l[idx[i]] = sp[i];
        break;
      }
      double alpha = 1.0;
      for (size_t i = 0; i < idx.size(); ++i) {
        if (sp[i] <= tol) {
          const double denom = l[idx[i]] - sp[i];
          if (denom > 0) alpha = std::min(alpha, l[idx[i]] / denom);
        }
      }
      for (size_t i = 0; i < idx.size(); ++i) l[idx[i]] += alpha * (sp[i] - l[idx[i]]);
      for (size_t i = 0; i < idx.size(); ++i) {
        if (l[idx[i]] <= tol) {
          l[idx[i]] = 0;
          in_p[idx[i]] = false;
        }
      }
    }
  }
  return (e * l - f).norm();
}

// True when the data bound the unobserved count under the model (see docs/estimation.md,
// "Existence"). Directions d with X_pos d = 0 and X_zero d <= 0 leave the likelihood
// non-decreasing; the estimate exists iff every such direction has intercept component 0, i.e.
// iff c and -c lie in the cone spanned by the rows of A = X_zero N (Farkas), where N is a basis of
// the null space of X_pos and c = N^T e_0.
bool EstimateExists(const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
  std::vector<Eigen::Index> pos, zero;
  for (Eigen::Index i = 0; i < y.size(); ++i) (y[i] > 0 ? pos : zero).push_back(i);
  Eigen::MatrixXd xp(pos.size(), x.cols());
  for (size_t i = 0; i < pos.size(); ++i) xp.row(i) = x.row(pos[i]);
  if (xp.rows() >= xp.cols()) {
    // Fast path: X_pos of full column rank has no null space, so the estimate exists. The 0/1
    // design has small integer entries, so a pivot far above rounding error is decisive.
    Eigen::LDLT<Eigen::MatrixXd> ldlt(xp.transpose() * xp);
    const Eigen::VectorXd d = ldlt.vectorD();
    if (ldlt.info() == Eigen::Success && d.minCoeff() > 1e-8 * std::max(1.0, d.maxCoeff())) {
      return true;
    }
  }
  Eigen::MatrixXd nullspace;
  if (xp.rows() == 0) {
    nullspace = Eigen::MatrixXd::Identity(x.cols(), x.cols());
  } else {
    Eigen::FullPivLU<Eigen::MatrixXd> lu(xp);
    lu.setThreshold(1e-9);
    nullspace = lu.kernel();
    if (lu.rank() == x.cols()) return true;
  }
  if (nullspace.cols() == 0) return true;
  Eigen::VectorXd c = nullspace.row(0).transpose();
  if (c.norm() < 1e-9) return true;
  if (zero.empty()) return false;
  Eigen::MatrixXd a(zero.size(), nullspace.cols());
  for (size_t i = 0; i < zero.size(); ++i) a.row(i) = x.row(zero[i]) * nullspace;
  Eigen::MatrixXd e = a.transpose();
  const double tol = 1e-7 * (1.0 + c.norm());
  return NnlsResidual(e, c) < tol && NnlsResidual(e, -c) < tol;
}

std::vector<uint32_t> ObservedCells(int k) {
  std::vector<uint32_t> cells;
  for (uint32_t m = 1; m < (uint32_t{1} << k); ++m) cells.push_back(m);
  return cells;
}

Status CheckModel(int k, const LoglinearModel& m) {
  if (k > kMaxLoglinearLists) {
    return InvalidArgument("log-linear models are limited to " +
                           std::to_string(kMaxLoglinearLists) +
                           " lists (2^k cells); this table has " + std::to_string(k) +
                           ". Merge lists or use --method lcmcr");
  }
  const uint32_t full = (uint32_t{1} << k) - 1;
  for (uint32_t t : m.interactions) {
    if (t > full || Order(t) < 2) return InvalidArgument("model term out of range");
    if (t == full) {
      return InvalidArgument("the " + std::to_string(k) +
                             "-way interaction is not estimable in a capture-recapture table");
    }
  }
  return Status::Ok();
}

void FillCriteria(LoglinearFit& f, double n_observed) {
  const double p = f.num_params;
  f.aic = -2 * f.log_likelihood + 2 * p;
  f.bic = -2 * f.log_likelihood + std::log(n_observed) * p;
  const double denom = n_observed - p - 1;
  f.aicc = denom > 0 ? f.aic + 2 * p * (p + 1) / denom : INFINITY;
  f.bicc =
      denom > 0 ? -2 * f.log_likelihood + std::log(n_observed) * p * n_observed / denom : INFINITY;
}

LoglinearFit FitWithDesign(const CaptureTable& table, const LoglinearModel& model,
                           const Eigen::MatrixXd& x, const Eigen::VectorXd& y) {
  LoglinearFit fit;
  fit.model = model;
  fit.num_params = static_cast<int>(x.cols());
  fit.residual_df = static_cast<int>(x.rows() - x.cols());
  const bool has_zero = (y.array() == 0).any();
  if (has_zero && !EstimateExists(x, y)) {
    fit.status = EstimateStatus::kDoesNotExist;
    fit.problem =
        "the estimate does not exist: zero cells leave the unobserved count unbounded by the "
        "likelihood under this model";
    return fit;
  }
  PoissonFit pf = FitPoisson(x, y, nullptr);
  fit.iterations = pf.iterations;
  if (!pf.converged || !pf.beta.allFinite()) {
    fit.status = EstimateStatus::kFailed;
    fit.problem = "the model fit did not converge";
    return fit;
  }
  fit.unobserved = std::exp(pf.beta[0]);
  fit.total = static_cast<double>(table.observed()) + fit.unobserved;
  double ll = PoissonLogLik(y, pf.mu);
  double sat = 0;
  for (Eigen::Index i = 0; i < y.size(); ++i) {
    ll -= std::lgamma(y[i] + 1);
    if (y[i] > 0) sat += y[i] * std::log(y[i]) - y[i];
  }
  fit.log_likelihood = ll;
  fit.deviance = 2 * (sat - PoissonLogLik(y, pf.mu));
  FillCriteria(fit, static_cast<double>(table.observed()));
  fit.fitted.assign(x.rows() + 1, 0.0);
  fit.fitted[0] = fit.unobserved;
  for (Eigen::Index i = 0; i < x.rows(); ++i) fit.fitted[i + 1] = pf.mu[i];
  return fit;
}

Eigen::VectorXd ObservedVector(const CaptureTable& table) {
  std::vector<double> dense = table.DenseCounts();
  return Eigen::Map<Eigen::VectorXd>(dense.data() + 1, dense.size() - 1);
}

template <typename Fn>
void ParallelFor(size_t n, int threads, Fn fn) {
  int t = threads > 0 ? threads : static_cast<int>(std::thread::hardware_concurrency());
  t = std::max(1, std::min<int>(t, static_cast<int>(n)));
  if (t == 1) {
    for (size_t i = 0; i < n; ++i) fn(i);
    return;
  }
  std::atomic<size_t> next{0};
  std::vector<std::thread> pool;
  for (int w = 0; w < t; ++w) {
    pool.emplace_back([&] {
      for (size_t i; (i = next.fetch_add(1)) < n;) fn(i);
    });
  }
  for (auto& th : pool) th.join();
}

bool IsHierarchicalAddition(const std::set<uint32_t>& terms, uint32_t t) {
  for (int b = 0; b < 32; ++b) {
    if (!(t >> b & 1u)) continue;
    const uint32_t sub = t & ~(uint32_t{1} << b);
    if (Order(sub) >= 2 && !terms.count(sub)) return false;
  }
  return true;
}

LoglinearModel ModelFromSet(const std::set<uint32_t>& s) {
  LoglinearModel m;
  m.interactions.assign(s.begin(), s.end());
  std::sort(m.interactions.begin(), m.interactions.end(), TermLess);
  return m;
}

}  // namespace

double LoglinearFit::criterion(Criterion c) const {
  switch (c) {
    case Criterion::kAic:
      return aic;
    case Criterion::kAicc:
      return aicc;
    case Criterion::kBic:
      return bic;
    case Criterion::kBicc:
      return bicc;
  }
  return bic;
}

std::string_view CriterionName(Criterion c) {
  switch (c) {
    case Criterion::kAic:
      return "aic";
    case Criterion::kAicc:
      return "aicc";
    case Criterion::kBic:
      return "bic";
    case Criterion::kBicc:
      return "bicc";
  }
  return "bic";
}

Result<Criterion> ParseCriterion(std::string_view name) {
  for (Criterion c : {Criterion::kAic, Criterion::kAicc, Criterion::kBic, Criterion::kBicc}) {
    if (CriterionName(c) == name) return c;
  }
  return InvalidArgument("unknown criterion '" + std::string(name) +
                         "'; use aic, aicc, bic or bicc");
}

std::string ModelName(const CaptureTable& table, const LoglinearModel& model) {
  std::vector<uint32_t> maximal;
  for (uint32_t t : model.interactions) {
    bool covered = false;
    for (uint32_t u : model.interactions) covered = covered || (u != t && (u & t) == t);
    if (!covered) maximal.push_back(t);
  }
  if (maximal.empty()) return "[independence]";
  std::sort(maximal.begin(), maximal.end(), [](uint32_t a, uint32_t b) {
    if (Order(a) != Order(b)) return Order(a) > Order(b);
    // Lexicographic by list positions.
    for (int j = 0; j < 32; ++j) {
      const bool ia = a >> j & 1u, ib = b >> j & 1u;
      if (ia != ib) return ia;
    }
    return false;
  });
  std::string s = "[";
  for (size_t i = 0; i < maximal.size(); ++i) {
    if (i) s += ", ";
    std::string term;
    for (int j = 0; j < table.num_lists(); ++j) {
      if (maximal[i] >> j & 1u) term += (term.empty() ? "" : "*") + table.list_names()[j];
    }
    s += term;
  }
  return s + "]";
}

std::string ModelShortName(int num_lists, const LoglinearModel& model) {
  if (num_lists > 9) return "";
  std::vector<std::string> maximal;
  for (uint32_t t : model.interactions) {
    bool covered = false;
    for (uint32_t u : model.interactions) covered = covered || (u != t && (u & t) == t);
    if (covered) continue;
    std::string term;
    for (int j = 0; j < num_lists; ++j) {
      if (t >> j & 1u) term += static_cast<char>('1' + j);
    }
    maximal.push_back(term);
  }
  std::sort(maximal.begin(), maximal.end());
  std::string s = "[";
  for (size_t i = 0; i < maximal.size(); ++i) s += (i ? "," : "") + maximal[i];
  return s + "]";
}

Result<LoglinearModel> HierarchicalClosure(int num_lists, const std::vector<uint32_t>& terms) {
  std::set<uint32_t> all;
  for (uint32_t t : terms) {
    if (num_lists < 32 && t >= (uint32_t{1} << num_lists)) {
      return InvalidArgument("model term uses a list beyond the table's " +
                             std::to_string(num_lists) + " lists");
    }
    // Every subset of t with >= 2 elements.
    for (uint32_t s = t; s; s = (s - 1) & t) {
      if (Order(s) >= 2) all.insert(s);
    }
  }
  LoglinearModel m = ModelFromSet(all);
  RETURN_IF_ERROR(CheckModel(num_lists, m));
  return m;
}

Result<LoglinearFit> FitLoglinear(const CaptureTable& table, const LoglinearModel& model) {
  const int k = table.num_lists();
  RETURN_IF_ERROR(CheckModel(k, model));
  Eigen::MatrixXd x = Design(ObservedCells(k), ColumnTerms(k, model));
  return FitWithDesign(table, model, x, ObservedVector(table));
}

Result<std::vector<LoglinearModel>> EnumerateHierarchicalModels(int num_lists, int max_order,
                                                                size_t limit) {
  if (num_lists > kMaxLoglinearLists) {
    return InvalidArgument("too many lists for log-linear models");
  }
  const int top = std::min(max_order, num_lists - 1);
  std::vector<uint32_t> terms;
  for (uint32_t m = 1; m < (uint32_t{1} << num_lists); ++m) {
    if (Order(m) >= 2 && Order(m) <= top) terms.push_back(m);
  }
  std::sort(terms.begin(), terms.end(), TermLess);
  std::vector<LoglinearModel> out;
  std::set<uint32_t> chosen;
  bool overflow = false;
  // Depth-first over terms in (order, mask) order: a term may be added only when all its
  // sub-terms one order lower are already in, so every leaf is a distinct hierarchical model.
  auto rec = [&](auto&& self, size_t i) -> void {
    if (overflow) return;
    if (i == terms.size()) {
      if (out.size() >= limit) {
        overflow = true;
        return;
      }
      out.push_back(ModelFromSet(chosen));
      return;
    }
    self(self, i + 1);
    if (IsHierarchicalAddition(chosen, terms[i])) {
      chosen.insert(terms[i]);
      self(self, i + 1);
      chosen.erase(terms[i]);
    }
  };
  rec(rec, 0);
  if (overflow) {
    return ResourceExhausted("more than " + std::to_string(limit) +
                             " hierarchical models with interactions up to order " +
                             std::to_string(top));
  }
  return out;
}

Result<LoglinearSelection> SelectLoglinear(const CaptureTable& table,
                                           const SelectionOptions& options) {
  const int k = table.num_lists();
  if (k > kMaxLoglinearLists) RETURN_IF_ERROR(CheckModel(k, LoglinearModel{}));
  LoglinearSelection sel;
  sel.criterion = options.criterion;
  sel.max_order = options.max_order <= 0 ? k - 1 : std::min(options.max_order, k - 1);
  const std::vector<uint32_t> cells = ObservedCells(k);
  const Eigen::VectorXd y = ObservedVector(table);
  std::vector<uint32_t> all_terms;  // every candidate column, to build the design once
  for (uint32_t m = 0; m < (uint32_t{1} << k); ++m) all_terms.push_back(m);
  const Eigen::MatrixXd full = Design(cells, all_terms);
  auto fit_model = [&](const LoglinearModel& m) {
    std::vector<uint32_t> cols = ColumnTerms(k, m);
    Eigen::MatrixXd x(full.rows(), cols.size());
    for (size_t c = 0; c < cols.size(); ++c) x.col(c) = full.col(cols[c]);
    return FitWithDesign(table, m, x, y);
  };

  auto models = EnumerateHierarchicalModels(k, sel.max_order, options.max_models);
  std::vector<LoglinearFit> fits;
  if (models.ok()) {
    fits.resize(models->size());
    ParallelFor(models->size(), options.threads, [&](size_t i) {
      if (!StopRequested(options.stop)) fits[i] = fit_model((*models)[i]);
    });
    if (StopRequested(options.stop)) return EstimationStopped();
  } else if (models.status().code() == StatusCode::kResourceExhausted) {
    // Stepwise: greedy forward addition then backward removal of hierarchical terms, repeated
    // until the criterion stops improving.
    sel.stepwise = true;
    std::set<uint32_t> cur;
    LoglinearFit best = fit_model(ModelFromSet(cur));
    fits.push_back(best);
    auto score = [&](const LoglinearFit& f) {
      return f.status == EstimateStatus::kOk ? f.criterion(options.criterion) : INFINITY;
    };
    for (bool improved = true; improved;) {
      improved = false;
      std::vector<std::set<uint32_t>> cands;
      for (uint32_t t : all_terms) {
        if (Order(t) < 2 || Order(t) > sel.max_order || cur.count(t)) continue;
        if (IsHierarchicalAddition(cur, t)) {
          cands.push_back(cur);
          cands.back().insert(t);
        }
      }
      for (uint32_t t : cur) {
        bool maximal = true;
        for (uint32_t u : cur) maximal = maximal && !(u != t && (u & t) == t);
        if (maximal) {
          cands.push_back(cur);
          cands.back().erase(t);
        }
      }
      std::vector<LoglinearFit> cf(cands.size());
      ParallelFor(cands.size(), options.threads, [&](size_t i) {
        if (!StopRequested(options.stop)) cf[i] = fit_model(ModelFromSet(cands[i]));
      });
      if (StopRequested(options.stop)) return EstimationStopped();
      for (size_t i = 0; i < cf.size(); ++i) {
        fits.push_back(cf[i]);
        if (score(cf[i]) < score(best) - 1e-9) {
          best = cf[i];
          cur = cands[i];
          improved = true;
        }
      }
    }
  } else {
    return models.status();
  }
  sel.models_considered = fits.size();
  for (auto& f : fits) {
    if (f.status == EstimateStatus::kOk) {
      sel.ranked.push_back(std::move(f));
    } else {
      ++sel.models_without_estimate;
    }
  }
  std::stable_sort(sel.ranked.begin(), sel.ranked.end(),
                   [&](const LoglinearFit& a, const LoglinearFit& b) {
                     return a.criterion(options.criterion) < b.criterion(options.criterion);
                   });
  if (sel.stepwise) {
    // Stepwise visits some models several times; keep the first of each.
    std::set<std::vector<uint32_t>> seen;
    std::vector<LoglinearFit> unique;
    for (auto& f : sel.ranked) {
      if (seen.insert(f.model.interactions).second) unique.push_back(std::move(f));
    }
    sel.ranked = std::move(unique);
  }
  if (sel.ranked.empty()) {
    return FailedPrecondition(
        "no log-linear model has an estimate on this table (too many zero cells); try a lower "
        "--max-order or another method");
  }
  return sel;
}

Result<ProfileResult> ProfileLikelihoodInterval(const CaptureTable& table,
                                                const LoglinearModel& model, double level) {
  const int k = table.num_lists();
  RETURN_IF_ERROR(CheckModel(k, model));
  if (!(level > 0 && level < 1)) return InvalidArgument("interval level must be in (0, 1)");
  ASSIGN_OR_RETURN(LoglinearFit base, FitLoglinear(table, model));
  if (base.status != EstimateStatus::kOk) return FailedPrecondition(base.problem);
  std::vector<uint32_t> cells;
  for (uint32_t m = 0; m < (uint32_t{1} << k); ++m) cells.push_back(m);
  const Eigen::MatrixXd x = Design(cells, ColumnTerms(k, model));
  std::vector<double> dense = table.DenseCounts();
  Eigen::VectorXd y = Eigen::Map<Eigen::VectorXd>(dense.data(), dense.size());
  const double n = static_cast<double>(table.observed());
  Eigen::VectorXd warm;
  // Profile log-likelihood of N = n + n0 (Cormack 1989): the multinomial likelihood of the
  // completed table, maximised over the model parameters for fixed n0.
  auto profile = [&](double n0) {
    y[0] = n0;
    PoissonFit f = FitPoisson(x, y, warm.size() ? &warm : nullptr);
    warm = f.beta;
    const double total = n + n0;
    double ll = std::lgamma(total + 1) - std::lgamma(n0 + 1);
    for (Eigen::Index i = 0; i < y.size(); ++i) {
      if (y[i] > 0) ll += y[i] * std::log(f.mu[i] / total);
    }
    return ll;
  };
  // Maximise by golden section around the conditional estimate.
  double lo = std::max(0.0, base.unobserved * 0.5 - 5), hi = base.unobserved * 1.5 + 5;
  const double g = (std::sqrt(5.0) - 1) / 2;
  double a = hi - g * (hi - lo), b = lo + g * (hi - lo);
  double fa = profile(a), fb = profile(b);
  for (int i = 0; i < 80 && hi - lo > 1e-6 * (1 + hi); ++i) {
    if (fa > fb) {
      hi = b;
      b = a;
      fb = fa;
      a = hi - g * (hi - lo);
      fa = profile(a);
    } else {
      lo = a;
      a = b;
      fa = fb;
      b = lo + g * (hi - lo);
      fb = profile(b);
    }
  }
  const double n0_hat = 0.5 * (lo + hi);
  const double lmax = profile(n0_hat);
  // chi2_1 quantile for the level (0.95 exact constant, otherwise from the normal quantile).
  double crit = kChi2OneDf95;
  if (std::fabs(level - 0.95) > 1e-12) {
    // Inverse normal by bisection on erfc.
    double zlo = 0, zhi = 10;
    for (int i = 0; i < 100; ++i) {
      double z = 0.5 * (zlo + zhi);
      (std::erfc(z / std::sqrt(2.0)) > 1 - level ? zlo : zhi) = z;
    }
    crit = zlo * zlo;
  }
  const double target = lmax - crit / 2;
  auto root = [&](double inside, double outside) {
    for (int i = 0; i < 100 && std::fabs(outside - inside) > 1e-4; ++i) {
      const double mid = 0.5 * (inside + outside);
      (profile(mid) >= target ? inside : outside) = mid;
    }
    return 0.5 * (inside + outside);
  };
  ProfileResult r;
  r.total_mle = n + n0_hat;
  warm.resize(0);
  if (profile(0.0) >= target) {
    r.interval.lower = n;
  } else {
    warm.resize(0);
    r.interval.lower = n + root(n0_hat, 0.0);
  }
  warm.resize(0);
  double outside = std::max(2 * n0_hat, 10.0);
  const double cap = 1e4 * n + 1e6;
  while (outside < cap && profile(outside) >= target) outside *= 2;
  if (outside >= cap) {
    r.interval.upper = INFINITY;
    r.interval.upper_unbounded = true;
  } else {
    warm.resize(0);
    r.interval.upper = n + root(n0_hat, outside);
  }
  return r;
}

Result<BootstrapResult> BootstrapLoglinear(const CaptureTable& table, const LoglinearFit& fit,
                                           const BootstrapOptions& options) {
  if (fit.status != EstimateStatus::kOk) return FailedPrecondition(fit.problem);
  if (options.replicates < 10) return InvalidArgument("use at least 10 bootstrap replicates");
  const int k = table.num_lists();
  RETURN_IF_ERROR(CheckModel(k, fit.model));
  const Eigen::MatrixXd x = Design(ObservedCells(k), ColumnTerms(k, fit.model));
  BootstrapResult r;
  r.totals.assign(options.replicates, NAN);
  ParallelFor(static_cast<size_t>(options.replicates), options.threads, [&](size_t i) {
    if (StopRequested(options.stop)) return;
    Rng rng(StreamSeed(options.seed, i));
    Eigen::VectorXd y(x.rows());
    double n = 0;
    for (Eigen::Index c = 0; c < y.size(); ++c) {
      y[c] = static_cast<double>(rng.Poisson(fit.fitted[c + 1]));
      n += y[c];
    }
    if ((y.array() == 0).any() && !EstimateExists(x, y)) return;
    PoissonFit pf = FitPoisson(x, y, nullptr);
    if (pf.converged) r.totals[i] = n + std::exp(pf.beta[0]);
  });
  if (StopRequested(options.stop)) return EstimationStopped();
  std::vector<double> ok;
  for (double t : r.totals) {
    if (std::isfinite(t)) {
      ok.push_back(t);
    } else {
      ++r.failed;
    }
  }
  if (ok.size() < 10) return FailedPrecondition("almost every bootstrap replicate failed");
  std::sort(ok.begin(), ok.end());
  auto q = [&](double p) {
    const double pos = p * static_cast<double>(ok.size() - 1);
    const size_t i = static_cast<size_t>(pos);
    const double f = pos - static_cast<double>(i);
    return i + 1 < ok.size() ? ok[i] * (1 - f) + ok[i + 1] * f : ok[i];
  };
  const double tail = (1 - options.level) / 2;
  r.interval.lower = q(tail);
  r.interval.upper = q(1 - tail);
  return r;
}

}  // namespace recount::stats
