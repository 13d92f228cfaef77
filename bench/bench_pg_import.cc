// PostgreSQL import throughput (docs/postgres.md, "Bulk import"): records per second written
// through Store::ImportBatch (ids reserved in blocks, COPY, the log appended at commit), by one
// writer and by 8 writers at once into one store; after the concurrent run the log must be one
// sequence (seq 1..N, the stored tree head covering all of it), else the benchmark fails.
// The goal: 50,000 records/s.
//
//   tests/pg/cluster.sh start /tmp/pgb
//   PGPASSFILE=/tmp/pgb/pgpass RECOUNT_BENCH_PG_URL=$(cat /tmp/pgb/url) \
//     RECOUNT_BENCH_PG_DATA=$(cat /tmp/pgb/run)/data build/bench/bench_pg_import
//   RECOUNT_BENCH_RECORDS=200000 ...    (default 50,000)
//   tests/pg/cluster.sh stop /tmp/pgb
//
// Records are built in memory (2 acts each, one involvement, a 120-byte stand-in for the sealed
// identity): this measures the store, not CSV parsing or sealing (bench_import measures those).
// With RECOUNT_BENCH_PG_DATA (the server's data folder, on this machine) it also reports the CPU
// time per record of the client (client_us) and of the server (server_us): figures that hold
// on a loaded machine, where records/s depends on what else runs.
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

#include "pg_bench_support.h"
#include "storage/store.h"

namespace {

using recount::Status;
using namespace recount::storage;

int64_t RecordCount() {
  const char* env = std::getenv("RECOUNT_BENCH_RECORDS");
  return env ? std::atoll(env) : 50000;
}

Status ImportRange(Store& store, const std::string& source, int64_t from, int64_t to) {
  ASSIGN_OR_RETURN(auto batch, store.BeginImport(source, "bench"));
  const std::string blob(120, 'x');
  for (int64_t i = from; i < to; ++i) {
    auto added = batch->Add(recount::bench::SyntheticRecord(i),
                            "id-" + source + "-" + std::to_string(i), blob);
    RETURN_IF_ERROR(added.status());
  }
  return batch->Commit();
}

void Run(benchmark::State& state, int writers) {
  const char* admin = std::getenv("RECOUNT_BENCH_PG_URL");
  if (admin == nullptr || *admin == '\0') {
    state.SkipWithError("set RECOUNT_BENCH_PG_URL (see the comment at the top of this file)");
    return;
  }
  const int64_t records = RecordCount();
  double client_cpu = 0, server_cpu = 0;
  for (auto _ : state) {
    state.PauseTiming();
    std::string err;
    std::string url =
        recount::bench::NewPgDatabase(admin, "recount_bench_" + std::to_string(writers), &err);
    if (url.empty()) {
      state.SkipWithError(err.c_str());
      return;
    }
    {
      auto created = OpenStore(url, OpenMode::kCreate);
      if (!created.ok()) {
        state.SkipWithError(created.status().ToString().c_str());
        return;
      }
    }
    state.ResumeTiming();
    const double client_start = recount::bench::ClientCpuSeconds();
    const double server_start = recount::bench::ServerCpuSeconds();
    std::vector<Status> results(writers);
    std::vector<std::thread> threads;
    for (int w = 0; w < writers; ++w) {
      threads.emplace_back([&, w] {
        auto store = OpenStore(url, OpenMode::kOpenExisting);
        if (!store.ok()) {
          results[w] = store.status();
          return;
        }
        // Each writer imports its share in batches of 10,000, as separate imports.
        const int64_t share = records / writers;
        for (int64_t from = 0; from < share && results[w].ok(); from += 10000) {
          results[w] = ImportRange(**store, "source-" + std::to_string(w), from,
                                   std::min(share, from + 10000));
        }
      });
    }
    for (auto& t : threads) t.join();
    state.PauseTiming();
    client_cpu += recount::bench::ClientCpuSeconds() - client_start;
    // The writers' server processes exit as their connections close; an exited process's CPU
    // time is counted once the postmaster has reaped it (a zombie's reads as nothing).
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    server_cpu += recount::bench::ServerCpuSeconds() - server_start;
    for (const Status& s : results) {
      if (!s.ok()) {
        state.SkipWithError(s.ToString().c_str());
        return;
      }
    }
    // No lost write and no fork: seq 1..N, one create entry per record, the head covers it all.
    auto store = OpenStore(url, OpenMode::kOpenExisting);
    const int64_t entries = recount::bench::LogEntriesInOneSequence(**store);
    const int64_t stored = *(*store)->CountRecords({});
    if (entries < 0 || stored != (records / writers) * writers || entries != stored) {
      state.SkipWithError("the log is not one sequence covering every record");
      return;
    }
    state.ResumeTiming();
  }
  state.counters["records_per_s"] =
      benchmark::Counter(static_cast<double>((records / writers) * writers) * state.iterations(),
                         benchmark::Counter::kIsRate);
  state.counters["writers"] = writers;
  const double done = static_cast<double>((records / writers) * writers) * state.iterations();
  state.counters["client_us"] = client_cpu * 1e6 / done;
  if (server_cpu >= 0 && std::getenv("RECOUNT_BENCH_PG_DATA") != nullptr) {
    state.counters["server_us"] = server_cpu * 1e6 / done;
  }
}

void BM_PgImportOneWriter(benchmark::State& state) { Run(state, 1); }
void BM_PgImportEightWriters(benchmark::State& state) { Run(state, 8); }
BENCHMARK(BM_PgImportOneWriter)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();
BENCHMARK(BM_PgImportEightWriters)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
