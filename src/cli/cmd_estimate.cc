// `recount estimate`: multiple systems estimation on an aggregated capture table (CSV).
#include <memory>
#include <ostream>

#include "app/estimate_store.h"
#include "app/estimate_table.h"
#include "app/linkage_uncertainty.h"
#include "storage/store.h"
#include "cli/commands.h"

namespace recount::cli {
namespace {

struct EstimateFlags {
  std::string table;
  std::string by;
  std::string method = "all";
  std::string criterion = "bic";
  uint64_t seed = 1;
  int max_order = 0;
  int iterations = 50000;
  int burn_in = 10000;
  int chains = 4;
  int classes = 10;
  double a_alpha = 0.25, b_alpha = 0.25;
  double delta = 0;
  int bootstrap = 1000;
  int threads = 0;
  double max_unobserved_ratio = 1000;
  bool linkage_uncertainty = false;
  int draws = 20;
};

}  // namespace

Command EstimateCommand() {
  return {
      "estimate",
      "estimate the total (seen and unseen) from overlapping lists: log-linear, LCMCR, dga, Chao",
      [](CLI::App& sub, CommandContext& ctx) -> Action {
        auto f = std::make_shared<EstimateFlags>();
        AddJsonFlag(sub, ctx);
        AddStoreOption(sub, ctx);
        sub.add_option("--table", f->table,
                       "aggregated table CSV: one 0/1 column per list and a 'count' column "
                       "(without it: the linked persons of the store)");
        sub.add_option("--by", f->by,
                       "store only: one estimate per year, place, act or sex, and their total");
        sub.add_option("--method", f->method, "loglinear, lcmcr, dga, chao or all (default all)");
        sub.add_option("--seed", f->seed, "random seed (LCMCR chains, bootstrap); default 1");
        sub.add_option("--max-order", f->max_order,
                       "log-linear: highest interaction order (1 = independence; default: all "
                       "orders below the number of lists)");
        sub.add_option("--criterion", f->criterion,
                       "log-linear model selection: aic, aicc, bic (default) or bicc");
        sub.add_option("--bootstrap", f->bootstrap,
                       "log-linear: parametric bootstrap replicates (0 = off; default 1000)");
        sub.add_option("--iterations", f->iterations,
                       "LCMCR: kept draws per chain (default 50000)");
        sub.add_option("--burn-in", f->burn_in, "LCMCR: burn-in sweeps per chain (default 10000)");
        sub.add_option("--chains", f->chains, "LCMCR: parallel chains (default 4)");
        sub.add_option("--classes", f->classes, "LCMCR: latent classes K (default 10)");
        sub.add_option("--a-alpha", f->a_alpha,
                       "LCMCR: Gamma shape of the DP concentration (0.25)");
        sub.add_option("--b-alpha", f->b_alpha, "LCMCR: Gamma rate of the DP concentration (0.25)");
        sub.add_option("--max-unobserved-ratio", f->max_unobserved_ratio,
                       "LCMCR: bound on unobserved count as a multiple of observed (1000); "
                       "draws at the bound are reported");
        sub.add_option("--delta", f->delta, "dga: hyper-Dirichlet prior count per cell (2^-lists)");
        sub.add_option("--threads", f->threads, "worker threads (default: all cores)");
        sub.add_flag("--linkage-uncertainty", f->linkage_uncertainty,
                     "store only: draw linkages from the scored pairs' match probabilities and "
                     "pool the estimates, so the interval includes linkage uncertainty");
        sub.add_option("--draws", f->draws,
                       "with --linkage-uncertainty: linkages drawn (default 20)");
        sub.footer(
            "Methods and their assumptions are explained in docs/estimation.md. Where methods "
            "disagree widely, a warning says so: report the spread, not one number.");
        return [&ctx, f]() -> Status {
          ASSIGN_OR_RETURN(std::vector<stats::Method> methods, stats::ParseMethods(f->method));
          stats::MseOptions o;
          o.seed = f->seed;
          o.threads = f->threads;
          ASSIGN_OR_RETURN(o.loglinear.criterion, stats::ParseCriterion(f->criterion));
          if (f->max_order < 0) return InvalidArgument("--max-order must be 1 or more");
          o.loglinear.max_order = f->max_order;
          o.loglinear.threads = f->threads;
          if (f->bootstrap != 0 && f->bootstrap < 10) {
            return InvalidArgument("--bootstrap needs at least 10 replicates (or 0 for none)");
          }
          o.bootstrap = f->bootstrap > 0;
          o.bootstrap_replicates = f->bootstrap;
          o.lcmcr.iterations = f->iterations;
          o.lcmcr.burn_in = f->burn_in;
          o.lcmcr.chains = f->chains;
          o.lcmcr.classes = f->classes;
          o.lcmcr.a_alpha = f->a_alpha;
          o.lcmcr.b_alpha = f->b_alpha;
          o.lcmcr.max_unobserved_ratio = f->max_unobserved_ratio;
          if (f->delta < 0) return InvalidArgument("--delta must be positive");
          o.dga.delta = f->delta;
          if (f->linkage_uncertainty && (!f->table.empty() || !f->by.empty())) {
            return InvalidArgument("--linkage-uncertainty works on a store's linkage, without "
                                   "--table or --by");
          }
          if (f->table.empty()) {
            ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                            storage::OpenMode::kOpenExisting));
            if (f->linkage_uncertainty) {
              ASSIGN_OR_RETURN(app::LinkageUncertaintyReport r,
                               app::EstimateWithLinkageUncertainty(*store, methods, o,
                                                                   {f->draws, f->seed}));
              *ctx.out << (ctx.global.json ? app::LinkageUncertaintyJson(r) + "\n"
                                           : app::FormatLinkageUncertainty(r));
              return Status::Ok();
            }
            ASSIGN_OR_RETURN(app::StratifiedEstimate e,
                             app::EstimateStore(*store, f->by, methods, o));
            *ctx.out << (ctx.global.json ? app::StratifiedEstimateJson(e) + "\n"
                                         : app::FormatStratifiedEstimate(e));
            return Status::Ok();
          }
          if (!f->by.empty()) {
            return InvalidArgument("--by works on a store's records, not on an aggregated --table");
          }
          ASSIGN_OR_RETURN(app::EstimateReport report,
                           app::EstimateTableFile(f->table, methods, o));
          *ctx.out << (ctx.global.json ? app::EstimateReportJson(report)
                                       : app::FormatEstimateReport(report))
                   << (ctx.global.json ? "\n" : "");
          return Status::Ok();
        };
      }};
}

}  // namespace recount::cli
