// MCMC convergence diagnostics: rank-normalised split R-hat and bulk effective sample size
// (Vehtari, Gelman, Simpson, Carpenter & Burkner 2021, Bayesian Analysis 16(2); Gelman et al.
// 2013, BDA3 ch. 11), plus quantiles of pooled draws.
//
// Each chain is split in half, draws are replaced by the normal scores of their pooled ranks, and
// R-hat compares between- and within-half-chain variances; ESS uses Geyer's initial monotone
// sequence over the averaged autocorrelations. See docs/estimation.md. Pure functions.
#pragma once

#include <vector>

namespace recount::stats {

struct ChainDiagnostics {
  double rhat = 1;      // rank-normalised split R-hat; above 1.01-1.05 means chains disagree
  double ess_bulk = 0;  // bulk effective sample size of all chains together
  std::vector<double> chain_medians;
};

// All chains must have the same length (>= 4 draws).
ChainDiagnostics DiagnoseChains(const std::vector<std::vector<double>>& chains);

// Quantile (type 7, as R's default) of unsorted draws; `p` in [0, 1].
double Quantile(std::vector<double> draws, double p);

// Standard normal quantile (inverse CDF), accurate to ~1e-12.
double NormalQuantile(double p);

}  // namespace recount::stats
