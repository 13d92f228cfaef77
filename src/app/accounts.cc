#include "app/accounts.h"

#include <algorithm>

#include "base/clock.h"
#include "base/utf8.h"
#include "crypto/encoding.h"
#include "crypto/totp.h"
#include "storage/audit_entry.h"
#include "storage/record_digest.h"

namespace recount::app {
namespace {

constexpr std::string_view kSealedPrefix = "recount-sealed:1:";
constexpr std::string_view kTotpField = "totp_secret";
constexpr std::string_view kLoginFailed = "wrong user name, password or code";
constexpr size_t kTokenBytes = 32;

struct RoleRow {
  Role role;
  std::string_view name;
  std::vector<Permission> permissions;
};

const std::vector<RoleRow>& RoleTable() {
  using P = Permission;
  static const std::vector<RoleRow> kTable = {
      {Role::kAdministrator, "administrator",
       {P::kReadRecords, P::kReadIdentities, P::kWriteRecords, P::kReview, P::kViewEstimates,
        P::kViewAudit, P::kManageUsers, P::kShareRecords}},
      {Role::kInvestigator, "investigator",
       {P::kReadRecords, P::kReadIdentities, P::kWriteRecords, P::kViewEstimates,
        P::kShareRecords}},
      {Role::kReviewer, "reviewer",
       {P::kReadRecords, P::kReadIdentities, P::kReview, P::kViewEstimates}},
      {Role::kAnalyst, "analyst", {P::kReadRecords, P::kViewEstimates, P::kViewAudit}},
      {Role::kViewer, "viewer", {P::kReadRecords, P::kViewEstimates}},
  };
  return kTable;
}

std::string BindingId(std::string_view user_name) {
  std::string id = "user";
  id += '\x1f';
  id += user_name;
  return id;
}

Result<std::string> RandomHex(size_t bytes) {
  ASSIGN_OR_RETURN(crypto::SecretBytes r, crypto::SecretBytes::Random(bytes));
  return crypto::HexEncode(r.span());
}

}  // namespace

const std::vector<Role>& AllRoles() {
  static const std::vector<Role> kRoles = {Role::kAdministrator, Role::kInvestigator,
                                           Role::kReviewer, Role::kAnalyst, Role::kViewer};
  return kRoles;
}

const std::vector<Permission>& AllPermissions() {
  static const std::vector<Permission> kAll = {
      Permission::kReadRecords,    Permission::kReadIdentities, Permission::kWriteRecords,
      Permission::kReview,         Permission::kViewEstimates,  Permission::kViewAudit,
      Permission::kManageUsers,    Permission::kShareRecords};
  return kAll;
}

std::string_view RoleName(Role role) {
  for (const RoleRow& r : RoleTable()) {
    if (r.role == role) return r.name;
  }
  return "viewer";
}

std::string_view PermissionName(Permission p) {
  switch (p) {
    case Permission::kReadRecords: return "read-records";
    case Permission::kReadIdentities: return "read-identities";
    case Permission::kWriteRecords: return "write-records";
    case Permission::kReview: return "review";
    case Permission::kViewEstimates: return "view-estimates";
    case Permission::kViewAudit: return "view-audit";
    case Permission::kManageUsers: return "manage-users";
    case Permission::kShareRecords: return "share-records";
  }
  return "?";
}

Result<Role> ParseRole(std::string_view text) {
  for (const RoleRow& r : RoleTable()) {
    if (r.name == text) return r.role;
  }
  return InvalidArgument("unknown role '" + std::string(text) +
                         "'; the roles are administrator, investigator, reviewer, analyst, "
                         "viewer");
}

bool RoleHas(Role role, Permission permission) {
  for (const RoleRow& r : RoleTable()) {
    if (r.role == role) {
      return std::find(r.permissions.begin(), r.permissions.end(), permission) !=
             r.permissions.end();
    }
  }
  return false;
}

Status CheckUserName(std::string_view name) {
  if (name.empty() || name.size() > 256 || !IsValidUtf8(name)) {
    return InvalidArgument("a user name needs 1 to 64 characters of valid UTF-8");
  }
  std::u32string cps = ToCodePoints(name);
  if (cps.size() > 64) return InvalidArgument("a user name has at most 64 characters");
  for (char32_t c : cps) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-' ||
              (c > 0xA0 && c != 0x3000 && c != 0xFEFF && !(c >= 0x2000 && c <= 0x206F));
    if (!ok) {
      return InvalidArgument("user name '" + std::string(name) +
                             "' may hold only letters, digits, '.', '_' and '-'");
    }
  }
  return Status();
}

