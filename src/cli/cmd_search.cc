#include <nlohmann/json.hpp>
#include <ostream>

#include "app/record_json.h"
#include "app/search_records.h"
#include "cli/commands.h"
#include "cli/credentials.h"
#include "cli/log_unlock.h"
#include "cli/record_filter_flags.h"
#include "cli/record_format.h"
#include "storage/store.h"

namespace recount::cli {

Command SearchCommand() {
  return {"search", "find records by a name or place in Hangul, Chinese or any romanisation",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto text = std::make_shared<std::string>();
            auto limit = std::make_shared<int64_t>(50);
            auto names = std::make_shared<bool>(false);
            auto query = std::make_shared<app::RecordQuery>();
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            sub.add_option("text", *text, "a name or place, e.g. 김금순, 'Kim Kum Sun', Yanji")
                ->required();
            sub.add_option("--limit", *limit, "at most this many results")->capture_default_str();
            sub.add_flag("--names", *names, "show the names of the records found");
            AddRecordFilterFlags(sub, query);
            return [&ctx, text, limit, names, query]() -> Status {
              ASSIGN_OR_RETURN(storage::RecordFilter filter, RecordFilterFromFlags(*query));
              ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                              storage::OpenMode::kOpenExisting));
              ASSIGN_OR_RETURN(app::IdentityReader reader,
                               OpenIdentities(*store, VaultNeed::kOptional, ctx));
              if (reader.locked()) {
                *ctx.err << "recount: identities are locked, so names were not searched (only "
                            "places); unlock the identity vault to search names\n";
              }
              ASSIGN_OR_RETURN(auto hits, app::SearchRecords(*store, *text, *limit, reader,
                                                         app::Viewer::WholeStore(), filter));
              RETURN_IF_ERROR(LogIdentityReads(*store, reader, "search", ctx));
              if (!ctx.global.json) PrintRecordHeader(*ctx.out, *names);
              for (const app::SearchHit& h : hits) {
                std::optional<model::Identity> id;
                if (*names) {
                  ASSIGN_OR_RETURN(id, reader.Read(h.record));
                }
                if (ctx.global.json) {
                  nlohmann::json j = app::RecordToJson(h.record.record, id ? &*id : nullptr);
                  if (*names && !id) j["identity"] = "locked";
                  j["matched"] = h.matched;
                  *ctx.out << j.dump() << "\n";
                } else {
                  std::string name = id ? DisplayName(*id) : "[identity locked]";
                  PrintRecordLine(*ctx.out, h.record.record, *names ? &name : nullptr);
                }
              }
              if (!ctx.global.json) *ctx.out << hits.size() << " records found\n";
              return Status();
            };
          }};
}

}  // namespace recount::cli
