// `recount evaluate clusters.csv --truth COLUMN|FILE`: accuracy of a clustering against known
// entities (pairwise and B-cubed, per pair of sources). app/dedupe.h, docs/linkage.md#evaluation.
#include "app/dedupe.h"
#include "cli/commands.h"

namespace recount::cli {

Command EvaluateCommand() {
  return {"evaluate", "measure a clusters.csv against known entities (precision, recall, F1)",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto req = std::make_shared<app::EvaluateRequest>();  // owned by the action
            sub.add_option("clusters", req->clusters, "clusters.csv written by recount dedupe")
                ->required();
            sub.add_option("--truth", req->truth,
                           "column of clusters.csv with entity ids, or a CSV file")
                ->required();
            sub.add_option("--truth-id", req->truth_id, "id column of the truth file (default id)");
            sub.add_option("--truth-column", req->truth_column,
                           "entity column of the truth file (default truth)");
            sub.add_option("--truth-pattern", req->pattern,
                           "regular expression whose first group is the entity id");
            AddJsonFlag(sub, ctx);
            return [req, &ctx]() -> Status {
              auto ev = app::RunEvaluate(*req);
              if (!ev.ok()) return ev.status();
              if (ctx.global.json) {
                char buf[512];
                std::snprintf(buf, sizeof buf,
                              "{\"records\":%zu,\"precision\":%.6f,\"recall\":%.6f,\"f1\":%.6f,"
                              "\"bcubed_precision\":%.6f,\"bcubed_recall\":%.6f,"
                              "\"bcubed_f1\":%.6f}\n",
                              ev->records, ev->pairs.precision(), ev->pairs.recall(),
                              ev->pairs.f1(), ev->bcubed_precision, ev->bcubed_recall,
                              ev->bcubed_f1());
                *ctx.out << buf;
              } else {
                *ctx.out << app::FormatEvaluation(*ev);
              }
              return Status::Ok();
            };
          }};
}

}  // namespace recount::cli
