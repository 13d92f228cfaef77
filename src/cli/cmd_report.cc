// `recount report`: the estimates dashboard of a store as one self-contained HTML file
// (docs/report.md), or its JSON model with --json.
#include <memory>
#include <ostream>

#include "app/report_dashboard.h"
#include "cli/commands.h"
#include "cli/estimate_flags.h"
#include "cli/log_unlock.h"
#include "storage/store.h"

namespace recount::cli {
namespace {

struct ReportFlags {
  EstimateFlags estimate;
  std::string out;
  std::string lang = "en";
  std::vector<std::string> by = {"year", "place", "act"};
  bool no_verify = false;
  double band_low = 0.2, band_high = 0.9;
};

}  // namespace

Command ReportCommand() {
  return {
      "report",
      "write the estimates dashboard (totals, intervals, overlap, linkage, audit) as one HTML file",
      [](CLI::App& sub, CommandContext& ctx) -> Action {
        auto f = std::make_shared<ReportFlags>();
        AddStoreOption(sub, ctx);
        AddJsonFlag(sub, ctx);
        sub.add_option("--out", f->out,
                       "the HTML file to write (self-contained: opens with no network)");
        sub.add_option("--lang", f->lang, "label language: en or ko (default en)")
            ->check(CLI::IsMember({"en", "ko"}));
        sub.add_option("--by", f->by,
                       "breakdowns to estimate, comma-separated: year, place, act, sex "
                       "(default year,place,act)")
            ->delimiter(',');
        sub.add_flag("--no-verify", f->no_verify,
                     "do not recompute the tamper-evident log (faster on large stores); the "
                     "report then shows the log's size and latest checkpoint only");
        sub.add_option("--review-low", f->band_low,
                       "lower end of the review band for 'pairs to review' (default 0.2)");
        sub.add_option("--review-high", f->band_high, "upper end of the review band (default 0.9)");
        AddEstimateOptions(sub, f->estimate);
        sub.footer(
            "The figures are those of 'recount estimate --json' (overall and --by year, place, "
            "act) for the same options and seed. With --json the dashboard model is printed "
            "instead (docs/report.md describes it). Examples:\n"
            "  recount report --out report.html\n"
            "  recount report --out report-ko.html --lang ko --iterations 20000");
        return [&ctx, f]() -> Status {
          if (f->out.empty() && !ctx.global.json) {
            return InvalidArgument(
                "give --out FILE.html (the report to write), or --json to "
                "print the dashboard model");
          }
          if (!(f->band_low >= 0 && f->band_low <= f->band_high && f->band_high <= 1)) {
            return InvalidArgument(
                "--review-low and --review-high must satisfy 0 <= low <= high "
                "<= 1");
          }
          app::DashboardOptions o;
          ASSIGN_OR_RETURN(o.methods, stats::ParseMethods(f->estimate.method));
          ASSIGN_OR_RETURN(o.mse, ToMseOptions(f->estimate));
          o.settings = DescribeEstimateFlags(f->estimate);
          o.band = {f->band_low, f->band_high};
          o.verify_audit = !f->no_verify;
          o.by = f->by;
          for (const std::string& b : o.by) {
            if (b != "year" && b != "place" && b != "act" && b != "sex") {
              return InvalidArgument("--by: cannot break down by '" + b +
                                     "'; use year, place, act or sex (comma-separated)");
            }
          }
          ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                          storage::OpenMode::kOpenExisting));
          if (o.verify_audit) {
            // As `recount audit verify`: with the store unlocked the log key is derived from its
            // master key (trusted); otherwise the key the store records is used, and said so.
            ASSIGN_OR_RETURN(std::shared_ptr<crypto::NoteSigner> key,
                             UnlockLogKey(*store, /*required=*/false, ctx));
            if (key) {
              o.log_key = key->verifier();
              o.log_key_source = "the key derived from the unlocked store";
            }
          }
          // Fail on an unwritable --out before the (long) estimation, not after.
          if (!f->out.empty()) RETURN_IF_ERROR(app::CheckCanWrite(f->out));
          ASSIGN_OR_RETURN(std::string model, app::DashboardJson(*store, o));
          if (ctx.global.json) *ctx.out << model << "\n";
          if (f->out.empty()) return Status();
          std::string title = f->lang == "ko" ? "recount 추정 보고서" : "recount estimates report";
          RETURN_IF_ERROR(
              app::WriteFileAtomically(f->out, app::DashboardHtml(model, f->lang, title)));
          if (!ctx.global.json && !ctx.global.quiet) {
            *ctx.out << "wrote " << f->out << " (self-contained HTML: open it in a browser)\n";
          }
          return Status();
        };
      }};
}

}  // namespace recount::cli
