// Shared set-up of the PostgreSQL benchmarks (bench_pg_import.cc, bench_pg_edits.cc): a fresh
// database per run, made through the admin URL in $RECOUNT_BENCH_PG_URL, and a synthetic record.
#pragma once

#include <cstdint>
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

}  // namespace recount::bench
