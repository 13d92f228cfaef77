#include <iomanip>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/count_acts.h"
#include "base/utf8.h"
#include "cli/commands.h"
#include "storage/store.h"

namespace recount::cli {
namespace {

// Display width of UTF-8 text: East Asian wide characters take two columns.
size_t DisplayWidth(const std::string& s) {
  size_t w = 0;
  size_t pos = 0;
  while (pos < s.size()) {
    char32_t cp = DecodeUtf8(s, &pos);
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                (cp >= 0xFF00 && cp <= 0xFF60);
    w += wide ? 2 : 1;
  }
  return w;
}

std::string PadRight(const std::string& s, size_t width) {
  size_t w = DisplayWidth(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

}  // namespace

Command StatsCommand() {
  return {"stats", "documented counts of acts and victims by act, year, place, sex or source",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto by = std::make_shared<std::vector<std::string>>();
            auto lang = std::make_shared<std::string>("en");
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            sub.add_option("--by", *by, "group by: act, year, place, sex, source (comma-separated)")
                ->delimiter(',');
            sub.add_option("--lang", *lang, "label language: en or ko")
                ->check(CLI::IsMember({"en", "ko"}));
            sub.footer("Counts are what the lists documented (acts, and distinct victim records "
                       "before linkage), not estimates of the total; see docs/stats.md.");
            return [&ctx, by, lang]() -> Status {
              if (by->empty()) by->push_back("act");
              ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                              storage::OpenMode::kOpenExisting));
              ASSIGN_OR_RETURN(app::CountTable t, app::CountActs(*store, *by, *lang));
              if (ctx.global.json) {
                nlohmann::json rows = nlohmann::json::array();
                for (const auto& r : t.rows) {
                  nlohmann::json j;
                  for (size_t i = 0; i < t.dimensions.size(); ++i) {
                    j[t.dimensions[i]] = r.keys[i];
                    j[t.dimensions[i] + "_label"] = r.labels[i];
                  }
                  j["acts"] = r.acts;
                  j["victims"] = r.victims;
                  rows.push_back(j);
                }
                *ctx.out << nlohmann::json{{"by", t.dimensions},
                                           {"rows", rows},
                                           {"total_acts", t.total_acts},
                                           {"total_victim_records", t.total_victims}}
                                .dump()
                         << "\n";
                return Status();
              }
              std::vector<size_t> widths(t.dimensions.size());
              for (size_t i = 0; i < t.dimensions.size(); ++i) {
                widths[i] = DisplayWidth(t.dimensions[i]);
                for (const auto& r : t.rows) widths[i] = std::max(widths[i], DisplayWidth(r.labels[i]));
                widths[i] += 2;
              }
              for (size_t i = 0; i < t.dimensions.size(); ++i) {
                *ctx.out << PadRight(t.dimensions[i], widths[i]);
              }
              *ctx.out << std::right << std::setw(9) << "acts" << std::setw(10) << "victims"
                       << "\n";
              for (const auto& r : t.rows) {
                for (size_t i = 0; i < r.labels.size(); ++i) {
                  *ctx.out << PadRight(r.labels[i], widths[i]);
                }
                *ctx.out << std::right << std::setw(9) << r.acts << std::setw(10) << r.victims
                         << "\n";
              }
              *ctx.out << "total: " << t.total_acts << " acts against " << t.total_victims
                       << " victim records (documented, before linkage)\n";
              return Status();
            };
          }};
}

}  // namespace recount::cli
