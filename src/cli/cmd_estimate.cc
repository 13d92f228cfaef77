// `recount estimate`: multiple systems estimation on an aggregated capture table (CSV).
#include <memory>
#include <ostream>

#include "app/estimate_store.h"
#include "app/estimate_table.h"
#include "app/linkage_uncertainty.h"
#include "storage/store.h"
#include "cli/commands.h"
#include "cli/estimate_flags.h"

namespace recount::cli {
namespace {

struct EstimateCommandFlags {
  EstimateFlags estimate;
  std::string table;
  std::string by;
  bool linkage_uncertainty = false;
  int draws = 20;
};

}  // namespace

Command EstimateCommand() {
  return {
      "estimate",
      "estimate the total (seen and unseen) from overlapping lists: log-linear, LCMCR, dga, Chao",
      [](CLI::App& sub, CommandContext& ctx) -> Action {
        auto f = std::make_shared<EstimateCommandFlags>();
        AddJsonFlag(sub, ctx);
        AddStoreOption(sub, ctx);
        sub.add_option("--table", f->table,
                       "aggregated table CSV: one 0/1 column per list and a 'count' column "
                       "(without it: the linked persons of the store)");
        sub.add_option("--by", f->by,
                       "store only: one estimate per year, place, act or sex, and their total");
        AddEstimateOptions(sub, f->estimate);
        sub.add_flag("--linkage-uncertainty", f->linkage_uncertainty,
                     "store only: draw linkages from the scored pairs' match probabilities and "
                     "pool the estimates, so the interval includes linkage uncertainty");
        sub.add_option("--draws", f->draws,
                       "with --linkage-uncertainty: linkages drawn (default 20)");
        sub.footer(
            "Methods and their assumptions are explained in docs/estimation.md. Where methods "
            "disagree widely, a warning says so: report the spread, not one number.");
        return [&ctx, f]() -> Status {
          ASSIGN_OR_RETURN(std::vector<stats::Method> methods,
                           stats::ParseMethods(f->estimate.method));
          ASSIGN_OR_RETURN(stats::MseOptions o, ToMseOptions(f->estimate));
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
                                                                   {f->draws, f->estimate.seed}));
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
