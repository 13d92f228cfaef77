#include <ostream>

#include "app/link_records.h"
#include "cli/commands.h"
#include "cli/credentials.h"
#include "cli/log_unlock.h"
#include "storage/store.h"

namespace recount::cli {

Command LinkCommand() {
  return {"link", "link the store's records into unique persons across lists",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto options = std::make_shared<linkage::LinkOptions>();
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            sub.add_option("--threshold", options->cluster.threshold,
                           "match probability a link needs (default 0.5)");
            auto full = std::make_shared<bool>(false);
            sub.add_flag("--full", *full,
                         "relink every record (default: link only the records imported since "
                         "the last run to the existing persons)");
            sub.footer("Method: docs/linkage.md. The clusters and the scored pairs are saved; "
                       "'recount estimate' then uses the linked persons. Linkage compares "
                       "names, so the identity vault must be unlocked.");
            return [&ctx, options, full]() -> Status {
              if (options->cluster.threshold <= 0 || options->cluster.threshold >= 1) {
                return InvalidArgument("--threshold must be between 0 and 1");
              }
              ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                              storage::OpenMode::kOpenExisting));
              ASSIGN_OR_RETURN(app::IdentityReader reader,
                               OpenIdentities(*store, VaultNeed::kRequired, ctx));
              RETURN_IF_ERROR(PrepareStoreForWriting(*store, ctx));
              ASSIGN_OR_RETURN(app::LinkSummary s,
                               app::LinkRecords(*store, *options, reader, *full));
              RETURN_IF_ERROR(LogIdentityReads(*store, reader, "link", ctx));
              *ctx.out << (ctx.global.json ? app::LinkSummaryJson(s) + "\n"
                                           : app::FormatLinkSummary(s));
              return Status();
            };
          }};
}

}  // namespace recount::cli
