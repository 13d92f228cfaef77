// LoginThrottle: at most `per_minute` sign-in attempts per client address per minute, as a token
// bucket per address (docs/web.md, "Limits"). In memory, per server process: it slows password
// guessing from one address; the per-account lock-out in app/accounts.h (stored, so shared by
// every server process) stops guessing one account from many addresses.
//
// Thread-safety: all methods may be called concurrently.
#pragma once

#include <map>
#include <mutex>
#include <string>

namespace recount::http {

class LoginThrottle {
 public:
  explicit LoginThrottle(double per_minute = 10) : per_minute_(per_minute) {}
  // True when `client` may try now (takes one token).
  bool Allow(const std::string& client, double now_seconds);

 private:
  struct Bucket {
    double tokens;
    double updated;
  };
  double per_minute_;
  std::mutex mu_;
  std::map<std::string, Bucket> buckets_;
};

}  // namespace recount::http
