#include <nlohmann/json.hpp>
#include <ostream>

#include "app/simulate.h"
#include "cli/commands.h"
#include "cli/progress.h"

namespace recount::cli {

namespace {

nlohmann::json SummaryJson(const app::SimulateOptions& o, const sim::SimSummary& s) {
  nlohmann::json sources = nlohmann::json::array();
  for (const auto& src : s.sources) {
    sources.push_back({{"name", src.name},
                       {"organisation", src.organisation},
                       {"file", src.csv_file},
                       {"mapping", src.mapping_file},
                       {"records", src.records},
                       {"rows", src.rows}});
  }
  nlohmann::json by_type = nlohmann::json::object();
  for (int t = 0; t < sim::kActTypeCount; ++t) {
    by_type[std::string(sim::ActCode(static_cast<sim::ActType>(t)))] = s.totals.victims_by_type[t];
  }
  return {{"out", o.out_dir},
          {"persons", s.totals.persons},
          {"sources", o.sources},
          {"seed", o.seed},
          {"files", s.files},
          {"source_lists", sources},
          {"truth",
           {{"persons", s.totals.persons},
            {"acts", s.totals.acts},
            {"persons_observed", s.totals.observed},
            {"female", s.totals.persons_by_sex[0]},
            {"male", s.totals.persons_by_sex[1]},
            {"victims_by_type", by_type}}}};
}

}  // namespace

Command SimulateCommand() {
  return {"simulate",
          "generate realistic multi-source testimony lists with ground truth (for tests and demos)",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto o = std::make_shared<app::SimulateOptions>();
            sub.add_option("--out", o->out_dir, "directory for the CSV, mapping and truth files")
                ->required();
            sub.add_option("--persons", o->persons, "number of true persons (default 2000)")
                ->check(CLI::Range(uint64_t{1}, uint64_t{100'000'000}));
            sub.add_option("--sources", o->sources, "number of lists, 3..20 (default 5)")
                ->check(CLI::Range(sim::kMinSources, sim::kMaxSources));
            sub.add_option("--seed", o->seed, "random seed; same seed, same bytes (default 1)");
            AddJsonFlag(sub, ctx);
            sub.footer("The model, its parameters and sources are described in docs/simulator.md.");
            return [&ctx, o]() -> Status {
              Result<sim::SimSummary> result = [&]() -> Result<sim::SimSummary> {
                ProgressBar bar(ctx.err, ctx.err_is_terminal && !ctx.global.quiet, "simulating");
                return app::Simulate(*o, [&bar](std::string_view, uint64_t done, uint64_t total) {
                  bar.Update(done, total);
                });
              }();
              if (!result.ok()) return result.status();
              const sim::SimSummary& s = *result;
              if (ctx.global.json) {
                *ctx.out << SummaryJson(*o, s).dump() << "\n";
                return Status();
              }
              std::ostream& out = *ctx.out;
              out << "Simulated " << s.totals.persons << " persons (" << s.totals.persons_by_sex[0]
                  << " women and girls, " << s.totals.persons_by_sex[1] << " men), "
                  << s.totals.acts << " acts, seed " << o->seed << ".\n";
              out << "Recorded by at least one list: " << s.totals.observed
                  << "; by none: " << s.totals.persons - s.totals.observed << ".\n";
              out << "Files in " << o->out_dir << ":\n";
              for (const auto& src : s.sources) {
                out << "  " << src.csv_file << " + " << src.mapping_file << ": " << src.records
                    << " records, " << src.rows << " rows (" << src.organisation << ")\n";
              }
              out << "  truth.csv: record -> true person; truth_totals.json: true totals;\n"
                     "  capture_table.csv: capture histories under perfect linkage\n";
              out << "Import one list with: recount import --source " << s.sources[0].name
                  << " --mapping " << o->out_dir << "/" << s.sources[0].mapping_file << " "
                  << o->out_dir << "/" << s.sources[0].csv_file << "\n";
              return Status();
            };
          }};
}

}  // namespace recount::cli
