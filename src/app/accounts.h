// Web accounts: roles and what they may do, creating accounts, password + TOTP login with
// throttling, and sessions (docs/web.md, "Accounts and access").
//
// Roles and permissions (deny by default: a permission not listed is not granted):
//
//   permission        administrator investigator reviewer analyst viewer
//   read-records            x            x           x       x       x    coded data, narratives
//   read-identities         x            x           x                    names, each read logged
//   write-records           x            x                                intake, edits
//   review                  x                        x                    link review decisions
//   view-estimates          x            x           x       x       x
//   view-audit              x                                x
//   manage-users            x
//   share-records           x            x                                restrict and share the
//                                                                         records they can see
//
// Restricted records (docs/access.md) are visible only to the users they are shared with,
// whatever the role: app/record_access.h checks that on every read path.
//
// Login: the password is checked with Argon2id (crypto/password_hash.h; an unknown name is
// checked against a dummy hash so timing does not reveal which names exist), then the row is
// checked against the digest of its latest "user" log entry (a role or password changed in the
// database behind recount's back is refused), then the TOTP code (crypto/totp.h), whose step is
// claimed in the store so a code works once. After `free_failures` failed attempts the account
// is locked for 30 s, doubling per further failure up to `max_lock_seconds`. Every failure gets
// the same message; a successful login appends a "login" entry to the log.
//
// Sessions: a 256-bit random token (the cookie value) of which the store keeps only the SHA-256,
// a CSRF token, an absolute lifetime and an idle timeout. Resolve() re-reads the session and the
// account row on every request, so disabling an account or changing its role takes effect at
// once, and a row changed by hand is refused on the next request. What it does not repeat on
// every request (docs/web.md, "Performance"):
//   * the session's last use is written at most once per `touch_seconds` (60 s), not per request:
//     a write per read would serialise readers on SQLite. The idle timeout is therefore exact to
//     within touch_seconds, erring on the safe side: a session ends between idle_seconds -
//     touch_seconds and idle_seconds after its last request.
//   * checking the row against its "user" log entry: a (log seq, row digest) pair that matched
//     once is remembered (CheckAgainstLog), since a log entry never changes once written (audit
//     verify checks that). The row is still read and digested on every request, so any change
//     to it misses the memo and is checked against the log again.
//
// Thread-safety: an Accounts object uses one Store connection; one per thread.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "crypto/envelope.h"
#include "crypto/password_hash.h"
#include "crypto/secret_bytes.h"
#include "storage/store.h"

namespace recount::app {

enum class Role { kAdministrator, kInvestigator, kReviewer, kAnalyst, kViewer };
enum class Permission {
  kReadRecords,
  kReadIdentities,
  kWriteRecords,
  kReview,
  kViewEstimates,
  kViewAudit,
  kManageUsers,
  kShareRecords,
};

const std::vector<Role>& AllRoles();
const std::vector<Permission>& AllPermissions();
std::string_view RoleName(Role role);
std::string_view PermissionName(Permission p);
// kInvalidArgument naming the roles for anything else.
Result<Role> ParseRole(std::string_view text);
bool RoleHas(Role role, Permission permission);

// A user name: 1-64 characters of letters (any script), digits, '.', '_', '-'.
Status CheckUserName(std::string_view name);
// A password: at least crypto::kMinPasswordChars characters (code points), at most
// crypto::kMaxPasswordBytes bytes.
Status CheckPassword(std::string_view password);

struct NewAccount {
  storage::UserAccount account;
  std::string totp_secret_base32;  // shown once, for typing into an authenticator app
  std::string totp_uri;            // otpauth:// URI of the same secret (a QR code carries it)
};

struct LoginPolicy {
  long long session_seconds = 12 * 3600;  // absolute lifetime of a session
  long long idle_seconds = 30 * 60;       // a session unused this long ends
  long long touch_seconds = 60;           // a session's last use is written at most this often
  int free_failures = 5;                  // failed attempts before the account locks
  long long max_lock_seconds = 15 * 60;
  crypto::PasswordStrength strength = crypto::PasswordStrength::kInteractive;
};

struct SignedIn {
  std::string token;  // the cookie value; only at Login (Resolve leaves it empty)
  storage::WebSession session;
  storage::UserAccount user;
  Role role = Role::kViewer;
};

class Accounts {
 public:
  // `master_key` seals and opens the TOTP secrets; the object keeps its own copy.
  static Result<std::unique_ptr<Accounts>> Create(storage::Store& store,
                                                  const crypto::SecretBytes& master_key,
                                                  LoginPolicy policy = {});

  // A new account with a fresh TOTP secret. kInvalidArgument for a bad name, role or password,
  // kAlreadyExists for a taken name.
  Result<NewAccount> AddUser(std::string_view name, std::string_view role,
                             std::string_view password);
  // Changes the role, disables/enables, or sets a new password (kept fields: nullopt); logged.
  Result<storage::UserAccount> ChangeUser(std::string_view name, std::optional<Role> role,
                                          std::optional<bool> disabled,
                                          std::optional<std::string> password);

  // kUnauthenticated ("wrong user name, password or code") for every kind of mismatch;
  // kResourceExhausted while the account is locked (saying until when); kDataLoss when the
  // account row does not match its log entry.
  Result<SignedIn> Login(std::string_view name, std::string_view password, std::string_view code,
                         std::string_view client, long long now_unix);
  // The session and account of a cookie token; kUnauthenticated when unknown, expired, idle too
  // long, or the account is disabled.
  Result<SignedIn> Resolve(std::string_view token, long long now_unix);
  // Ends the session of `token` (no error when there is none).
  Status Logout(std::string_view token);
  // Ends every session of the user (after a password change or disabling).
  Status LogoutEverywhere(int64_t user_id);

  // The account's row checked against the "user" log entry it names (kDataLoss when they
  // differ). A match is remembered by (log seq, row digest); see the top of this file.
  Status CheckAgainstLog(const storage::UserAccount& user);

 private:
  Accounts(storage::Store& store, crypto::EnvelopeCipher cipher, LoginPolicy policy)
      : store_(&store), cipher_(std::move(cipher)), policy_(policy) {}
  Result<std::string> SealTotpSecret(std::string_view name, crypto::ByteSpan secret);
  Result<crypto::Bytes> OpenTotpSecret(const storage::UserAccount& user);
  Status NoteFailure(const storage::UserAccount& user, long long now_unix);

  storage::Store* store_;
  crypto::EnvelopeCipher cipher_;
  LoginPolicy policy_;
  // (log seq, row digest) of account rows found to match their log entry; at most
  // kVerifiedRowsKept, forgotten all at once when full.
  static constexpr size_t kVerifiedRowsKept = 64;
  std::vector<std::pair<int64_t, std::string>> verified_rows_;
};

// "sha256:<hex>" of a session token, as the store keeps it.
std::string SessionTokenHash(std::string_view token);

}  // namespace recount::app
