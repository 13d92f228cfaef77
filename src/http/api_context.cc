#include "http/api_context.h"

#include <nlohmann/json.hpp>

#include "app/log_signing.h"

namespace recount::http {

Result<std::unique_ptr<Connection>> ConnectionPool::Acquire() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!idle_.empty()) {
      std::unique_ptr<Connection> c = std::move(idle_.back());
      idle_.pop_back();
      return c;
    }
  }
  auto c = std::make_unique<Connection>();
  ASSIGN_OR_RETURN(c->store, storage::OpenStore(options_->store_location,
                                                storage::OpenMode::kOpenExisting));
  // A server connection reads as no one until the router names the request's user
  // (docs/access.md): never the whole-store scope a command-line open starts with.
  RETURN_IF_ERROR(c->store->SetReadScope(int64_t{0}));
  ASSIGN_OR_RETURN(crypto::NoteSigner signer, app::DeriveLogKey(keys_->master_key));
  RETURN_IF_ERROR(
      app::AttachLogSigner(*c->store, std::make_shared<crypto::NoteSigner>(std::move(signer))));
  ASSIGN_OR_RETURN(c->accounts,
                   app::Accounts::Create(*c->store, keys_->master_key, options_->login));
  ASSIGN_OR_RETURN(std::unique_ptr<app::RecordSealer> sealer,
                   app::RecordSealer::FromMasterKey(keys_->master_key));
  c->narratives = app::NarrativeReader::Unlocked(std::move(sealer));
  return c;
}

void ConnectionPool::Release(std::unique_ptr<Connection> c) {
  std::lock_guard<std::mutex> lock(mu_);
  idle_.push_back(std::move(c));
}

Result<app::IdentityReader> Call::Identities() const {
  if (keys.legacy_plain_identities) return app::IdentityReader::LegacyPlaintext();
  if (!keys.vault_key) return app::IdentityReader::Locked();
  ASSIGN_OR_RETURN(std::unique_ptr<app::IdentityVault> vault,
                   app::IdentityVault::FromVaultKey(*keys.vault_key));
  return app::IdentityReader::Unlocked(std::move(vault));
}

Response JsonResponse(int status, const std::string& json) {
  Response r;
  r.status = status;
  r.body = json;
  r.headers.push_back({"Cache-Control", "no-store"});
  return r;
}

Response ErrorJson(const Status& status) {
  int code = HttpStatusFor(status.code());
  nlohmann::json j = {{"error",
                       {{"status", code},
                        {"code", std::string(StatusCodeName(status.code()))},
                        {"message", status.message()}}}};
  return JsonResponse(code, j.dump());
}

Result<int64_t> IdParam(const Call& call, const std::string& name) {
  auto it = call.params.find(name);
  const std::string v = it == call.params.end() ? "" : it->second;
  int64_t out = 0;
  if (v.empty() || v.size() > 18) return InvalidArgument(name + " must be a positive number");
  for (char c : v) {
    if (c < '0' || c > '9') return InvalidArgument(name + " must be a positive number");
    out = out * 10 + (c - '0');
  }
  if (out <= 0) return InvalidArgument(name + " must be a positive number");
  return out;
}

Result<int64_t> IntQuery(const Call& call, const std::string& name, int64_t fallback, int64_t lo,
                         int64_t hi) {
  const std::string v = call.request.Query(name);
  if (v.empty()) return fallback;
  char* end = nullptr;
  long long n = std::strtoll(v.c_str(), &end, 10);
  if (*end != '\0' || n < lo || n > hi) {
    return InvalidArgument("query argument '" + name + "' must be a whole number from " +
                           std::to_string(lo) + " to " + std::to_string(hi));
  }
  return static_cast<int64_t>(n);
}

}  // namespace recount::http
