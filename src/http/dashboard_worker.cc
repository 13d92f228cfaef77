#include "http/dashboard_worker.h"

#include <atomic>
#include <chrono>
#include <optional>

#include "base/clock.h"
#include "storage/audit_entry.h"
#include "storage/store.h"

namespace recount::http {

bool ChangesDashboard(std::string_view op) {
  // The figures are counts, estimates, linkage and review state: none depends on these.
  for (std::string_view quiet : {"login", "read-identity", "read-attachment", "user", "share",
                                 "keys", "attach", "shred-attachment"}) {
    if (op == quiet) return false;
  }
  return true;
}

Result<app::DashboardOptions> DefaultDashboardOptions() {
  app::DashboardOptions o;
  for (const char* name : {"loglinear", "chao"}) {
    ASSIGN_OR_RETURN(std::vector<stats::Method> m, stats::ParseMethods(name));
    o.methods.insert(o.methods.end(), m.begin(), m.end());
  }
  o.by = {"year", "place", "act"};
  o.verify_audit = false;
  o.settings = {{"method", kDefaultDashboardMethods},
                {"by", kDefaultDashboardBy},
                {"seed", std::to_string(o.mse.seed)}};
  return o;
}

struct DashboardWorker::Impl {
  using Clock = std::chrono::steady_clock;

  Options options;
  std::unique_ptr<storage::Store> store;  // used by the thread only
  std::atomic<bool> stopping{false};
  mutable std::mutex mu;
  std::condition_variable wake;
  bool nudged = false;                         // guarded by mu
  DashboardState state;                        // guarded by mu
  std::optional<Clock::time_point> first_change, last_change;  // the thread's own
  bool first_pending = true;                   // the thread's own: the model at start
  std::thread thread;

  static Clock::duration Seconds(double s) {
    return std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(s));
  }

  void Run() {
    while (!stopping) {
      Status s = Check();
      if (!s.ok()) {
        std::lock_guard<std::mutex> lock(mu);
        state.error = "reading the log: " + s.message();
      } else if (Due()) {
        Compute();
      }
      std::unique_lock<std::mutex> lock(mu);
      // Wake earlier when a change waits for its quiet time to end.
      Clock::duration wait = Seconds(options.poll_seconds);
      if (last_change) {
        Clock::time_point due = std::min(*last_change + Seconds(options.debounce_seconds),
                                         *first_change + Seconds(options.max_delay_seconds));
        wait = std::max(Clock::duration::zero(), std::min(wait, due - Clock::now()));
      }
      wake.wait_for(lock, wait, [this] { return stopping.load() || nudged; });
      nudged = false;
    }
  }

  // Classifies the log entries appended since the last look.
  Status Check() {
    ASSIGN_OR_RETURN(storage::LogTreeHead head, store->AuditTreeHead());
    uint64_t from = 0;
    {
      std::lock_guard<std::mutex> lock(mu);
      from = state.checked_size;
    }
    // Before the first model nothing needs classifying: it covers the whole log.
    if (first_pending) from = head.size;
    bool changed = false;
    for (uint64_t seq = from + 1; seq <= head.size && !changed; ++seq) {
      ASSIGN_OR_RETURN(std::optional<std::string> bytes,
                       store->AuditEntryAt(static_cast<int64_t>(seq)));
      if (!bytes) {
        changed = true;  // a gap: assume the worst
        break;
      }
      Result<storage::AuditEntry> e = storage::ParseAuditEntry(*bytes);
      changed = !e.ok() || ChangesDashboard(e->op);
    }
    std::lock_guard<std::mutex> lock(mu);
    state.checked_size = head.size;
    if (changed) {
      state.dirty = true;
      last_change = Clock::now();
      if (!first_change) first_change = last_change;
    }
    return Status();
  }

  bool Due() const {
    if (first_pending) return true;
    if (!last_change) return false;
    const Clock::time_point now = Clock::now();
    return now - *last_change >= Seconds(options.debounce_seconds) ||
           now - *first_change >= Seconds(options.max_delay_seconds);
  }

  void Compute() {
    uint64_t at = 0;
    {
      std::lock_guard<std::mutex> lock(mu);
      state.computing = true;
      at = state.checked_size;  // every entry up to here is in what is read next
    }
    first_pending = false;
    first_change.reset();
    last_change.reset();
    app::DashboardOptions o = options.dashboard;
    o.stop = [this] { return stopping.load(); };
    Result<std::string> model = app::DashboardJson(*store, o);
    std::lock_guard<std::mutex> lock(mu);
    state.computing = false;
    if (stopping) return;
    if (model.ok()) {
      state.model = std::make_shared<const std::string>(std::move(*model));
      state.log_size = at;
      state.computed_at = NowRfc3339();
      state.error.clear();
      // Entries after `at` were not classified yet: the next Check() does.
      state.dirty = false;
    } else {
      // Kept: the previous model (if any) and whether it is stale. Tried again after the next
      // change, not in a loop.
      state.error = model.status().message();
    }
  }
};

Result<std::unique_ptr<DashboardWorker>> DashboardWorker::Start(Options options) {
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  ASSIGN_OR_RETURN(impl->store, storage::OpenStore(impl->options.store_location,
                                                   storage::OpenMode::kOpenExisting));
  impl->store->SetActor("recount serve (dashboard)");
  Impl* raw = impl.get();
  impl->thread = std::thread([raw] { raw->Run(); });
  return std::unique_ptr<DashboardWorker>(new DashboardWorker(std::move(impl)));
}

DashboardWorker::DashboardWorker(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

DashboardWorker::~DashboardWorker() { Stop(); }

DashboardState DashboardWorker::State() const {
  std::lock_guard<std::mutex> lock(impl_->mu);
  return impl_->state;
}

void DashboardWorker::Nudge() {
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->nudged = true;
  }
  impl_->wake.notify_all();
}

void DashboardWorker::Stop() {
  {
    std::lock_guard<std::mutex> lock(impl_->mu);
    impl_->stopping = true;
  }
  impl_->wake.notify_all();
  if (impl_->thread.joinable()) impl_->thread.join();
}

}  // namespace recount::http
