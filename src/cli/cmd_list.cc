#include <nlohmann/json.hpp>
#include <ostream>

#include "app/record_json.h"
#include "cli/commands.h"
#include "cli/credentials.h"
#include "cli/log_unlock.h"
#include "cli/record_filter_flags.h"
#include "cli/record_format.h"
#include "storage/store.h"

namespace recount::cli {

Command ListCommand() {
  return {"list", "list records, with filters", [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto query = std::make_shared<app::RecordQuery>();
            auto paging = std::make_shared<std::pair<int64_t, int64_t>>(50, 0);
            auto names = std::make_shared<bool>(false);
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            AddRecordFilterFlags(sub, query);
            sub.add_option("--limit", paging->first, "at most this many records (-1: all)")->capture_default_str();
            sub.add_option("--offset", paging->second, "skip this many records first");
            sub.add_flag("--names", *names, "show victims' names (identity data)");
            sub.footer("The act filters (--act, --from/--to, --place, --age-from/--age-to) must "
                       "hold for one same act. Ages: docs/schema.md; records with no age "
                       "information do not match an age filter.");
            return [&ctx, query, paging, names]() -> Status {
              ASSIGN_OR_RETURN(storage::RecordFilter f, RecordFilterFromFlags(*query));
              auto filter = std::make_shared<storage::RecordFilter>(std::move(f));
              filter->limit = paging->first;
              filter->offset = paging->second;
              ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                              storage::OpenMode::kOpenExisting));
              ASSIGN_OR_RETURN(int64_t total, store->CountRecords(*filter));
              app::IdentityReader reader = app::IdentityReader::Locked();
              if (*names) {
                ASSIGN_OR_RETURN(reader, OpenIdentities(*store, VaultNeed::kOptional, ctx));
                if (reader.locked()) *ctx.err << "recount: " << kIdentitiesLockedNote << "\n";
              }
              if (!ctx.global.json) PrintRecordHeader(*ctx.out, *names);
              int64_t shown = 0;
              RETURN_IF_ERROR(store->ScanRecords(*filter, [&](storage::StoredRecord&& sr) -> Status {
                ++shown;
                std::optional<model::Identity> id;
                if (*names) {
                  ASSIGN_OR_RETURN(id, reader.Read(sr));
                }
                if (ctx.global.json) {
                  nlohmann::json j = app::RecordToJson(sr.record, id ? &*id : nullptr);
                  if (*names && !id) j["identity"] = "locked";
                  *ctx.out << j.dump() << "\n";
                } else {
                  std::string name = id ? DisplayName(*id) : "[identity locked]";
                  PrintRecordLine(*ctx.out, sr.record, *names ? &name : nullptr);
                }
                return Status();
              }));
              RETURN_IF_ERROR(LogIdentityReads(*store, reader, "list --names", ctx));
              if (!ctx.global.json) {
                *ctx.out << shown << " of " << total << " records";
                if (shown < total) *ctx.out << " (use --limit and --offset to see more)";
                *ctx.out << "\n";
              }
              return Status();
            };
          }};
}

}  // namespace recount::cli
