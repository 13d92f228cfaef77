// `recount dedupe FILE.csv --out clusters.csv [--link-with OTHER.csv]`: link records of CSV files
// into clusters (app/dedupe.h; algorithms in docs/linkage.md).
#include <fstream>
#include <sstream>

#include "app/dedupe.h"
#include "base/utf8.h"
#include "cli/commands.h"

namespace recount::cli {

Command DedupeCommand() {
  return {"dedupe", "link the records of a CSV file (or two) into clusters of one person each",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            struct Opts {
              std::string input, link_with, out, pairs_out, candidates_out, config, map, id, keep, truth, pattern;
              bool korean_names = false;
              double candidates_floor = 0.01;
            };
            auto o = std::make_shared<Opts>();  // shared: outlives setup, owned by the action
            sub.add_option("file", o->input, "CSV file with a header line")->required();
            sub.add_option("--out", o->out, "clusters.csv to write (id, cluster, source)")
                ->required();
            sub.add_option("--link-with", o->link_with,
                           "second CSV file: link across the two files only");
            sub.add_option("--config", o->config,
                           "config file: field = column lines and parameters (docs/linkage.md)");
            sub.add_option("--map", o->map,
                           "FIELD=COLUMN[+COLUMN][:kind],... e.g. surname=lname,birth_date=dob");
            sub.add_option("--id", o->id, "column holding the record id");
            sub.add_option("--keep", o->keep, "columns to copy into clusters.csv (comma-separated)");
            sub.add_option("--pairs-out", o->pairs_out,
                           "also write the links that formed the clusters, with probabilities");
            CLI::Option* candidates_out = sub.add_option(
                "--candidates-out", o->candidates_out,
                "also write every candidate pair scored >= 0.01 with its comparison levels, "
                "log2 Bayes factor and probability (for diagnosis)");
            sub.add_option("--candidates-floor", o->candidates_floor,
                           "with --candidates-out: the least probability written (default 0.01; "
                           "0 writes every candidate pair)")
                ->check(CLI::Range(0.0, 1.0))
                ->needs(candidates_out);
            sub.add_option("--truth", o->truth,
                           "column with known entity ids: report blocking recall and accuracy");
            sub.add_option("--truth-pattern", o->pattern,
                           "regular expression whose first group is the entity id");
            sub.add_flag("--korean-names", o->korean_names,
                         "names are Korean: compare Hangul and romanised spellings through a "
                         "canonical reading (docs/linkage.md)");
            return [o, &ctx]() -> Status {
              app::DedupeRequest req;
              req.korean_names = o->korean_names;
              req.input = o->input;
              req.link_with = o->link_with;
              req.out = o->out;
              req.pairs_out = o->pairs_out;
              req.candidates_out = o->candidates_out;
              req.candidates_floor = o->candidates_floor;
              if (!o->config.empty()) {
                std::ifstream in(o->config, std::ios::binary);
                if (!in) return NotFound("cannot open config file '" + o->config + "'");
                std::stringstream ss;
                ss << in.rdbuf();
                RETURN_IF_ERROR(app::ParseConfigText(ss.str(), o->config, &req.config));
              }
              if (!o->map.empty()) RETURN_IF_ERROR(app::ParseMapOption(o->map, &req.config));
              if (!o->id.empty()) req.config.id_column = o->id;
              if (req.config.fields.empty()) {
                return InvalidArgument(
                    "no fields to compare: map columns with --map FIELD=COLUMN,... or --config "
                    "FILE (fields: surname, given_name, full_name, sex, birth_date, birth_year, "
                    "birth_month, birth_day, age, event_year, place, or any other name)");
              }
              req.keep_columns = SplitList(o->keep, ',');
              if (!o->truth.empty()) req.truth = app::TruthSpec{o->truth, o->pattern};
              auto report = app::RunDedupe(req);
              if (!report.ok()) return report.status();
              if (!ctx.global.quiet) *ctx.out << app::FormatReport(*report);
              return Status::Ok();
            };
          }};
}

}  // namespace recount::cli
