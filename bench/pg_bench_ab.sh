#!/usr/bin/env bash
# Compares builds of a PostgreSQL benchmark (bench_pg_import, bench_pg_edits) run by run
# (docs/postgres.md, "Where an import's time goes", "Prepared statements"):
# the binaries take turns, each run in a fresh private cluster (tests/pg/cluster.sh), and every
# line carries the load average at its start, so a busy machine shows in the figures.
#
#   bench/pg_bench_ab.sh ROUNDS FILTER BINARY...
#   bench/pg_bench_ab.sh 3 . /tmp/bench_pg_import.before build-bench/bench/bench_pg_import
# FILTER is a --benchmark_filter regex ("." for both benchmarks, "OneWriter" for one).
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 ROUNDS FILTER BINARY..." >&2; exit 2; }
rounds=$1
filter=$2
shift 2
here="$(cd "$(dirname "$0")/.." && pwd)"
dir="$(mktemp -d)"
trap 'bash "$here/tests/pg/cluster.sh" stop "$dir" >/dev/null 2>&1 || true' EXIT
for _ in $(seq "$rounds"); do
  for bin in "$@"; do
    bash "$here/tests/pg/cluster.sh" start "$dir" >/dev/null
    load=$(cut -d' ' -f1-3 /proc/loadavg)
    PGPASSFILE="$dir/pgpass" RECOUNT_BENCH_PG_URL="$(cat "$dir/url")" \
      RECOUNT_BENCH_PG_DATA="$(cat "$dir/run")/data" "$bin" --benchmark_filter="$filter" 2>&1 |
      grep -E '^BM_|rror' | sed "s|^|$bin load=[$load] |"
    bash "$here/tests/pg/cluster.sh" stop "$dir" >/dev/null
  done
done