Status CheckPassword(std::string_view password) {
  if (password.size() > crypto::kMaxPasswordBytes) {
    return InvalidArgument("the password is longer than " +
                           std::to_string(crypto::kMaxPasswordBytes) + " bytes");
  }
  if (!IsValidUtf8(password) || ToCodePoints(password).size() < crypto::kMinPasswordChars) {
    return InvalidArgument("the password needs at least " +
                           std::to_string(crypto::kMinPasswordChars) +
                           " characters; a passphrase of several words is easiest to remember");
  }
  return Status();
}

std::string SessionTokenHash(std::string_view token) { return storage::Sha256Text(token); }

Result<std::unique_ptr<Accounts>> Accounts::Create(storage::Store& store,
                                                   const crypto::SecretBytes& master_key,
                                                   LoginPolicy policy) {
  ASSIGN_OR_RETURN(crypto::EnvelopeCipher cipher,
                   crypto::EnvelopeCipher::Create(master_key, crypto::DataKeyClass::kRecord));
  return std::unique_ptr<Accounts>(new Accounts(store, std::move(cipher), policy));
}

Result<std::string> Accounts::SealTotpSecret(std::string_view name, crypto::ByteSpan secret) {
  crypto::Bytes sealed;
  const std::string id = BindingId(name);
  RETURN_IF_ERROR(cipher_.Seal({id, kTotpField, 1}, secret, &sealed));
  return std::string(kSealedPrefix) + crypto::Base64Encode(sealed);
}

Result<crypto::Bytes> Accounts::OpenTotpSecret(const storage::UserAccount& user) {
  std::string_view stored = user.totp_secret;
  if (stored.substr(0, kSealedPrefix.size()) != kSealedPrefix) {
    return DataLoss("the TOTP secret of user '" + user.name + "' is not sealed");
  }
  ASSIGN_OR_RETURN(crypto::Bytes envelope, crypto::Base64Decode(stored.substr(kSealedPrefix.size())));
  crypto::Bytes plain;
  const std::string id = BindingId(user.name);
  Status s = cipher_.Open({id, kTotpField, 1}, envelope, &plain);
  if (!s.ok()) {
    return DataLoss("the TOTP secret of user '" + user.name +
                    "' cannot be opened: it was altered, moved from another account or sealed "
                    "under another store key");
  }
  return plain;
}

Result<NewAccount> Accounts::AddUser(std::string_view name, std::string_view role,
                                     std::string_view password) {
  RETURN_IF_ERROR(CheckUserName(name));
  ASSIGN_OR_RETURN(Role r, ParseRole(role));
  RETURN_IF_ERROR(CheckPassword(password));
  ASSIGN_OR_RETURN(crypto::SecretBytes secret,
                   crypto::SecretBytes::Random(crypto::kTotpSecretBytes));
  storage::UserAccount u;
  u.name = std::string(name);
  u.role = std::string(RoleName(r));
  ASSIGN_OR_RETURN(u.password_hash, crypto::HashPassword(password, policy_.strength));
  ASSIGN_OR_RETURN(u.totp_secret, SealTotpSecret(name, secret.span()));
  NewAccount out;
  ASSIGN_OR_RETURN(out.account, store_->CreateUser(std::move(u)));
  out.totp_secret_base32 = crypto::Base32Encode(secret.span());
  out.totp_uri = crypto::TotpUri("recount", name, secret.span());
  return out;
}

