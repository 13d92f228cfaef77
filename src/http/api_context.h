// What an API handler works with: the request, its path parameters, the signed-in user, and one
// store connection with the per-connection helpers (accounts, narrative sealer, identity reader)
// taken from the pool for the duration of the request (docs/web.md, "Store connections").
//
// Thread-safety: a Connection is used by one request at a time (the pool hands it out and takes
// it back); ServerKeys is read-only after start and shared by all threads.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "app/accounts.h"
#include "app/identity_vault.h"
#include "app/record_access.h"
#include "app/record_seal.h"
#include "base/result.h"
#include "crypto/secret_bytes.h"
#include "http/http_types.h"
#include "storage/store.h"

namespace recount::http {

class DashboardWorker;

// The keys `recount serve` unlocked at start.
struct ServerKeys {
  crypto::SecretBytes master_key;
  std::optional<crypto::SecretBytes> vault_key;  // nullopt: identities locked on this server
  bool legacy_plain_identities = false;          // a store without keys (schema < 5)
};

struct Connection {
  std::unique_ptr<storage::Store> store;
  std::unique_ptr<app::Accounts> accounts;
  app::NarrativeReader narratives = app::NarrativeReader::Locked();
};

struct ServerOptions {
  std::string store_location;
  bool secure_cookies = false;  // add Secure to the session cookie (behind TLS)
  bool trust_proxy = false;     // take the client address from X-Forwarded-For
  app::LoginPolicy login;
};

// Opens connections on demand and keeps the idle ones. Each connection signs its log entries with
// the log key derived from the master key and names the signed-in user as the actor.
class ConnectionPool {
 public:
  ConnectionPool(const ServerOptions& options, const ServerKeys& keys)
      : options_(&options), keys_(&keys) {}
  Result<std::unique_ptr<Connection>> Acquire();
  void Release(std::unique_ptr<Connection> c);

 private:
  const ServerOptions* options_;
  const ServerKeys* keys_;
  std::mutex mu_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

// One API call in progress.
struct Call {
  const Request& request;
  std::map<std::string, std::string> params;  // path parameters, e.g. {"id": "12"}
  const app::SignedIn* user = nullptr;        // null only on public routes
  Connection& conn;
  const ServerOptions& options;
  const ServerKeys& keys;
  // The background dashboard (dashboard_worker.h); null when the server runs none (tests).
  DashboardWorker* dashboard = nullptr;

  storage::Store& store() { return *conn.store; }
  // A reader of identities for this request (unlocked when the server has the vault key); the
  // caller logs what it read (app/identity_reads.h).
  Result<app::IdentityReader> Identities() const;
  // Whose access rules apply (app/record_access.h): the signed-in user; on a public route no
  // one (account id 0 sees unrestricted records only; public routes read no records anyway).
  app::Viewer viewer() const { return app::Viewer::WebUser(user ? user->user.id : 0); }
  // The actor for log entries: the signed-in user's name.
  std::string actor() const { return user ? user->user.name : "anonymous"; }
};

// JSON helpers for handlers.
Response JsonResponse(int status, const std::string& json);
Response ErrorJson(const Status& status);
// A path parameter as a positive integer id; kInvalidArgument naming it otherwise.
Result<int64_t> IdParam(const Call& call, const std::string& name);
// An integer query argument in [lo, hi], or `fallback` when absent.
Result<int64_t> IntQuery(const Call& call, const std::string& name, int64_t fallback, int64_t lo,
                         int64_t hi);

}  // namespace recount::http
