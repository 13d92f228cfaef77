#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/commands.h"
#include "storage/store.h"

namespace recount::cli {

Command InitCommand() {
  return {"init", "create a new, empty store", [](CLI::App& sub, CommandContext& ctx) -> Action {
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            return [&ctx]() -> Status {
              std::string path = ResolveStorePath(ctx);
              ASSIGN_OR_RETURN(auto store, storage::OpenStore(path, storage::OpenMode::kCreate));
              if (ctx.global.json) {
                *ctx.out << nlohmann::json{{"store", path},
                                           {"schema_version", store->schema_version()}}
                                .dump()
                         << "\n";
              } else {
                *ctx.out << "Created store " << path << " (schema version "
                         << store->schema_version() << ").\n"
                         << "Next: recount import --store " << path
                         << " --source NAME FILE.csv\n";
              }
              return Status();
            };
          }};
}

}  // namespace recount::cli
