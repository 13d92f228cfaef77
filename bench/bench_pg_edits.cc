// Concurrent record edits on PostgreSQL (issue 7: "8 concurrent writers sustaining edits with no
// lost update and no log fork"). Writers, each with its own connection, edit records of a hot set
// for a fixed time: read the record, append a token to its narrative, save it from the version
// read (Store::UpdateRecord); a stale save is refused (kConflict) and redone from a fresh read.
// Afterwards every accepted token must be in its record exactly once, each record's version must
// count its accepted edits, and the log must be one gap-free sequence with one entry per record
// imported and per accepted edit, else the benchmark fails.
//
// With RECOUNT_BENCH_PG_DATA (the server's data folder: $(cat /tmp/pgb/run)/data) it also reports
// client and server CPU microseconds per accepted edit.
//
//   tests/pg/cluster.sh start /tmp/pgb
//   PGPASSFILE=/tmp/pgb/pgpass RECOUNT_BENCH_PG_URL=$(cat /tmp/pgb/url)
//   build-bench/bench/bench_pg_edits RECOUNT_BENCH_SECONDS=20 RECOUNT_BENCH_HOT=200 ... (defaults:
//   10 s, 200 hot records) tests/pg/cluster.sh stop /tmp/pgb
#include <benchmark/benchmark.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "pg_bench_support.h"
#include "storage/store.h"

