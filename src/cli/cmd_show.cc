#include <nlohmann/json.hpp>
#include <ostream>

#include "app/data_dir.h"
#include "app/identity_codec.h"
#include "app/record_json.h"
#include "cli/commands.h"
#include "cli/record_format.h"
#include "storage/store.h"

namespace recount::cli {

Command ShowCommand() {
  return {"show", "show one record in full (by id, or SOURCE:RECORD_ID)",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto which = std::make_shared<std::string>();
            auto names = std::make_shared<bool>(false);
            auto lang = std::make_shared<std::string>("en");
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            sub.add_option("id", *which, "record id (from 'recount list') or SOURCE:RECORD_ID")
                ->required();
            sub.add_flag("--names", *names, "show identity details");
            sub.add_option("--lang", *lang, "label language: en or ko")
                ->check(CLI::IsMember({"en", "ko"}));
            return [&ctx, which, names, lang]() -> Status {
              ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                              storage::OpenMode::kOpenExisting));
              model::RowId id = 0;
              if (size_t colon = which->rfind(':'); colon != std::string::npos) {
                ASSIGN_OR_RETURN(auto found, store->FindRecord(which->substr(0, colon),
                                                               which->substr(colon + 1)));
                if (!found) {
                  return NotFound("no record '" + which->substr(colon + 1) + "' in source '" +
                                  which->substr(0, colon) + "'");
                }
                id = *found;
              } else {
                try {
                  size_t used = 0;
                  id = std::stoll(*which, &used);
                  if (used != which->size() || id <= 0) throw std::invalid_argument("id");
                } catch (const std::exception&) {
                  return InvalidArgument("'" + *which +
                                         "' is not a record id; give a number from 'recount "
                                         "list' or SOURCE:RECORD_ID");
                }
              }
              ASSIGN_OR_RETURN(storage::StoredRecord sr, store->GetRecord(id));
              model::Identity identity;
              if (*names) {
                ASSIGN_OR_RETURN(identity, app::DecodeIdentity(sr.identity_blob));
              }
              if (ctx.global.json) {
                *ctx.out << app::RecordToJson(sr.record, *names ? &identity : nullptr).dump(2)
                         << "\n";
                return Status();
              }
              ASSIGN_OR_RETURN(auto vocab, model::Vocabularies::Load(app::DataDir()));
              PrintRecordDetail(*ctx.out, sr.record, *names ? &identity : nullptr, vocab, *lang);
              return Status();
            };
          }};
}

}  // namespace recount::cli