Result<storage::UserAccount> Accounts::ChangeUser(std::string_view name, std::optional<Role> role,
                                                  std::optional<bool> disabled,
                                                  std::optional<std::string> password) {
  ASSIGN_OR_RETURN(std::optional<storage::UserAccount> found, store_->FindUser(name));
  if (!found) {
    return NotFound("no user named '" + std::string(name) + "'; 'recount user list' lists them");
  }
  RETURN_IF_ERROR(CheckAgainstLog(*found));
  storage::UserAccount u = *found;
  std::string change;
  if (role) {
    u.role = std::string(RoleName(*role));
    change += "role";
  }
  if (disabled) {
    u.disabled = *disabled;
    change += change.empty() ? "" : ",";
    change += *disabled ? "disable" : "enable";
  }
  if (password) {
    RETURN_IF_ERROR(CheckPassword(*password));
    ASSIGN_OR_RETURN(u.password_hash, crypto::HashPassword(*password, policy_.strength));
    change += change.empty() ? "" : ",";
    change += "password";
  }
  if (change.empty()) return InvalidArgument("nothing to change for user '" + u.name + "'");
  ASSIGN_OR_RETURN(storage::UserAccount updated, store_->UpdateUser(u, change));
  if ((disabled && *disabled) || password) RETURN_IF_ERROR(LogoutEverywhere(updated.id));
  return updated;
}

Status Accounts::CheckAgainstLog(const storage::UserAccount& user) {
  std::pair<int64_t, std::string> key(user.log_seq, storage::UserAccountDigest(user));
  if (std::find(verified_rows_.begin(), verified_rows_.end(), key) != verified_rows_.end()) {
    return Status();
  }
  ASSIGN_OR_RETURN(std::optional<std::string> bytes, store_->AuditEntryAt(user.log_seq));
  const std::string what = "the account of user '" + user.name + "'";
  if (!bytes) {
    return DataLoss(what + " names log entry " + std::to_string(user.log_seq) +
                    ", which does not exist; run 'recount audit verify'");
  }
  ASSIGN_OR_RETURN(storage::AuditEntry e, storage::ParseAuditEntry(*bytes));
  if (e.op != "user" || e.record != user.id || e.version != user.version ||
      e.digest != key.second) {
    return DataLoss(what + " was changed outside recount (it does not match its log entry " +
                    std::to_string(user.log_seq) +
                    "); sign-in is refused; run 'recount audit verify'");
  }
  if (verified_rows_.size() >= kVerifiedRowsKept) verified_rows_.clear();
  verified_rows_.push_back(std::move(key));
  return Status();
}

Status Accounts::NoteFailure(const storage::UserAccount& user, long long now_unix) {
  const int64_t failed = user.failed_logins + 1;
  std::string locked_until;
  if (failed >= policy_.free_failures) {
    long long lock = 30;
    for (int64_t i = policy_.free_failures; i < failed && lock < policy_.max_lock_seconds; ++i) {
      lock *= 2;
    }
    lock = std::min(lock, policy_.max_lock_seconds);
    locked_until = Rfc3339(now_unix + lock);
  }
  return store_->SetLoginFailures(user.id, failed, locked_until);
}

