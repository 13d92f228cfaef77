#!/usr/bin/env bash
# Restore drill (docs/operations.md, "Backups", "Moving a store"): a store with imports, edits,
# linkage, a review decision, an attachment and safety deletions is backed up, restored into
# SQLite and into PostgreSQL, and moved SQLite -> PostgreSQL -> SQLite with `recount migrate
# --to`; every copy verifies, lists, shows and exports what the original does and holds the
# original's log unchanged (its last checkpoint, plus one restore/migrate entry). Damaged,
# truncated and foreign backups, a wrong key and non-empty targets are refused and leave nothing
# behind. `recount init` on PostgreSQL that fails after making the schema drops it again.
# The PostgreSQL parts skip (the SQLite parts still run) when no test cluster is running.
. "$(dirname "$0")/lib.sh"
PGDIR="${RECOUNT_TEST_PG_DIR:-}"
HAVE_PG=0
DBS=()
if [ -n "$PGDIR" ] && [ -s "$PGDIR/url" ]; then
  HAVE_PG=1
  export PGPASSFILE="$PGDIR/pgpass"
  ADMIN=$(cat "$PGDIR/url")
  BASE="${ADMIN%/*}"
else
  echo "note: no PostgreSQL test cluster; only the SQLite parts run"
fi
# Commands that create a store in PostgreSQL run as the owner and grant the application role.
owner() { RECOUNT_PG_APP_ROLE=recount_app "$@"; }
newdb() {  # newdb NAME : a fresh database, dropped at exit; its URL for the owner role
  local name="bk_$$_$1"
  psql -X -q "$ADMIN" -c "CREATE DATABASE $name" >/dev/null
  DBS+=("$name")
  echo "$BASE/$name"
}
cleanup() {
  for d in "${DBS[@]+"${DBS[@]}"}"; do
    psql -X -q "$ADMIN" -c "DROP DATABASE IF EXISTS $d WITH (FORCE)" >/dev/null 2>&1 || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT
sql() { psql -X -A -t -q "$1" -c "$2"; }

D="$SRC/tests/data/import"
S="$WORK/s.db"
# --- Build a store with every kind of row.
expect_exit 0 "$BIN" init --store "$S"
expect_exit 0 "$BIN" import --store "$S" --source ngo-a "$D/ngo_a.csv"
expect_exit 0 "$BIN" import --store "$S" --source ngo-b --mapping "$D/ngo_b.map" "$D/ngo_b.csv"
expect_exit 0 "$BIN" simulate --out "$WORK/sim" --persons 120 --seed 5
expect_exit 0 "$BIN" import --store "$S" --source kr --mapping "$WORK/sim/kr_ngo.map" "$WORK/sim/kr_ngo.csv"
expect_exit 0 "$BIN" edit --store "$S" ngo-a:A-001 --act 1 --set event_date=2004-05 --reason "date checked"
expect_exit 0 "$BIN" link --store "$S"
read -r R1 R2 < <("$BIN" list --store "$S" --json --limit 2 | python3 -c '
import json, sys
rs = [json.loads(l) for l in sys.stdin if l.strip()]
print(rs[0]["id"], rs[1]["id"])')
expect_exit 0 "$BIN" review --store "$S" --decide "$R1,$R2" reject --note "different mothers"
head -c 70000 /dev/urandom >"$WORK/interview.mp3"
expect_exit 0 "$BIN" attach --store "$S" ngo-a:A-002 "$WORK/interview.mp3"
expect_exit 0 "$BIN" delete --store "$S" ngo-b:B2 --shred --whole-record --yes
expect_exit 0 "$BIN" delete --store "$S" ngo-a:A-003 --shred --yes
expect_exit 0 "$BIN" audit verify --store "$S"

# snapshot STORE NAME : what a user sees, to compare copies with the original. Read-only: nothing
# here reads identities (that would append read-identity entries to the log).
snapshot() {
  "$BIN" audit checkpoints --store "$1" --json >"$WORK/$2.cps"
  "$BIN" list --store "$1" --limit -1 >"$WORK/$2.list"
  "$BIN" show --store "$1" ngo-a:A-001 >"$WORK/$2.show"
  "$BIN" history --store "$1" ngo-a:A-001 >"$WORK/$2.hist"
  rm -rf "$WORK/$2.export"
  "$BIN" export --store "$1" --out "$WORK/$2.export" >/dev/null
}
# same_as NAME : the copy NAME shows what the original does, and its log is the original's plus
# exactly one entry (op $2).
same_as() {
  local f
  for f in list show hist; do
    if cmp -s "$WORK/orig.$f" "$WORK/$1.$f"; then pass; else
      fail "$1: $f differs: $(diff "$WORK/orig.$f" "$WORK/$1.$f" | head -5)"
    fi
  done
  if diff -r "$WORK/orig.export" "$WORK/$1.export" >/dev/null; then pass; else
    fail "$1: export differs"
  fi
  python3 - "$WORK/orig.cps" "$WORK/$1.cps" <<'PY' && pass || fail "$1: checkpoints are not the original's plus one"
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
assert a["log_vkey"] == b["log_vkey"]
ca, cb = a["checkpoints"], b["checkpoints"]
assert [c["note"] for c in cb[:len(ca)]] == [c["note"] for c in ca], "prefix"
assert len(cb) == len(ca) + 1 and cb[-1]["size"] == ca[-1]["size"] + 1, (len(ca), len(cb))
PY
}
snapshot "$S" orig
N=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["checkpoints"][-1]["size"])' "$WORK/orig.cps")

# --- Backup (SQLite), restore into SQLite.
expect_exit 0 "$BIN" backup --store "$S" --out "$WORK/b1.bak"
expect_in "$WORK/out" "read back"
expect_exit 4 "$BIN" backup --store "$S" --out "$WORK/b1.bak"
if [ "$(stat -c %a "$WORK/b1.bak")" = 600 ]; then pass; else fail "backup mode $(stat -c %a "$WORK/b1.bak"), want 600"; fi
expect_not_in "$WORK/b1.bak" "Sold to a farmer"
expect_exit 0 "$BIN" restore "$WORK/b1.bak" --store "$WORK/r.db"
expect_in "$WORK/out" "audit verify OK"
expect_exit 0 "$BIN" audit verify --store "$WORK/r.db"
expect_in "$WORK/out" "audit verify: OK"
expect_exit 0 "$BIN" history --store "$WORK/r.db" ngo-a:A-001
snapshot "$WORK/r.db" r
same_as r
expect_exit 0 "$BIN" show --store "$WORK/r.db" ngo-a:A-001 --names
expect_in "$WORK/out" "김금순"
# The restored log proves it extends the original: consistency from the original's size.
expect_exit 0 "$BIN" audit prove --store "$WORK/r.db" --from "$N"
expect_in "$WORK/out" "consistency"
expect_exit 0 "$BIN" attachment --store "$WORK/r.db" get "$(sqlite3 "$S" 'SELECT id FROM evidence_files')" --out "$WORK/got.mp3"
if cmp -s "$WORK/interview.mp3" "$WORK/got.mp3"; then pass; else fail "restored attachment differs"; fi
# The restored store works: a new import is logged after the restore entry.
expect_exit 0 "$BIN" import --store "$WORK/r.db" --source ngo-c "$D/ngo_a.csv"
expect_exit 0 "$BIN" audit verify --store "$WORK/r.db"

# --- Refusals, each leaving nothing behind.
expect_exit 4 "$BIN" restore "$WORK/b1.bak" --store "$WORK/r.db"      # target exists
expect_in "$WORK/err" "already exists"
SIZE=$(stat -c %s "$WORK/b1.bak")
# One bit flipped in the middle (XOR: overwriting could write the byte that is already there).
python3 -c '
import sys
b = bytearray(open(sys.argv[1], "rb").read()); b[len(b) // 2] ^= 0x04
open(sys.argv[2], "wb").write(b)' "$WORK/b1.bak" "$WORK/flip.bak"
expect_exit 9 "$BIN" restore "$WORK/flip.bak" --store "$WORK/x.db"
expect_in "$WORK/err" "does not authenticate"
head -c $((SIZE - 100)) "$WORK/b1.bak" >"$WORK/trunc.bak"
expect_exit 9 "$BIN" restore "$WORK/trunc.bak" --store "$WORK/x.db"
expect_in "$WORK/err" "truncated"
head -c $((SIZE - 17 - 4)) "$WORK/b1.bak" >"$WORK/trunc2.bak"   # no final chunk at all
expect_exit 9 "$BIN" restore "$WORK/trunc2.bak" --store "$WORK/x.db"
head -c 40 "$WORK/b1.bak" >"$WORK/head.bak"
expect_exit 9 "$BIN" restore "$WORK/head.bak" --store "$WORK/x.db"
cp "$WORK/b1.bak" "$WORK/extra.bak"; printf 'junk' >>"$WORK/extra.bak"
expect_exit 9 "$BIN" restore "$WORK/extra.bak" --store "$WORK/x.db"
# The clear header is authenticated too: change one character of the time in it.
python3 - "$WORK/b1.bak" "$WORK/hdr.bak" <<'PY'
import sys
b = bytearray(open(sys.argv[1], 'rb').read())
i = b.index(b'"created_at":"') + len('"created_at":"')
b[i] = ord('1') if b[i] != ord('1') else ord('2')
open(sys.argv[2], 'wb').write(b)
PY
expect_exit 9 "$BIN" restore "$WORK/hdr.bak" --store "$WORK/x.db"
expect_exit 2 "$BIN" restore "$WORK/interview.mp3" --store "$WORK/x.db"
expect_in "$WORK/err" "not a recount backup"
expect_exit 3 "$BIN" restore "$WORK/missing.bak" --store "$WORK/x.db"
head -c 32 /dev/urandom >"$WORK/other.key"
RECOUNT_KEY_FILE="$WORK/other.key" expect_exit 8 "$BIN" restore "$WORK/b1.bak" --store "$WORK/x.db"
if [ -e "$WORK/x.db" ] || [ -e "$WORK/x.db-wal" ]; then fail "a refused restore left $WORK/x.db"; else pass; fi
if ls "$WORK"/*.partial >/dev/null 2>&1; then fail "a .partial file was left"; else pass; fi

# --- Migrate to another SQLite file (same backend): also verified and logged.
expect_exit 0 "$BIN" migrate --store "$S" --to "$WORK/m.db"
expect_in "$WORK/out" "audit verify OK"
snapshot "$WORK/m.db" m
same_as m
expect_exit 4 "$BIN" migrate --store "$S" --to "$WORK/m.db"
expect_exit 0 "$BIN" migrate --store "$S"
expect_in "$WORK/out" "schema version"

if [ "$HAVE_PG" -eq 1 ]; then
  # --- Restore into PostgreSQL; backup from PostgreSQL; restore that into SQLite.
  OWNER_R=$(newdb restore)
  owner expect_exit 0 "$BIN" restore "$WORK/b1.bak" --store "$OWNER_R"
  APP_R="${OWNER_R/recount_owner@/recount_app@}"
  expect_exit 0 "$BIN" audit verify --store "$APP_R"
  expect_in "$WORK/out" "audit verify: OK"
  snapshot "$APP_R" pr
  same_as pr
  expect_exit 4 "$BIN" restore "$WORK/b1.bak" --store "$OWNER_R"   # not empty: refused, kept
  expect_exit 0 "$BIN" audit verify --store "$APP_R"
  # Identity ids keep increasing after the restore: a new import gets new row ids.
  expect_exit 0 "$BIN" import --store "$APP_R" --source ngo-c "$D/ngo_a.csv"
  expect_exit 0 "$BIN" audit verify --store "$APP_R"
  expect_exit 0 "$BIN" backup --store "$APP_R" --out "$WORK/b2.bak"
  expect_exit 0 "$BIN" restore "$WORK/b2.bak" --store "$WORK/r2.db"
  expect_exit 0 "$BIN" audit verify --store "$WORK/r2.db"
  "$BIN" list --store "$APP_R" --limit -1 >"$WORK/pr2.list"
  "$BIN" list --store "$WORK/r2.db" --limit -1 >"$WORK/r2.list"
  if cmp -s "$WORK/pr2.list" "$WORK/r2.list"; then pass; else fail "PostgreSQL backup restored into SQLite lists differently"; fi
  # A damaged backup restored into PostgreSQL leaves the database empty.
  OWNER_X=$(newdb bad)
  expect_exit 9 "$BIN" restore "$WORK/flip.bak" --store "$OWNER_X"
  tables=$(sql "$OWNER_X" "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
  if [ "$tables" -eq 0 ]; then pass; else fail "a refused restore left $tables tables in PostgreSQL"; fi
  RECOUNT_KEY_FILE="$WORK/other.key" expect_exit 8 "$BIN" restore "$WORK/b1.bak" --store "$OWNER_X"
  tables=$(sql "$OWNER_X" "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
  if [ "$tables" -eq 0 ]; then pass; else fail "a wrong key left $tables tables in PostgreSQL"; fi

  # --- Move SQLite -> PostgreSQL -> SQLite with migrate --to.
  OWNER_M=$(newdb migrate)
  owner expect_exit 0 "$BIN" migrate --store "$S" --to "$OWNER_M"
  expect_in "$WORK/out" "audit verify OK"
  snapshot "$OWNER_M" pm
  same_as pm
  expect_exit 0 "$BIN" migrate --store "$OWNER_M" --to "$WORK/back.db"
  expect_exit 0 "$BIN" audit verify --store "$WORK/back.db"
  expect_in "$WORK/out" "audit verify: OK"
  snapshot "$WORK/back.db" back
  expect_exit 0 "$BIN" show --store "$WORK/back.db" ngo-a:A-001 --names
  expect_in "$WORK/out" "김금순"
  for f in list show hist; do
    if cmp -s "$WORK/orig.$f" "$WORK/back.$f"; then pass; else fail "round trip: $f differs"; fi
  done
  if diff -r "$WORK/orig.export" "$WORK/back.export" >/dev/null; then pass; else fail "round trip: export differs"; fi
  python3 - "$WORK/orig.cps" "$WORK/back.cps" <<'PY' && pass || fail "round trip: log is not the original's plus two entries"
import json, sys
a = json.load(open(sys.argv[1]))["checkpoints"]; b = json.load(open(sys.argv[2]))["checkpoints"]
assert [c["note"] for c in b[:len(a)]] == [c["note"] for c in a]
assert b[-1]["size"] == a[-1]["size"] + 2
PY
  # A move into a database that already holds a store is refused and changes nothing there.
  expect_exit 4 "$BIN" migrate --store "$S" --to "$OWNER_M"
  expect_exit 0 "$BIN" audit verify --store "$OWNER_M"

  # --- init on PostgreSQL that fails after making the schema leaves no tables.
  OWNER_I=$(newdb init)
  RECOUNT_VAULT_KEY_FILE="$RECOUNT_KEY_FILE" expect_exit 2 "$BIN" init --store "$OWNER_I"
  tables=$(sql "$OWNER_I" "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
  if [ "$tables" -eq 0 ]; then pass; else fail "a failed init left $tables tables"; fi
  expect_exit 0 "$BIN" init --store "$OWNER_I"
fi

finish
