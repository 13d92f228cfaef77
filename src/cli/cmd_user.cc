// `recount user add|list|set`: web accounts (app/accounts.h, docs/web.md). The first
// administrator is created here; later accounts can be made here or by an administrator in the
// web application.
#include <ostream>

#include <nlohmann/json.hpp>

#include "app/accounts.h"
#include "cli/commands.h"
#include "cli/credentials.h"
#include "cli/log_unlock.h"
#include "cli/store_master_key.h"
#include "storage/store.h"

namespace recount::cli {
namespace {

struct UserOptions {
  std::string verb;
  std::string name;
  std::string role;
  bool disable = false;
  bool enable = false;
  bool password = false;
};

Status AddUser(storage::Store& store, app::Accounts& accounts, const UserOptions& o,
               CommandContext& ctx) {
  if (o.role.empty()) {
    return InvalidArgument("'user add' needs --role (administrator, investigator, reviewer, "
                           "analyst or viewer)");
  }
  RETURN_IF_ERROR(app::CheckUserName(o.name));
  RETURN_IF_ERROR(app::ParseRole(o.role).status());
  ASSIGN_OR_RETURN(crypto::Credential pw, NewUserPassword(o.name, ctx));
  ASSIGN_OR_RETURN(app::NewAccount a, accounts.AddUser(o.name, o.role, pw.passphrase()));
  (void)store;
  if (ctx.global.json) {
    nlohmann::json j = {{"name", a.account.name},
                        {"role", a.account.role},
                        {"id", a.account.id},
                        {"totp_secret", a.totp_secret_base32},
                        {"totp_uri", a.totp_uri}};
    *ctx.out << j.dump() << "\n";
    return Status();
  }
  *ctx.out << "Created user '" << a.account.name << "' (" << a.account.role << ").\n"
           << "Two-factor sign-in: add this secret to an authenticator app (it is shown only "
              "now):\n  "
           << a.totp_secret_base32 << "\n  " << a.totp_uri << "\n";
  return Status();
}

Status ListUsers(storage::Store& store, CommandContext& ctx) {
  ASSIGN_OR_RETURN(std::vector<storage::UserAccount> users, store.ListUsers());
  if (ctx.global.json) {
    nlohmann::json arr = nlohmann::json::array();
    for (const auto& u : users) {
      arr.push_back({{"id", u.id},
                     {"name", u.name},
                     {"role", u.role},
                     {"disabled", u.disabled},
                     {"created_at", u.created_at},
                     {"locked_until", u.locked_until}});
    }
    *ctx.out << arr.dump() << "\n";
    return Status();
  }
  if (users.empty()) {
    *ctx.out << "No users yet; create the first administrator with "
                "'recount user add NAME --role administrator'.\n";
    return Status();
  }
  for (const auto& u : users) {
    *ctx.out << u.name << "\t" << u.role << (u.disabled ? "\tdisabled" : "")
             << (u.locked_until.empty() ? "" : "\tlocked until " + u.locked_until) << "\n";
  }
  return Status();
}

Status SetUser(app::Accounts& accounts, const UserOptions& o, CommandContext& ctx) {
  if (o.disable && o.enable) return InvalidArgument("give --disable or --enable, not both");
  std::optional<app::Role> role;
  if (!o.role.empty()) {
    ASSIGN_OR_RETURN(app::Role r, app::ParseRole(o.role));
    role = r;
  }
  std::optional<bool> disabled;
  if (o.disable) disabled = true;
  if (o.enable) disabled = false;
  std::optional<std::string> password;
  if (o.password) {
    ASSIGN_OR_RETURN(crypto::Credential pw, NewUserPassword(o.name, ctx));
    password = std::string(pw.passphrase());
  }
  if (!role && !disabled && !password) {
    return InvalidArgument("'user set' needs --role, --disable, --enable or --password");
  }
  ASSIGN_OR_RETURN(storage::UserAccount u, accounts.ChangeUser(o.name, role, disabled, password));
  *ctx.out << "Changed user '" << u.name << "': " << u.role << (u.disabled ? ", disabled" : "")
           << (password ? "; new password set, sessions ended" : "") << "\n";
  return Status();
}

}  // namespace

Command UserCommand() {
  return {"user", "web accounts: user add NAME --role ROLE | user list | user set NAME ...",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto o = std::make_shared<UserOptions>();
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            sub.add_option("action", o->verb, "add, list or set")
                ->required()
                ->check(CLI::IsMember({"add", "list", "set"}));
            sub.add_option("name", o->name, "user name (add, set)");
            sub.add_option("--role", o->role,
                           "administrator, investigator, reviewer, analyst or viewer");
            sub.add_flag("--disable", o->disable, "set: disable the account (ends its sessions)");
            sub.add_flag("--enable", o->enable, "set: enable a disabled account");
            sub.add_flag("--password", o->password, "set: give the account a new password");
            sub.footer(
                "Passwords come from $RECOUNT_USER_PASSWORD or are typed twice at a terminal "
                "(at least 12 characters). 'add' prints the account's TOTP secret once: enter it "
                "in an authenticator app; sign-in needs the password and a code. Every change is "
                "recorded in the tamper-evident log. Needs the store key (RECOUNT_PASSPHRASE or "
                "RECOUNT_KEY_FILE): TOTP secrets are sealed with it.");
            return [&ctx, o]() -> Status {
              if (o->verb != "list" && o->name.empty()) {
                return InvalidArgument("'user " + o->verb + "' needs a user name");
              }
              ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                              storage::OpenMode::kOpenExisting));
              if (o->verb == "list") return ListUsers(*store, ctx);
              ASSIGN_OR_RETURN(UnlockedStore keys,
                               UnlockStoreMasterKey(*store, ctx, "seal TOTP secrets"));
              RETURN_IF_ERROR(PrepareStoreForWriting(*store, keys.master_key));
              ASSIGN_OR_RETURN(std::unique_ptr<app::Accounts> accounts,
                               app::Accounts::Create(*store, keys.master_key));
              if (o->verb == "add") return AddUser(*store, *accounts, *o, ctx);
              return SetUser(*accounts, *o, ctx);
            };
          }};
}

}  // namespace recount::cli
