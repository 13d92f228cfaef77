#include "cli/estimate_flags.h"

#include <sstream>

namespace recount::cli {

void AddEstimateOptions(CLI::App& sub, EstimateFlags& f) {
  sub.add_option("--method", f.method, "loglinear, lcmcr, dga, chao or all (default all)");
  sub.add_option("--seed", f.seed, "random seed (LCMCR chains, bootstrap); default 1");
  sub.add_option("--max-order", f.max_order,
                 "log-linear: highest interaction order (1 = independence; default: all "
                 "orders below the number of lists)");
  sub.add_option("--criterion", f.criterion,
                 "log-linear model selection: aic, aicc, bic (default) or bicc");
  sub.add_option("--bootstrap", f.bootstrap,
                 "log-linear: parametric bootstrap replicates (0 = off; default 1000)");
  sub.add_option("--iterations", f.iterations, "LCMCR: kept draws per chain (default 50000)");
  sub.add_option("--burn-in", f.burn_in, "LCMCR: burn-in sweeps per chain (default 10000)");
  sub.add_option("--chains", f.chains, "LCMCR: parallel chains (default 4)");
  sub.add_option("--classes", f.classes, "LCMCR: latent classes K (default 10)");
  sub.add_option("--a-alpha", f.a_alpha, "LCMCR: Gamma shape of the DP concentration (0.25)");
  sub.add_option("--b-alpha", f.b_alpha, "LCMCR: Gamma rate of the DP concentration (0.25)");
  sub.add_option("--max-unobserved-ratio", f.max_unobserved_ratio,
                 "LCMCR: bound on unobserved count as a multiple of observed (1000); "
                 "draws at the bound are reported");
  sub.add_option("--delta", f.delta, "dga: hyper-Dirichlet prior count per cell (2^-lists)");
  sub.add_option("--threads", f.threads, "worker threads (default: all cores)");
}

Result<stats::MseOptions> ToMseOptions(const EstimateFlags& f) {
  stats::MseOptions o;
  o.seed = f.seed;
  o.threads = f.threads;
  ASSIGN_OR_RETURN(o.loglinear.criterion, stats::ParseCriterion(f.criterion));
  if (f.max_order < 0) return InvalidArgument("--max-order must be 1 or more");
  o.loglinear.max_order = f.max_order;
  o.loglinear.threads = f.threads;
  if (f.bootstrap != 0 && f.bootstrap < 10) {
    return InvalidArgument("--bootstrap needs at least 10 replicates (or 0 for none)");
  }
  o.bootstrap = f.bootstrap > 0;
  o.bootstrap_replicates = f.bootstrap;
  o.lcmcr.iterations = f.iterations;
  o.lcmcr.burn_in = f.burn_in;
  o.lcmcr.chains = f.chains;
  o.lcmcr.classes = f.classes;
  o.lcmcr.a_alpha = f.a_alpha;
  o.lcmcr.b_alpha = f.b_alpha;
  o.lcmcr.max_unobserved_ratio = f.max_unobserved_ratio;
  if (f.delta < 0) return InvalidArgument("--delta must be positive");
  o.dga.delta = f.delta;
  return o;
}

std::vector<std::pair<std::string, std::string>> DescribeEstimateFlags(const EstimateFlags& f) {
  auto num = [](double v) {
    std::ostringstream s;
    s << v;
    return s.str();
  };
  return {{"method", f.method},
          {"seed", std::to_string(f.seed)},
          {"criterion", f.criterion},
          {"max_order", f.max_order == 0 ? "all" : std::to_string(f.max_order)},
          {"bootstrap", std::to_string(f.bootstrap)},
          {"iterations", std::to_string(f.iterations)},
          {"burn_in", std::to_string(f.burn_in)},
          {"chains", std::to_string(f.chains)},
          {"classes", std::to_string(f.classes)},
          {"a_alpha", num(f.a_alpha)},
          {"b_alpha", num(f.b_alpha)},
          {"max_unobserved_ratio", num(f.max_unobserved_ratio)},
          {"delta", f.delta == 0 ? "2^-lists" : num(f.delta)}};
}

}  // namespace recount::cli