namespace {

using recount::Status;
using recount::StatusCode;
using namespace recount::storage;

int64_t EnvInt(const char* name, int64_t fallback) {
  const char* env = std::getenv(name);
  return env != nullptr && *env != '\0' ? std::atoll(env) : fallback;
}

struct Accepted {
  int64_t record_index;
  std::string token;
};

// One writer's loop until `stop`: the edits it got accepted, the stale saves it redid.
Status EditLoop(Store& store, const std::vector<recount::model::RowId>& ids, int writer,
                const std::atomic<bool>& stop, std::vector<Accepted>* accepted,
                int64_t* conflicts) {
  std::mt19937_64 rng(1000 + writer);
  for (int64_t n = 0; !stop.load(std::memory_order_relaxed); ++n) {
    const int64_t index = static_cast<int64_t>(rng() % ids.size());
    const std::string token = "[" + std::to_string(writer) + "." + std::to_string(n) + "]";
    for (;;) {
      ASSIGN_OR_RETURN(StoredRecord current, store.GetRecord(ids[index]));
      RecordUpdate u;
      u.id = ids[index];
      u.expected_version = current.version;
      u.record = std::move(current.record);
      u.record.narrative += token;
      auto done = store.UpdateRecord(u);
      if (done.ok()) break;
      if (done.status().code() != StatusCode::kConflict) return done.status();
      ++*conflicts;
    }
    accepted->push_back({index, token});
  }
  return Status();
}

// Empty when no update was lost and the log is one sequence; else what is wrong.
std::string Verify(Store& store, const std::vector<recount::model::RowId>& ids,
                   const std::vector<std::vector<Accepted>>& accepted) {
  std::vector<int64_t> per_record(ids.size(), 0);
  std::vector<std::string> narrative(ids.size());
  for (size_t r = 0; r < ids.size(); ++r) {
    auto rec = store.GetRecord(ids[r]);
    if (!rec.ok()) return rec.status().ToString();
    narrative[r] = rec->record.narrative;
    per_record[r] = rec->version - 1;
  }
  int64_t total = 0;
  std::vector<int64_t> seen(ids.size(), 0);
  for (const auto& list : accepted) {
    for (const Accepted& a : list) {
      const std::string& text = narrative[a.record_index];
      const size_t at = text.find(a.token);
      if (at == std::string::npos) return "lost update " + a.token;
      if (text.find(a.token, at + 1) != std::string::npos) return "applied twice " + a.token;
      ++seen[a.record_index];
      ++total;
    }
  }
  for (size_t r = 0; r < ids.size(); ++r) {
    if (seen[r] != per_record[r]) return "record " + std::to_string(ids[r]) + ": version off";
  }
  const int64_t entries = recount::bench::LogEntriesInOneSequence(store);
  auto stored = store.CountRecords({});
  if (!stored.ok()) return stored.status().ToString();
  if (entries < 0) return "the log has a gap or a fork";
  if (entries != *stored + total) return "the log does not hold one entry per record and edit";
  return "";
}

void Run(benchmark::State& state, int writers) {
  const char* admin = std::getenv("RECOUNT_BENCH_PG_URL");
  if (admin == nullptr || *admin == '\0') {
    state.SkipWithError("set RECOUNT_BENCH_PG_URL (see the comment at the top of this file)");
    return;
  }
  const int64_t hot = EnvInt("RECOUNT_BENCH_HOT", 200);
  const int64_t seconds = EnvInt("RECOUNT_BENCH_SECONDS", 10);
  for (auto _ : state) {
    state.PauseTiming();
    std::string err;
    const std::string url = recount::bench::NewPgDatabase(
        admin, "recount_bench_edits_" + std::to_string(writers), &err);
    if (url.empty()) {
      state.SkipWithError(err.c_str());
      return;
    }
    std::vector<recount::model::RowId> ids;
    {
      auto created = OpenStore(url, OpenMode::kCreate);
      if (!created.ok()) {
        state.SkipWithError(created.status().ToString().c_str());
        return;
      }
      auto batch = (*created)->BeginImport("source", "bench");
      for (int64_t i = 0; batch.ok() && i < hot; ++i) {
        auto id = (*batch)->Add(recount::bench::SyntheticRecord(i), "", "");
        if (id.ok()) ids.push_back(*id);
      }
      if (!batch.ok() || static_cast<int64_t>(ids.size()) != hot || !(*batch)->Commit().ok()) {
        state.SkipWithError("could not import the hot records");
        return;
      }
    }
    std::vector<std::unique_ptr<Store>> stores;
    for (int w = 0; w < writers; ++w) {
      auto store = OpenStore(url, OpenMode::kOpenExisting);
      if (!store.ok()) {
        state.SkipWithError(store.status().ToString().c_str());
        return;
      }
      stores.push_back(std::move(*store));
    }
    std::vector<std::vector<Accepted>> accepted(writers);
    std::vector<int64_t> conflicts(writers, 0);
    std::vector<Status> results(writers);
    std::atomic<bool> stop{false};
    state.ResumeTiming();
    const double client_start = recount::bench::ClientCpuSeconds();
    const double server_start = recount::bench::ServerCpuSeconds();
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) {
      threads.emplace_back(
          [&, w] { results[w] = EditLoop(*stores[w], ids, w, stop, &accepted[w], &conflicts[w]); });
    }
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    stop = true;
    for (auto& t : threads) t.join();
    state.PauseTiming();
    const double client_cpu = recount::bench::ClientCpuSeconds() - client_start;
    const double server_cpu = recount::bench::ServerCpuSeconds() - server_start;
    for (const Status& s : results) {
      if (!s.ok()) {
        state.SkipWithError(s.ToString().c_str());
        return;
      }
    }
    const std::string wrong = Verify(*stores[0], ids, accepted);
    if (!wrong.empty()) {
      state.SkipWithError(wrong.c_str());
      return;
    }
    int64_t edits = 0, refused = 0;
    for (int w = 0; w < writers; ++w) {
      edits += static_cast<int64_t>(accepted[w].size());
      refused += conflicts[w];
    }
    state.counters["edits_per_s"] = static_cast<double>(edits) / seconds;
    state.counters["stale_refused_per_s"] = static_cast<double>(refused) / seconds;
    state.counters["writers"] = writers;
    // CPU per accepted edit (refused saves included in the cost), on this machine's server.
    const double per_edit = 1e6 / static_cast<double>(std::max<int64_t>(edits, 1));
    state.counters["client_us"] = client_cpu * per_edit;
    if (std::getenv("RECOUNT_BENCH_PG_DATA") != nullptr) {
      state.counters["server_us"] = server_cpu * per_edit;
    }
    state.ResumeTiming();
  }
}

void BM_PgEditsOneWriter(benchmark::State& state) { Run(state, 1); }
void BM_PgEditsEightWriters(benchmark::State& state) { Run(state, 8); }
BENCHMARK(BM_PgEditsOneWriter)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_PgEditsEightWriters)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
