#!/usr/bin/env bash
# The server-side floor under PostgreSQL import speed (docs/postgres.md, "Bulk import"): how fast
# PostgreSQL itself loads the rows a recount import writes, with recount's schema and indexes,
# when nothing else is done (no parsing, no sealing, no log hashing, no client at all).
#
# 1. bench_pg_import fills database recount_bench_1 (RECOUNT_BENCH_RECORDS records, default
#    50,000) through Store::ImportBatch, as a real import does;
# 2. every table that import wrote is copied out (COPY TO), emptied, and loaded again with
#    COPY FROM in foreign-key order in one transaction, as the superuser (row-level security does
#    not apply to it, so this is the cheapest path there is), timed by the server;
# 3. prints rows per table, records per second of that reload and the server's CPU time per
#    record (all of its processes, from /proc: the figure to compare with bench_pg_import's
#    server_us, and one that holds on a loaded machine, where the wall time does not).
#
#   bench/pg_copy_floor.sh build-bench/bench/bench_pg_import
# It starts a private cluster (tests/pg/cluster.sh) and stops it afterwards.
set -euo pipefail
bench="$1"
here="$(cd "$(dirname "$0")/.." && pwd)"
dir="$(mktemp -d)"
out="$(mktemp -d)"
trap 'bash "$here/tests/pg/cluster.sh" stop "$dir" >/dev/null 2>&1 || true; rm -rf "$out"' EXIT
bash "$here/tests/pg/cluster.sh" start "$dir" >/dev/null
export PGPASSFILE="$dir/pgpass"
owner_url="$(cat "$dir/url")"
data="$(cat "$dir/run")/data"
RECOUNT_BENCH_PG_URL="$owner_url" RECOUNT_BENCH_PG_DATA="$data" "$bench" --benchmark_filter=OneWriter 2>&1 | grep -E "BM_|records_per_s" || true
admin_url="${owner_url/recount_owner@/postgres_admin@}"
db_url="${admin_url%/postgres}/recount_bench_1"
chmod 0777 "$out"
# Foreign-key order: a table after every table it references.
order=$(psql -X -At "$db_url" <<'SQL'
WITH RECURSIVE deps(t, lvl) AS (
  SELECT c.oid, 0 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE c.relkind = 'r' AND n.nspname = 'public'
  UNION ALL
  SELECT f.conrelid, d.lvl + 1 FROM pg_constraint f JOIN deps d ON f.confrelid = d.t
   WHERE f.contype = 'f' AND f.conrelid <> f.confrelid AND d.lvl < 20)
SELECT relname FROM (SELECT t, max(lvl) AS lvl FROM deps GROUP BY t) x JOIN pg_class c ON c.oid = x.t
ORDER BY lvl, relname;
SQL
)
load="BEGIN;"
rows_total=0
for t in $order; do
  n=$(psql -X -At "$db_url" -c "SELECT count(*) FROM $t")
  [ "$n" -gt 0 ] || continue
  psql -X -q "$db_url" -c "COPY $t TO '$out/$t.copy'"
  printf '%-22s %9d rows\n' "$t" "$n"
  rows_total=$((rows_total + n))
  load="$load COPY $t FROM '$out/$t.copy';"
  truncate="${truncate:-} $t,"
done
psql -X -q "$db_url" -c "TRUNCATE ${truncate%,} CASCADE"
records="${RECOUNT_BENCH_RECORDS:-50000}"
# CPU clock ticks of the server: the postmaster with its reaped children, and its live children.
server_ticks() {
  local pm total=0 pid f
  pm=$(head -1 "$data/postmaster.pid")
  for f in /proc/[0-9]*/stat; do
    pid=${f#/proc/}; pid=${pid%/stat}
    read -r -a s < <(sed 's/.*) //' "$f" 2>/dev/null) || continue
    [ ${#s[@]} -gt 14 ] || continue
    if [ "$pid" = "$pm" ]; then total=$((total + s[11] + s[12] + s[13] + s[14])); fi
    if [ "${s[1]}" = "$pm" ]; then total=$((total + s[11] + s[12])); fi
  done
  echo "$total"
}
ticks0=$(server_ticks)
start=$(date +%s.%N)
psql -X -q "$db_url" -c "$load COMMIT;"
end=$(date +%s.%N)
sleep 0.2  # the session's process exits and is reaped into the postmaster's total
ticks1=$(server_ticks)
secs=$(echo "$end - $start" | bc -l)
printf 'reloaded %d rows of %d records in %.2f s: %.0f records/s, %.1f us per record (one session)\n' \
  "$rows_total" "$records" "$secs" "$(echo "$records / $secs" | bc -l)" "$(echo "$secs * 1000000 / $records" | bc -l)"
printf 'server CPU %.1f us per record (%s ticks of 1/%s s); load: %s\n' \
  "$(echo "($ticks1 - $ticks0) * 1000000 / $(getconf CLK_TCK) / $records" | bc -l)" \
  "$((ticks1 - ticks0))" "$(getconf CLK_TCK)" "$(cut -d' ' -f1-3 /proc/loadavg)"
