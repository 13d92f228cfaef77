// Shared set-up of the PostgreSQL benchmarks (bench_pg_import.cc, bench_pg_edits.cc): a fresh
// database per run, made through the admin URL in $RECOUNT_BENCH_PG_URL, and a synthetic record.
#pragma once

#include <sys/resource.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "base/partial_date.h"
#include "model/record.h"
#include "storage/postgres/pg_conn.h"
#include "storage/store.h"

namespace recount::bench {

// Drops and creates database `name` through `admin_url`; its URL, or "" with *err set.
inline std::string NewPgDatabase(const std::string& admin_url, const std::string& name,
                                 std::string* err) {
  auto conn = storage::postgres::Conn::Connect(admin_url);
  if (!conn.ok()) {
    *err = conn.status().ToString();
    return "";
  }
  (void)(*conn)->Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  Status s = (*conn)->Exec("CREATE DATABASE " + name);
  if (!s.ok()) {
    *err = s.ToString();
    return "";
  }
  return admin_url.substr(0, admin_url.rfind('/') + 1) + name;
}

// Record number i: two acts, one involvement each, coded fields only.
inline model::Record SyntheticRecord(int64_t i) {
  model::Record r;
  r.external_id = "R" + std::to_string(i);
  r.sex = i % 3 ? "female" : "male";
  r.birth = PartialDate::Year(1970 + static_cast<int>(i % 30));
  r.origin_text = "Hamgyong-bukto";
  for (int a = 0; a < 2; ++a) {
    model::Act act;
    act.act_type = a ? "forced_marriage" : "trafficking";
    act.date = PartialDate::Year(2000 + static_cast<int>(i % 25));
    act.place_text = "Yanji";
    act.involvements.push_back({"broker", "direct"});
    r.acts.push_back(std::move(act));
  }
  return r;
}

// The number of log entries when the log is one gap-free sequence 1..N and the stored tree head
// covers all of it (no lost append, no fork); -1 otherwise.
inline int64_t LogEntriesInOneSequence(storage::Store& store) {
  int64_t expected_seq = 1;
  bool in_order = true;
  Status scan = store.ScanAuditLog([&](int64_t seq, std::string_view) {
    in_order = in_order && seq == expected_seq++;
    return Status();
  });
  auto head = store.AuditTreeHead();
  const int64_t entries = expected_seq - 1;
  if (!scan.ok() || !in_order || !head.ok() || head->size != static_cast<uint64_t>(entries)) {
    return -1;
  }
  return entries;
}

// CPU seconds (user + system) of this process.
inline double ClientCpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

// CPU seconds of the whole PostgreSQL server on this machine: its postmaster (with the children
// that have exited) and the live children, read from /proc. The server's data folder comes from
// $RECOUNT_BENCH_PG_DATA (tests/pg/cluster.sh: $(cat DIR/run)/data); -1 without it. Differences
// of two readings give the server's CPU for the work between them, whatever else the machine runs.
inline double ServerCpuSeconds() {
  const char* data = std::getenv("RECOUNT_BENCH_PG_DATA");
  if (data == nullptr || *data == '\0') return -1;
  std::ifstream pidfile(std::string(data) + "/postmaster.pid");
  long postmaster = 0;
  if (!(pidfile >> postmaster)) return -1;
  // Fields after the command name in /proc/PID/stat: 4 ppid, 14 utime, 15 stime, 16 cutime,
  // 17 cstime (clock ticks).
  auto read_stat = [](const std::string& path, long* ppid, double* self, double* children) {
    std::ifstream in(path);
    std::string line;
    if (!std::getline(in, line)) return false;
    std::istringstream rest(line.substr(line.rfind(')') + 2));
    std::string f[15];
    for (std::string& x : f) rest >> x;
    const double tick = static_cast<double>(sysconf(_SC_CLK_TCK));
    *ppid = std::atol(f[1].c_str());
    *self = (std::atof(f[11].c_str()) + std::atof(f[12].c_str())) / tick;
    *children = (std::atof(f[13].c_str()) + std::atof(f[14].c_str())) / tick;
    return true;
  };
  double total = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    const std::string name = entry.path().filename();
    if (name.find_first_not_of("0123456789") != std::string::npos) continue;
    long ppid = 0;
    double self = 0, children = 0;
    if (!read_stat(entry.path() / "stat", &ppid, &self, &children)) continue;
    if (std::atol(name.c_str()) == postmaster) total += self + children;
    if (ppid == postmaster) total += self;
  }
  return total;
}

}  // namespace recount::bench
