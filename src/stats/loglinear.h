// Log-linear (Poisson GLM) models for multiple systems estimation.
//
// The 2^k - 1 observed cells of a k-list CaptureTable are modelled as independent Poisson counts
// with log mean equal to an intercept, one main effect per list and a set of interaction terms;
// the unobserved cell (pattern 0) has mean exp(intercept), so the estimated total is
// observed + exp(intercept) (Fienberg 1972; Bishop, Fienberg & Holland 1975, ch. 6). Models are
// hierarchical: with a term, all its sub-terms are included. The k-way term is never included (it
// is not estimable). Fitting is Newton-Raphson / IRLS with Eigen, with step halving.
//
// Existence: with zero cells, the maximum likelihood estimate of the unobserved count may not
// exist (it runs off to infinity or zero along a direction the data cannot pin down). FitLoglinear
// checks this exactly with a Farkas-lemma test solved by non-negative least squares (the
// linear-programming criterion of Chan, Silverman & Vincent 2021, in dual form); see
// docs/estimation.md. Such fits carry EstimateStatus::kDoesNotExist and no number should be shown.
//
// Selection: EnumerateHierarchicalModels lists every hierarchical model with interactions up to a
// given order; SelectLoglinear fits and ranks them by AIC, AICc, BIC or BICc. Intervals: profile
// likelihood over the unobserved count (Cormack 1989) and a multithreaded parametric bootstrap.
//
// Thread-safety: all functions are pure; BootstrapLoglinear starts its own threads.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/result.h"
#include "stats/capture_table.h"
#include "stats/stop.h"

namespace recount::stats {

// The interaction terms (bitmasks with >= 2 bits) of a hierarchical model; main effects and the
// intercept are always present. Kept sorted by (order, mask).
struct LoglinearModel {
  std::vector<uint32_t> interactions;
};

// "[EXH*ABA*OSCE, EXH*HRW, OSCE*HRW]": the generating class (maximal terms); "[independence]".
std::string ModelName(const CaptureTable& table, const LoglinearModel& model);
// Rcapture-style compact form with 1-based list numbers, e.g. "[123,14,34]" (k <= 9 only).
std::string ModelShortName(int num_lists, const LoglinearModel& model);
// Adds every sub-term (order >= 2) of the given terms; fails on the k-way or out-of-range terms.
Result<LoglinearModel> HierarchicalClosure(int num_lists, const std::vector<uint32_t>& terms);

enum class Criterion { kAic, kAicc, kBic, kBicc };
std::string_view CriterionName(Criterion c);
Result<Criterion> ParseCriterion(std::string_view name);

enum class EstimateStatus {
  kOk,
  kDoesNotExist,  // the likelihood does not bound the unobserved count (zero cells)
  kFailed,        // the fit did not converge
};

struct LoglinearFit {
  LoglinearModel model;
  EstimateStatus status = EstimateStatus::kOk;
  std::string problem;        // why status is not kOk, in plain words
  int num_params = 0;         // intercept + k main effects + interactions
  double unobserved = 0;      // exp(intercept): estimated persons on no list
  double total = 0;           // observed + unobserved
  double log_likelihood = 0;  // Poisson, observed cells, with the log(y!) terms
  double deviance = 0;        // against the saturated model of the observed cells
  int residual_df = 0;        // (2^k - 1) - num_params
  double aic = 0, aicc = 0, bic = 0, bicc = 0;
  int iterations = 0;
  std::vector<double> fitted;  // fitted means for all 2^k cells, index = mask (0 = unobserved)

  double criterion(Criterion c) const;
};

// Fits one model. Fails (InvalidArgument) only for unusable input (too many lists, k-way term);
// a model whose estimate does not exist is returned with status kDoesNotExist.
Result<LoglinearFit> FitLoglinear(const CaptureTable& table, const LoglinearModel& model);

// Every hierarchical model whose interactions have order 2..max_order (< k); at most `limit`
// models: ResourceExhausted if there are more.
Result<std::vector<LoglinearModel>> EnumerateHierarchicalModels(int num_lists, int max_order,
                                                                size_t limit);

struct SelectionOptions {
  int max_order = 0;  // 0: all orders below k; 1: independence only
  Criterion criterion = Criterion::kBic;
  size_t max_models = 200000;  // above this, a stepwise search is used instead of enumeration
  int threads = 0;             // 0: hardware concurrency
  // Asked before each model is fitted; once it returns true the remaining fits are skipped and
  // the selection fails (FailedPrecondition, "stopped"). Called from the fitting threads.
  StopHook stop;
};

struct LoglinearSelection {
  std::vector<LoglinearFit> ranked;  // fits whose estimate exists, best first
  size_t models_considered = 0;
  size_t models_without_estimate = 0;  // status kDoesNotExist or kFailed
  bool stepwise = false;               // true when enumeration was too large
  int max_order = 0;                   // the order actually used
  Criterion criterion = Criterion::kBic;
};

Result<LoglinearSelection> SelectLoglinear(const CaptureTable& table,
                                           const SelectionOptions& options);

struct Interval {
  double lower = 0;
  double upper = 0;
  bool upper_unbounded = false;  // the likelihood does not fall far enough: no finite bound
};

// Profile-likelihood interval for the total N (Cormack 1989): the set of N whose profile
// log-likelihood is within chi2_1(level)/2 of its maximum. Also returns the profile maximiser.
struct ProfileResult {
  double total_mle = 0;
  Interval interval;
};
Result<ProfileResult> ProfileLikelihoodInterval(const CaptureTable& table,
                                                const LoglinearModel& model, double level = 0.95);

struct BootstrapOptions {
  int replicates = 1000;
  uint64_t seed = 1;
  int threads = 0;  // 0: hardware concurrency
  double level = 0.95;
  StopHook stop;  // as SelectionOptions::stop, asked before each replicate
};
struct BootstrapResult {
  std::vector<double> totals;  // replicate estimates of N, in replicate order
  int failed = 0;              // replicates whose estimate did not exist
  Interval interval;           // percentile interval
};
// Parametric bootstrap for a fixed model: each cell is redrawn from Poisson(fitted mean), the
// model is refitted and N recomputed. Deterministic for a seed whatever the thread count.
Result<BootstrapResult> BootstrapLoglinear(const CaptureTable& table, const LoglinearFit& fit,
                                           const BootstrapOptions& options);

}  // namespace recount::stats
