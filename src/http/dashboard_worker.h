// DashboardWorker: keeps the web app's default estimates dashboard (docs/web.md, "Estimates in
// the background") computed in a background thread of `recount serve`, so that no request waits
// for the estimation (about 30 s on a large store).
//
// At start it computes the model once; then it watches the tamper-evident log (every poll, or at
// once when nudged after a state-changing request): each new entry whose operation can change the
// figures (ChangesDashboard: imports, edits, deletions, linkage, review decisions, restores...)
// marks the model stale, and a new one is computed once the log has been quiet for the debounce
// time, or at the latest max_delay after the first change. Sign-ins, identity reads, account and
// sharing changes do not: the figures do not depend on them.
//
// State() is the latest finished model with the log size it was computed at, and what is known
// about newer entries: the caller compares it with the log's current size, treating entries the
// worker has not classified yet as changes, so a stale model is never presented as current.
//
// Ownership and threads: the worker owns its thread and its own store connection (reading the
// whole store: the model's aggregates include restricted records, docs/access.md). State() and
// Nudge() may be called from any thread. Stop() (and the destructor) ends the thread: a running
// computation is abandoned (app::DashboardOptions::stop, passed down to stats::MseOptions::stop,
// which the log-linear method asks before each model fit and bootstrap replicate), so it returns
// within about one model fit.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "app/report_dashboard.h"
#include "base/result.h"

namespace recount::http {

struct DashboardState {
  std::shared_ptr<const std::string> model;  // the latest model's JSON; null before the first
  uint64_t log_size = 0;       // the log's size when that model's computation began
  std::string computed_at;     // RFC 3339, when it finished
  uint64_t checked_size = 0;   // entries up to here have been classified
  bool dirty = false;          // an entry in (log_size, checked_size] changes the figures
  bool computing = false;      // a computation is running now
  std::string error;           // why the last computation failed ("" when it did not)
};

// True when a log entry with operation `op` may change the dashboard's figures (unknown
// operations do, to be safe).
bool ChangesDashboard(std::string_view op);

// The dashboard the worker keeps: the web page's default, method loglinear,chao, by
// year,place,act, without verifying the whole log.
inline constexpr const char* kDefaultDashboardMethods = "loglinear,chao";
inline constexpr const char* kDefaultDashboardBy = "year,place,act";
// Those options, with the settings the model shows (as GET /api/dashboard would set them).
Result<app::DashboardOptions> DefaultDashboardOptions();

class DashboardWorker {
 public:
  struct Options {
    std::string store_location;
    app::DashboardOptions dashboard;  // what to compute (the default above)
    double poll_seconds = 1.0;        // how often the log is looked at without a nudge
    double debounce_seconds = 2.0;    // quiet time after a change before recomputing
    double max_delay_seconds = 30.0;  // ... but never longer than this after the first change
  };
  // Opens the store (errors name it) and starts the thread.
  static Result<std::unique_ptr<DashboardWorker>> Start(Options options);
  ~DashboardWorker();
  DashboardWorker(const DashboardWorker&) = delete;
  DashboardWorker& operator=(const DashboardWorker&) = delete;

  DashboardState State() const;
  // Look at the log now rather than at the next poll.
  void Nudge();
  void Stop();

 private:
  struct Impl;
  explicit DashboardWorker(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace recount::http
