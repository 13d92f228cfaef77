// `recount verify-bundle DIR [--vkey KEY]` (app/evidence_bundle.h): offline, no store needed.
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>
#include <sstream>

#include "app/evidence_bundle.h"
#include "cli/commands.h"

namespace recount::cli {

Command VerifyBundleCommand() {
  return {"verify-bundle", "check an evidence bundle offline (signature, proofs, files)",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto dir = std::make_shared<std::string>();
            auto vkey = std::make_shared<std::string>();
            AddJsonFlag(sub, ctx);
            sub.add_option("dir", *dir, "the bundle folder (from 'recount export --evidence')")
                ->required();
            sub.add_option("--vkey", *vkey,
                           "the log's public key as you obtained it from the organisation: the "
                           "vkey text, or a file holding it (default: the bundle's own log.vkey)");
            return [&ctx, dir, vkey]() -> Status {
              std::optional<std::string> key;
              if (!vkey->empty()) {
                std::ifstream in(*vkey);
                if (in) {
                  std::ostringstream s;
                  s << in.rdbuf();
                  key = s.str();
                } else {
                  key = *vkey;
                }
              }
              ASSIGN_OR_RETURN(app::BundleReport r, app::VerifyBundle(*dir, key));
              if (ctx.global.json) {
                *ctx.out << nlohmann::json{{"ok", r.ok()},         {"records", r.records},
                                           {"entries", r.entries}, {"attachments", r.attachments},
                                           {"tree_size", r.tree_size},
                                           {"key", r.key_source},  {"problems", r.problems}}
                                .dump()
                         << "\n";
              } else {
                *ctx.out << "Checked " << *dir << " with the " << r.key_source << ": "
                         << r.records << " records, " << r.entries << " log entries, "
                         << r.attachments << " files, against a checkpoint of " << r.tree_size
                         << " entries\n";
                for (const std::string& p : r.problems) *ctx.out << "FAIL " << p << "\n";
                if (r.ok()) *ctx.out << "OK: every file matches the signed log\n";
              }
              if (!r.ok()) {
                return DataLoss(std::to_string(r.problems.size()) + " problem(s) in the bundle " +
                                *dir + "; it was changed after export (see above)");
              }
              return Status();
            };
          }};
}

}  // namespace recount::cli
