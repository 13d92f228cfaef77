#include "http/login_throttle.h"

#include <algorithm>

namespace recount::http {

bool LoginThrottle::Allow(const std::string& client, double now) {
  std::lock_guard<std::mutex> lock(mu_);
  if (buckets_.size() > 100000) {
    // Forget full buckets so that many addresses cannot grow the map without bound.
    for (auto it = buckets_.begin(); it != buckets_.end();) {
      it = now - it->second.updated > 60 ? buckets_.erase(it) : std::next(it);
    }
  }
  auto [it, fresh] = buckets_.try_emplace(client, Bucket{per_minute_, now});
  Bucket& b = it->second;
  if (!fresh) {
    b.tokens = std::min(per_minute_, b.tokens + (now - b.updated) * per_minute_ / 60.0);
    b.updated = now;
  }
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

}  // namespace recount::http
