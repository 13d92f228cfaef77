// The floor under import speed: how fast SQLite alone writes the rows one imported record needs,
// with recount's real schema and settings but none of recount's work (no CSV parsing, no
// validation, no sealing, no hashing, no signing). Whatever `bench_import` measures can never be
// faster than this. Rows per record as bench_import's data: one testimony, one identity (random
// 32-hex-digit key, ~150-byte sealed blob), one person, two events, two acts, two involvements and
// one log entry (~300 bytes plus a 32-byte leaf hash).
//
//   build/bench/bench_sqlite_floor                          # 200,000 records
//   RECOUNT_BENCH_RECORDS=1000000 build/bench/bench_sqlite_floor
//
// Variants (the benchmark argument "rows"): 1 writes every row above; 2 leaves out the log entry;
// 0 leaves out the identity row and the log entry (what an unprotected store would write).
// RECOUNT_BENCH_CACHE_KB overrides the page cache size (default: the store's 64 MiB).
#include <benchmark/benchmark.h>
#include <sqlite3.h>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

#include "storage/store.h"

namespace {

int64_t RecordCount() {
  const char* env = std::getenv("RECOUNT_BENCH_RECORDS");
  return env ? std::atoll(env) : 200000;
}

struct Stmt {
  sqlite3_stmt* s = nullptr;
  Stmt(sqlite3* db, const char* sql) { sqlite3_prepare_v2(db, sql, -1, &s, nullptr); }
  ~Stmt() { sqlite3_finalize(s); }
  void Text(int i, const std::string& v) { sqlite3_bind_text(s, i, v.data(), v.size(), SQLITE_TRANSIENT); }
  void Blob(int i, const std::string& v) { sqlite3_bind_blob(s, i, v.data(), v.size(), SQLITE_TRANSIENT); }
  void Int(int i, int64_t v) { sqlite3_bind_int64(s, i, v); }
  bool Run() {
    bool ok = sqlite3_step(s) == SQLITE_DONE;
    sqlite3_reset(s);
    return ok;
  }
};

// Writes `records` records' rows in one transaction; false on any SQLite error.
bool WriteRows(sqlite3* db, int64_t records, bool identity_and_log, bool log_too = true) {
  std::mt19937_64 rng(7);
  Stmt t(db, "INSERT INTO testimonies (source_id, external_id, testimony_date, language, narrative) "
             "VALUES (1, ?, '2019-05-02', 'ko', NULL)");
  Stmt id(db, "INSERT INTO identities (id, data) VALUES (?, ?)");
  Stmt p(db, "INSERT INTO persons (testimony_id, role, sex, birth, birth_lo, birth_hi, "
             "origin_text, identity_id) VALUES (?, 'victim', 'female', '1985', 724642, 725006, "
             "'함경북도', ?)");
  Stmt e(db, "INSERT INTO events (testimony_id, date, date_lo, date_hi, year_lo, year_hi, "
             "place_text, place_id) VALUES (?, '2004-03', 731641, 731671, 2004, 2004, '연길', "
             "'cn-yanji')");
  Stmt a(db, "INSERT INTO acts (event_id, victim_id, act_type) VALUES (?, ?, 'trafficking')");
  Stmt v(db, "INSERT INTO involvements (act_id, perpetrator_type, degree) VALUES (?, 'broker', "
             "'direct')");
  Stmt log(db, "INSERT INTO audit_log (seq, entry, leaf_hash) VALUES (?, ?, ?)");
  const std::string blob(150, 'x');
  const std::string entry(300, 'e');
  const std::string leaf(32, 'h');
  static const char kHex[] = "0123456789abcdef";
  if (sqlite3_exec(db, "BEGIN IMMEDIATE", nullptr, nullptr, nullptr) != SQLITE_OK) return false;
  for (int64_t r = 0; r < records; ++r) {
    t.Text(1, "R" + std::to_string(r));
    if (!t.Run()) return false;
    const int64_t testimony = sqlite3_last_insert_rowid(db);
    std::string identity_id;
    if (identity_and_log) {
      uint64_t x = rng(), y = rng();
      identity_id.resize(32);
      for (int i = 0; i < 16; ++i) identity_id[i] = kHex[(x >> (4 * i)) & 15];
      for (int i = 0; i < 16; ++i) identity_id[16 + i] = kHex[(y >> (4 * i)) & 15];
      id.Text(1, identity_id);
      id.Blob(2, blob);
      if (!id.Run()) return false;
    }
    p.Int(1, testimony);
    if (identity_and_log) {
      p.Text(2, identity_id);
    } else {
      sqlite3_bind_null(p.s, 2);
    }
    if (!p.Run()) return false;
    const int64_t person = sqlite3_last_insert_rowid(db);
    for (int k = 0; k < 2; ++k) {
      e.Int(1, testimony);
      if (!e.Run()) return false;
      a.Int(1, sqlite3_last_insert_rowid(db));
      a.Int(2, person);
      if (!a.Run()) return false;
      v.Int(1, sqlite3_last_insert_rowid(db));
      if (!v.Run()) return false;
    }
    if (identity_and_log && log_too) {
      log.Int(1, r + 1);
      log.Blob(2, entry);
      log.Blob(3, leaf);
      if (!log.Run()) return false;
    }
  }
  return sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr) == SQLITE_OK;
}

void BM_SqliteFloor(benchmark::State& state) {
  const bool identity_and_log = state.range(0) != 0;  // the identity row (and the log entry)
  const bool log_too = state.range(0) != 2;
  const int64_t records = RecordCount();
  const std::string dir = std::filesystem::temp_directory_path() / "recount_bench_floor";
  for (auto _ : state) {
    state.PauseTiming();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    const std::string path = dir + "/s.db";
    {
      // The real schema and file settings (page size, WAL), made by the store itself.
      auto store = recount::storage::OpenStore(path, recount::storage::OpenMode::kCreate);
      auto source = store.ok() ? (*store)->EnsureSource("bench") : store.status();
      if (!store.ok() || !source.ok()) {
        state.SkipWithError("cannot create the store");
        return;
      }
    }
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    // The connection settings SqliteStore uses.
    const char* cache = std::getenv("RECOUNT_BENCH_CACHE_KB");
    const std::string pragmas =
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = OFF; "
        "PRAGMA cache_size = -" + std::string(cache ? cache : "65536");
    sqlite3_exec(db, pragmas.c_str(), nullptr, nullptr, nullptr);
    state.ResumeTiming();
    bool ok = WriteRows(db, records, identity_and_log, log_too);
    state.PauseTiming();
    sqlite3_close(db);
    if (!ok) {
      state.SkipWithError("an insert failed");
      return;
    }
    state.ResumeTiming();
  }
  state.counters["records_per_s"] =
      benchmark::Counter(static_cast<double>(records) * state.iterations(),
                         benchmark::Counter::kIsRate);
  std::filesystem::remove_all(dir);
}
BENCHMARK(BM_SqliteFloor)
    ->ArgName("rows")
    ->Arg(1)
    ->Arg(2)  // the identity row but no log entry
    ->Arg(0)
    ->Unit(benchmark::kMillisecond)
    ->Iterations(1)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