Result<SignedIn> Accounts::Login(std::string_view name, std::string_view password,
                                 std::string_view code, std::string_view client,
                                 long long now_unix) {
  ASSIGN_OR_RETURN(std::optional<storage::UserAccount> found,
                   name.size() > 256 ? Result<std::optional<storage::UserAccount>>(std::nullopt)
                                     : store_->FindUser(name));
  if (!found) {
    // Same work as for a real account, so the answer time does not reveal which names exist.
    (void)crypto::VerifyPassword(password, crypto::DummyPasswordHash(policy_.strength));
    return Unauthenticated(std::string(kLoginFailed));
  }
  storage::UserAccount& u = *found;
  const std::string now = Rfc3339(now_unix);
  if (!u.locked_until.empty() && u.locked_until > now) {
    return ResourceExhausted("too many failed sign-in attempts for this account; try again after " +
                             u.locked_until + " (UTC)");
  }
  if (!crypto::VerifyPassword(password, u.password_hash)) {
    RETURN_IF_ERROR(NoteFailure(u, now_unix));
    return Unauthenticated(std::string(kLoginFailed));
  }
  RETURN_IF_ERROR(CheckAgainstLog(u));
  if (u.disabled) return Unauthenticated(std::string(kLoginFailed));
  ASSIGN_OR_RETURN(crypto::Bytes secret, OpenTotpSecret(u));
  std::optional<uint64_t> last;
  if (u.totp_last_step >= 0) last = static_cast<uint64_t>(u.totp_last_step);
  std::optional<uint64_t> step = crypto::VerifyTotp(secret, code, now_unix, last);
  crypto::WipeBytes(secret.data(), secret.size());
  bool claimed = false;
  if (step) {
    ASSIGN_OR_RETURN(claimed, store_->ClaimTotpStep(u.id, static_cast<int64_t>(*step)));
  }
  if (!claimed) {
    RETURN_IF_ERROR(NoteFailure(u, now_unix));
    return Unauthenticated(std::string(kLoginFailed));
  }
  if (u.failed_logins != 0 || !u.locked_until.empty()) {
    RETURN_IF_ERROR(store_->SetLoginFailures(u.id, 0, ""));
  }
  ASSIGN_OR_RETURN(Role role, ParseRole(u.role));
  SignedIn out;
  ASSIGN_OR_RETURN(out.token, RandomHex(kTokenBytes));
  out.session.token_hash = SessionTokenHash(out.token);
  out.session.user_id = u.id;
  ASSIGN_OR_RETURN(out.session.csrf_token, RandomHex(kTokenBytes));
  out.session.created_at = now;
  out.session.last_seen = now;
  out.session.expires_at = Rfc3339(now_unix + policy_.session_seconds);
  out.session.client = std::string(client.substr(0, 64));
  out.session.user_name = u.name;
  RETURN_IF_ERROR(store_->SaveSession(out.session));
  storage::AuditEntry entry;
  entry.op = "login";
  entry.record = u.id;
  entry.detail = "sign-in of " + u.name + " from " + out.session.client;
  store_->SetActor(u.name);
  RETURN_IF_ERROR(store_->AppendAuditEntry(std::move(entry)).status());
  out.user = std::move(u);
  out.role = role;
  return out;
}

Result<SignedIn> Accounts::Resolve(std::string_view token, long long now_unix) {
  if (token.size() != 2 * kTokenBytes) return Unauthenticated("not signed in");
  const std::string hash = SessionTokenHash(token);
  ASSIGN_OR_RETURN(std::optional<storage::WebSession> session, store_->FindSession(hash));
  if (!session) return Unauthenticated("not signed in (the session ended or never existed)");
  const std::string now = Rfc3339(now_unix);
  if (session->expires_at <= now || Rfc3339(now_unix - policy_.idle_seconds) > session->last_seen) {
    RETURN_IF_ERROR(store_->DeleteSessions(hash, 0));
    return Unauthenticated("the session has ended; sign in again");
  }
  ASSIGN_OR_RETURN(std::optional<storage::UserAccount> user,
                   store_->FindUser(session->user_name));
  if (!user || user->disabled) {
    RETURN_IF_ERROR(store_->DeleteSessions(hash, 0));
    return Unauthenticated("the account is disabled");
  }
  RETURN_IF_ERROR(CheckAgainstLog(*user));
  ASSIGN_OR_RETURN(Role role, ParseRole(user->role));
  // Touch at most once per touch_seconds: a write per request would serialise readers on SQLite.
  if (Rfc3339(now_unix - policy_.touch_seconds) > session->last_seen) {
    session->last_seen = now;
    RETURN_IF_ERROR(store_->TouchSession(hash, now));
  }
  SignedIn out;
  out.session = std::move(*session);
  out.user = std::move(*user);
  out.role = role;
  return out;
}

Status Accounts::Logout(std::string_view token) {
  if (token.size() != 2 * kTokenBytes) return Status();
  return store_->DeleteSessions(SessionTokenHash(token), 0);
}

Status Accounts::LogoutEverywhere(int64_t user_id) { return store_->DeleteSessions("", user_id); }

}  // namespace recount::app
