// `recount restrict | unrestrict | share | unshare | sharing`: who may see a record in the web
// application (app/share_record.h, docs/access.md). The command line is the key holder's: it
// sees the whole store and needs the store key to sign the "share" log entries.
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>

#include "app/share_record.h"
#include "cli/commands.h"
#include "cli/log_unlock.h"
#include "cli/record_ref.h"
#include "storage/store.h"

namespace recount::cli {
namespace {

struct ShareOptions {
  std::string record;
  std::string users;  // NAME[,NAME]
};

void PrintSharing(const app::SharingView& v, CommandContext& ctx) {
  if (ctx.global.json) {
    nlohmann::json j = {{"id", v.record},
                        {"restricted", v.restricted},
                        {"shared_with", v.users},
                        {"version", v.version}};
    *ctx.out << j.dump() << "\n";
    return;
  }
  *ctx.out << "Record " << v.record << ": ";
  if (!v.restricted) {
    *ctx.out << "not restricted (every web user whose role reads records sees it)\n";
    return;
  }
  *ctx.out << "restricted, shared with";
  for (const std::string& u : v.users) *ctx.out << " " << u;
  *ctx.out << "\n";
}

// One command: `action` nullopt shows the sharing; otherwise changes it. `users_flag` is the
// option naming users ("" for none). `name` and `help` are string literals (Command keeps views).
Command SharingCommand(std::string_view name, std::string_view help,
                       std::optional<app::SharingAction> action, std::string users_flag,
                       std::string users_help) {
  return {name, help,
          [action, users_flag, users_help](CLI::App& sub, CommandContext& ctx) -> Action {
            auto o = std::make_shared<ShareOptions>();
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            sub.add_option("record", o->record, "record id or SOURCE:RECORD_ID")->required();
            if (!users_flag.empty()) {
              auto* opt = sub.add_option(users_flag, o->users, users_help);
              if (action != app::SharingAction::kRestrict) opt->required();
            }
            sub.footer(
                "A restricted record is visible in the web application only to the users it is "
                "shared with (404 for everyone else) and absent from their lists and searches; "
                "counts and estimates still include it. Every change is a 'share' entry in the "
                "tamper-evident log, checked by 'recount audit verify'. Changes need the store "
                "key (RECOUNT_PASSPHRASE or RECOUNT_KEY_FILE). See docs/access.md.");
            return [&ctx, o, action]() -> Status {
              ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                              storage::OpenMode::kOpenExisting));
              ASSIGN_OR_RETURN(model::RowId id, ResolveRecordRef(*store, o->record));
              const app::Viewer whole = app::Viewer::WholeStore();
              if (!action) {
                ASSIGN_OR_RETURN(app::SharingView v, app::DescribeSharing(*store, whole, id));
                PrintSharing(v, ctx);
                return Status();
              }
              RETURN_IF_ERROR(PrepareStoreForWriting(*store, ctx));
              app::SharingChange change{*action, app::SplitUserList(o->users)};
              ASSIGN_OR_RETURN(app::SharingView v, app::ChangeSharing(*store, whole, id, change));
              PrintSharing(v, ctx);
              return Status();
            };
          }};
}

}  // namespace

Command RestrictCommand() {
  return SharingCommand("restrict", "make a record visible only to the users it is shared with",
                        app::SharingAction::kRestrict, "--share-with",
                        "NAME[,NAME]: the users who may see it (needed the first time)");
}
Command UnrestrictCommand() {
  return SharingCommand("unrestrict", "make a restricted record visible to every web user again",
                        app::SharingAction::kUnrestrict, "", "");
}
Command ShareCommand() {
  return SharingCommand("share", "share a restricted record with more users",
                        app::SharingAction::kShare, "--with", "NAME[,NAME]");
}
Command UnshareCommand() {
  return SharingCommand("unshare", "stop sharing a restricted record with users",
                        app::SharingAction::kUnshare, "--with", "NAME[,NAME]");
}
Command SharingShowCommand() {
  return SharingCommand("sharing", "show whether a record is restricted, and to whom", std::nullopt,
                        "", "");
}

}  // namespace recount::cli
