// Web accounts and sessions as the store keeps them (docs/web.md, "Accounts"), and the digest the
// tamper-evident log keeps of an account.
//
// An account's security-relevant state (name, role, disabled, password hash, sealed TOTP secret)
// changes only through Store::CreateUser / Store::UpdateUser, each of which appends a "user" log
// entry (record = user id, version = the account's version, digest = UserAccountDigest) in the
// same transaction. A login checks that the row still has the digest its latest entry recorded,
// so a role or password changed in the database behind recount's back is refused, and
// `recount audit verify` reports it.
//
// Operational state (failed login count, lock-out time, last accepted TOTP step) is outside the
// digest: it changes on every login attempt and says nothing about who may do what.
//
// Sessions are stored by the SHA-256 of their token (the cookie value never reaches the database),
// so a database reader cannot take over a session.
//
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <string>

namespace recount::storage {

struct UserAccount {
  int64_t id = 0;       // set by the store
  std::string name;     // unique; the log's actor for this user's changes
  std::string role;     // administrator | investigator | reviewer | analyst | viewer (app checks)
  bool disabled = false;
  std::string password_hash;  // Argon2id string (crypto/password_hash.h)
  std::string totp_secret;    // the TOTP secret sealed under the store master key (opaque here)
  int64_t version = 0;        // set by the store: 1 when created, +1 per UpdateUser
  std::string created_at;     // set by the store (RFC 3339)
  int64_t log_seq = 0;        // set by the store: the seq of the account's latest "user" entry
  // Operational, outside the digest:
  int64_t failed_logins = 0;
  std::string locked_until;    // RFC 3339, "" when not locked
  int64_t totp_last_step = -1; // the last TOTP step accepted (codes are never reused)
};

struct WebSession {
  std::string token_hash;  // "sha256:<hex>" of the cookie's token
  int64_t user_id = 0;
  std::string csrf_token;  // sent back by the browser in X-CSRF-Token on state-changing requests
  std::string created_at;  // RFC 3339
  std::string expires_at;  // absolute end (RFC 3339)
  std::string last_seen;   // idle timeout is measured from here (RFC 3339)
  std::string client;      // the client address at login, for the user's session list
  std::string user_name;   // filled in by Store::FindSession (not stored in the session row)
};

// "sha256:<hex>" over id, name, role, disabled, version, password hash and sealed TOTP secret.
std::string UserAccountDigest(const UserAccount& u);

}  // namespace recount::storage
