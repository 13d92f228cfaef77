#!/usr/bin/env bash
# End to end on PostgreSQL (team mode): the real binary with --store postgresql://... against the
# private test cluster (tests/pg/cluster.sh, started by the CTest fixture pg_cluster): init,
# import, link, list, show, stats, delete, audit verify, the same results as on SQLite; then 10
# imports running at once into one store, after which the log is one sequence and verifies.
# Skips (exit 77) when no cluster is running.
. "$(dirname "$0")/lib.sh"
PGDIR="${RECOUNT_TEST_PG_DIR:-}"
if [ -z "$PGDIR" ] || [ ! -s "$PGDIR/url" ]; then
  echo "SKIP: no PostgreSQL test cluster (RECOUNT_TEST_PG_DIR unset or not running); run through ctest"
  exit 77
fi
export PGPASSFILE="$PGDIR/pgpass"
ADMIN=$(cat "$PGDIR/url")
PSQL=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql | tail -1)
BASE="${ADMIN%/*}"
DBS=()
newdb() {  # newdb NAME : a fresh database, dropped at exit; its URL for the owner role
  local name="e2e_$$_$1"
  "$PSQL" -X -q "$ADMIN" -c "CREATE DATABASE $name" >/dev/null
  DBS+=("$name")
  echo "$BASE/$name"
}
as_app() { echo "${1/recount_owner@/recount_app@}"; }  # the same database, as the application role
# `recount init` runs as the owner and grants the application role its rights; every other command
# connects as the application role, which owns nothing.
export RECOUNT_PG_APP_ROLE=recount_app
cleanup() {
  for d in "${DBS[@]}"; do "$PSQL" -X -q "$ADMIN" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT
sql() { "$PSQL" -X -A -t -q "$1" -c "$2"; }

D="$SRC/tests/data/import"
OWNER_P=$(newdb main)
P=$(as_app "$OWNER_P")
S="$WORK/s.db"

# No store in an empty database yet; a password in the URL is refused and never echoed.
expect_exit 3 "$BIN" list --store "$P"
expect_in "$WORK/err" "recount init"
expect_exit 2 "$BIN" list --store "postgresql://alice:Pw-Canary-9@127.0.0.1:1/x"
expect_in "$WORK/err" ".pgpass"
expect_not_in "$WORK/err" "Pw-Canary-9"
expect_exit 3 "$BIN" list --store "${P}_missing"
expect_in "$WORK/err" "createdb"

for store in "$S" "$P"; do
  init_store="$store"
  [ "$store" = "$P" ] && init_store="$OWNER_P"
  expect_exit 0 "$BIN" init --store "$init_store"
  expect_exit 4 "$BIN" init --store "$init_store"
  expect_exit 0 "$BIN" import --store "$store" --source ngo-a "$D/ngo_a.csv" --json
  expect_in "$WORK/out" '"records":3'
  expect_exit 0 "$BIN" import --store "$store" --source ngo-b --mapping "$D/ngo_b.map" "$D/ngo_b.csv"
  expect_in "$WORK/out" "Imported 2 records"
  expect_exit 2 "$BIN" import --store "$store" --source ngo-a "$D/ngo_a.csv"
  expect_in "$WORK/err" "already in this source"
  expect_exit 0 "$BIN" link --store "$store"
  expect_exit 0 "$BIN" stats --store "$store" --by source,act --json
  cp "$WORK/out" "$WORK/stats.$(basename "$store")"
  expect_exit 0 "$BIN" list --store "$store" --act forced_repatriation
  expect_in "$WORK/out" "A-002"
  expect_in "$WORK/out" "B2"
  expect_exit 0 "$BIN" show --store "$store" ngo-a:A-001 --names --lang ko
  expect_in "$WORK/out" "김금순"
  expect_exit 0 "$BIN" audit verify --store "$store"
done
# The same numbers from both backends.
if cmp -s "$WORK/stats.s.db" "$WORK/stats.$(basename "$P")"; then pass; else
  fail "stats differ: SQLite $(cat "$WORK/stats.s.db") PostgreSQL $(cat "$WORK/stats.$(basename "$P")")"
fi
# A superuser's dump holds identities only sealed: no name imported is in it.
PGDUMP=$(command -v pg_dump || ls /usr/lib/postgresql/*/bin/pg_dump | tail -1)
"$PGDUMP" "${OWNER_P/recount_owner@/postgres_admin@}" >"$WORK/dump.sql"
expect_in "$WORK/dump.sql" "COPY public.identities"
expect_not_in "$WORK/dump.sql" "김금순"
expect_not_in "$WORK/dump.sql" "Kim Kum Sun"
# The application role cannot rewrite the log.
if sql "$P" "DELETE FROM audit_log" 2>"$WORK/err"; then fail "the application role deleted the log"; else pass; fi
expect_in "$WORK/err" "permission denied"

# A safety deletion, then the log still verifies; a change behind recount's back does not.
expect_exit 0 "$BIN" delete --store "$P" ngo-b:B2 --shred --whole-record --yes
expect_exit 0 "$BIN" audit verify --store "$P"
sql "$OWNER_P" "UPDATE persons SET sex = 'male' WHERE id = (SELECT MIN(id) FROM persons)"
expect_exit 9 "$BIN" audit verify --store "$P"

# Concurrent writers: 10 imports (5 simulated lists, each under two source names) at once.
OWNER_C=$(newdb concurrent)
C=$(as_app "$OWNER_C")
expect_exit 0 "$BIN" init --store "$OWNER_C"
expect_exit 0 "$BIN" simulate --out "$WORK/sim" --persons 300 --seed 11
pids=()
n=0
for s in kr_ngo intl_ngo legal_team church_network diaspora_assoc; do
  for copy in 1 2; do
    "$BIN" import --store "$C" --source "${s}_$copy" --mapping "$WORK/sim/$s.map" \
      "$WORK/sim/$s.csv" >"$WORK/imp.$s.$copy" 2>&1 &
    pids+=($!)
    n=$((n + 1))
  done
done
failed=0
for p in "${pids[@]}"; do wait "$p" || failed=$((failed + 1)); done
if [ "$failed" -eq 0 ]; then pass; else fail "$failed of $n concurrent imports failed: $(cat "$WORK"/imp.*)"; fi
want=0
for s in kr_ngo intl_ngo legal_team church_network diaspora_assoc; do
  r=$(tail -n +2 "$WORK/sim/$s.csv" | awk -F'[,;]' '{print $1}' | sort -u | wc -l)
  want=$((want + 2 * r))
done
got=$(sql "$C" "SELECT count(*) FROM persons")
if [ "$got" -eq "$want" ]; then pass; else fail "$got records stored, want $want"; fi
# One sequence: seq 1..N without gap or duplicate, one create entry per record.
gaps=$(sql "$C" "SELECT count(*) - max(seq) + count(DISTINCT seq) - count(*) FROM audit_log")
if [ "$gaps" -eq 0 ]; then pass; else fail "the log has gaps or duplicates"; fi
creates=$(sql "$C" "SELECT count(*) FROM audit_log WHERE convert_from(entry, 'UTF8') LIKE '%op create%'")
if [ "$creates" -eq "$want" ]; then pass; else fail "$creates create entries, want $want"; fi
expect_exit 0 "$BIN" audit verify --store "$C"
expect_in "$WORK/out" "audit verify: OK"

finish
