// `recount serve`: the web application's HTTP API (src/http, docs/web.md) on loopback by default.
#include <csignal>
#include <ostream>

#include "app/store_keys.h"
#include "cli/commands.h"
#include "cli/credentials.h"
#include "cli/store_master_key.h"
#include "http/router.h"
#include "http/server.h"
#include "storage/store.h"

namespace recount::cli {
namespace {

struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  unsigned threads = 0;  // one per core (http::ServerLimits)
  bool secure_cookies = false;
  bool trust_proxy = false;
  size_t max_body = 1 << 20;
  size_t max_upload = 25 << 20;
  unsigned idle_timeout = 10;
};

// The identity-vault key when a vault credential is given; nullopt (identities locked) when not.
Result<std::optional<crypto::SecretBytes>> VaultKey(storage::Store& store, CommandContext& ctx) {
  ASSIGN_OR_RETURN(std::optional<crypto::KeyRing> ring, app::LoadStoreKeys(store));
  if (!ring) return std::optional<crypto::SecretBytes>();
  ASSIGN_OR_RETURN(std::optional<crypto::Credential> cred,
                   CredentialForUnlock(KeySlot::kVault, /*allow_skip=*/true, ctx));
  if (!cred) return std::optional<crypto::SecretBytes>();
  ASSIGN_OR_RETURN(crypto::SecretBytes key, ring->Unlock(crypto::KeySlotKind::kIdentityVault, *cred));
  return std::optional<crypto::SecretBytes>(std::move(key));
}

Status Serve(const ServeOptions& o, CommandContext& ctx) {
  http::ServerOptions options;
  options.store_location = ResolveStorePath(ctx);
  options.secure_cookies = o.secure_cookies;
  options.trust_proxy = o.trust_proxy;
  http::ServerKeys keys;
  {
    ASSIGN_OR_RETURN(auto store, storage::OpenStore(options.store_location,
                                                    storage::OpenMode::kOpenExisting));
    ASSIGN_OR_RETURN(UnlockedStore unlocked,
                     UnlockStoreMasterKey(*store, ctx, "sign the log and open narratives"));
    keys.master_key = std::move(unlocked.master_key);
    ASSIGN_OR_RETURN(keys.vault_key, VaultKey(*store, ctx));
    ASSIGN_OR_RETURN(std::vector<storage::UserAccount> users, store->ListUsers());
    if (users.empty()) {
      *ctx.err << "recount: note: the store has no users yet; create the first administrator "
                  "with 'recount user add NAME --role administrator'\n";
    }
  }
  http::ServerLimits limits;
  limits.threads = o.threads;
  limits.max_body_bytes = o.max_body;
  limits.max_upload_bytes = o.max_upload;
  limits.idle_timeout_seconds = o.idle_timeout;
  http::Router router(options, keys);
  // The estimates dashboard is computed in the background from the start (docs/web.md).
  {
    http::DashboardWorker::Options dashboard;
    ASSIGN_OR_RETURN(dashboard.dashboard, http::DefaultDashboardOptions());
    RETURN_IF_ERROR(router.StartDashboard(std::move(dashboard)));
  }

  // Block SIGINT/SIGTERM before the server's threads start, so that they inherit the mask and
  // this thread receives the signal in sigwait.
  sigset_t stop;
  sigemptyset(&stop);
  sigaddset(&stop, SIGINT);
  sigaddset(&stop, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop, nullptr);
  ASSIGN_OR_RETURN(std::unique_ptr<http::HttpServer> server,
                   http::HttpServer::Start(
                       o.listen, [&router](const http::Request& r) { return router.Dispatch(r); },
                       limits, http::BodyKindOf,
                       [&router](const http::Request& r) { return router.AdmitUpload(r); }));
  auto hp = http::ParseListenAddress(o.listen).value();
  *ctx.out << "recount: serving " << options.store_location << " on http://"
           << (hp.first.find(':') != std::string::npos ? "[" + hp.first + "]" : hp.first) << ":"
           << server->port() << "/ (identities "
           << (keys.vault_key ? "unlocked" : "locked") << "); Ctrl-C stops\n"
           << std::flush;
  int sig = 0;
  sigwait(&stop, &sig);
  server->Stop();
  router.StopDashboard();
  *ctx.out << "recount: stopped\n";
  return Status();
}

}  // namespace

Command ServeCommand() {
  return {"serve", "run the web application's HTTP API (loopback by default)",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto o = std::make_shared<ServeOptions>();
            AddStoreOption(sub, ctx);
            sub.add_option("--listen", o->listen, "address:port to listen on (port 0: any free)")
                ->capture_default_str();
            sub.add_option("--threads", o->threads, "worker threads (0: one per core)")
                ->check(CLI::Range(0u, 64u))
                ->capture_default_str();
            sub.add_option("--max-body", o->max_body, "largest request body in bytes")
                ->check(CLI::Range(size_t{1024}, size_t{64} << 20))
                ->capture_default_str();
            sub.add_option("--max-upload", o->max_upload,
                           "largest attachment uploaded through the web, in bytes (held in "
                           "memory while it is encrypted)")
                ->check(CLI::Range(size_t{1024}, size_t{512} << 20))
                ->capture_default_str();
            sub.add_option("--idle-timeout", o->idle_timeout,
                           "seconds a connection may stay silent")
                ->check(CLI::Range(1u, 3600u))
                ->capture_default_str();
            sub.add_flag("--secure-cookies", o->secure_cookies,
                         "mark the session cookie Secure (set this behind TLS, e.g. nginx)");
            sub.add_flag("--trust-proxy", o->trust_proxy,
                         "take the client address from X-Forwarded-For (only behind your proxy)");
            sub.footer(
                "Unlocks the store key (RECOUNT_PASSPHRASE / RECOUNT_KEY_FILE or a prompt) and, "
                "when given, the identity vault (RECOUNT_VAULT_PASSPHRASE / "
                "RECOUNT_VAULT_KEY_FILE); without it identities stay locked for everyone. Users "
                "come from 'recount user add'. Put nginx with TLS in front for anything beyond "
                "this machine (docs/web.md, docs/nginx.conf.example).");
            return [&ctx, o]() -> Status { return Serve(*o, ctx); };
          }};
}

}  // namespace recount::cli
