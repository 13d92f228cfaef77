#include <nlohmann/json.hpp>
#include <ostream>

#include "app/record_json.h"
#include "cli/commands.h"
#include "cli/credentials.h"
#include "cli/log_unlock.h"
#include "cli/record_format.h"
#include "storage/store.h"

namespace recount::cli {

Command ListCommand() {
  return {"list", "list records, with filters", [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto filter = std::make_shared<storage::RecordFilter>();
            auto names = std::make_shared<bool>(false);
            filter->limit = 50;
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            sub.add_option("--source", filter->source, "only this source");
            sub.add_option("--act", filter->act_type, "only records with this act type (code)");
            sub.add_option("--sex", filter->sex, "only this sex (code: female, male, unknown)");
            sub.add_option("--from", filter->year_from, "only acts in or after this year");
            sub.add_option("--to", filter->year_to, "only acts in or before this year");
            sub.add_option("--limit", filter->limit, "at most this many records (-1: all)")->capture_default_str();
            sub.add_option("--offset", filter->offset, "skip this many records first");
            sub.add_flag("--names", *names, "show victims' names (identity data)");
            return [&ctx, filter, names]() -> Status {
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
