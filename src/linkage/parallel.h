// A small worker pool for the linkage passes: items 0..count-1 handed out one at a time (in
// increasing order) to `threads` workers, the calling thread being one of them. Results stay
// deterministic when each item writes only its own output slot and the caller combines the slots
// in item order (linker.cc does). The first exception thrown by an item is rethrown to the caller
// after every worker has stopped; items not yet started are then skipped.
// Thread-safety: fn is called concurrently from several threads with distinct items.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <exception>
#include <mutex>
#include <system_error>
#include <thread>
#include <vector>

namespace recount::linkage {

// Workers for `requested` (<= 0: one per hardware thread, at least 1, at most 64).
inline int WorkerCount(int requested) {
  if (requested > 0) return std::min(requested, 64);
  const unsigned hw = std::thread::hardware_concurrency();
  return static_cast<int>(std::clamp(hw, 1u, 64u));
}

// Calls fn(worker, item) for every item in [0, count); worker is in [0, threads).
template <typename Fn>
void ParallelFor(size_t count, int threads, Fn&& fn) {
  threads = static_cast<int>(std::min<size_t>(static_cast<size_t>(std::max(threads, 1)),
                                              std::max<size_t>(count, 1)));
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::exception_ptr error;
  std::mutex error_mu;
  auto work = [&](int worker) {
    for (;;) {
      const size_t item = next.fetch_add(1, std::memory_order_relaxed);
      if (item >= count || failed.load(std::memory_order_relaxed)) return;
      try {
        fn(worker, item);
      } catch (...) {
        std::lock_guard<std::mutex> lock(error_mu);
        if (!error) error = std::current_exception();
        failed.store(true, std::memory_order_relaxed);
        return;
      }
    }
  };
  std::vector<std::thread> pool;
  pool.reserve(static_cast<size_t>(threads - 1));
  for (int t = 1; t < threads; ++t) {
    try {
      pool.emplace_back(work, t);
    } catch (const std::system_error&) {
      break;  // no more threads to be had: the ones running share the items
    }
  }
  work(0);
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace recount::linkage
