#!/usr/bin/env bash
# End to end: `recount simulate` writes every source's CSV and mapping, truth.csv and
# truth_totals.json; the same seed gives identical bytes, another seed different ones; bad options
# and unwritable directories fail clearly; every simulated list imports with its mapping.
. "$(dirname "$0")/lib.sh"

A="$WORK/a"
B="$WORK/b"
C="$WORK/c"
SOURCES="kr_ngo intl_ngo legal_team church_network diaspora_assoc"

expect_exit 0 "$BIN" simulate --out "$A" --persons 600 --seed 7
expect_in "$WORK/out" "Simulated 600 persons"
expect_in "$WORK/out" "kr_ngo.csv + kr_ngo.map"
for s in $SOURCES; do
  if [ -s "$A/$s.csv" ] && [ -s "$A/$s.map" ]; then pass; else fail "missing $s.csv or $s.map"; fi
done
expect_in "$A/truth.csv" "source,record_id,person_id"
expect_in "$A/truth_totals.json" '"persons": 600'
expect_in "$A/truth_totals.json" '"capture_histories"'
expect_in "$A/capture_table.csv" "kr_ngo,intl_ngo,legal_team,church_network,diaspora_assoc,count"
# The perfect-linkage capture table is what `recount estimate --table` reads.
expect_exit 0 "$BIN" estimate --table "$A/capture_table.csv"
expect_in "$A/kr_ngo.csv" "사례번호,성명,성별"
expect_in "$A/kr_ngo.map" "record_id = 사례번호"
expect_in "$A/diaspora_assoc.map" "delimiter = ;"

# Every record in the lists is in truth.csv, and nothing else is.
records=0
for s in $SOURCES; do
  n=$(tail -n +2 "$A/$s.csv" | awk -F'[,;]' '{print $1}' | sort -u | wc -l)
  t=$(grep -c "^$s," "$A/truth.csv" || true)
  if [ "$n" -eq "$t" ]; then pass; else fail "$s: $n record ids in the CSV, $t in truth.csv"; fi
  records=$((records + t))
done
if [ "$records" -eq $(($(wc -l <"$A/truth.csv") - 1)) ]; then pass; else fail "truth.csv has extra rows"; fi

# Determinism: same seed, same bytes; another seed, different bytes.
expect_exit 0 "$BIN" simulate --out "$B" --persons 600 --seed 7 --json
expect_in "$WORK/out" '"persons":600'
for f in $(cd "$A" && ls); do
  if cmp -s "$A/$f" "$B/$f"; then pass; else fail "$f differs between two runs with seed 7"; fi
done
expect_exit 0 "$BIN" simulate --out "$C" --persons 600 --seed 8
if cmp -s "$A/truth.csv" "$C/truth.csv"; then fail "seed 8 gave the same truth as seed 7"; else pass; fi
if cmp -s "$A/kr_ngo.csv" "$C/kr_ngo.csv"; then fail "seed 8 gave the same kr_ngo.csv"; else pass; fi

# More sources reuse the templates under new names.
expect_exit 0 "$BIN" simulate --out "$WORK/k8" --persons 300 --sources 8
if [ -s "$WORK/k8/kr_ngo_2.csv" ] && [ -s "$WORK/k8/legal_team_2.map" ]; then pass; else
  fail "8 sources: kr_ngo_2.csv or legal_team_2.map missing"; fi

# Bad options and places.
expect_exit 2 "$BIN" simulate --out "$WORK/x" --sources 2
expect_in "$WORK/err" "sources"
expect_exit 2 "$BIN" simulate --out "$WORK/x" --persons 0
expect_exit 2 "$BIN" simulate --persons 10
expect_in "$WORK/err" "--out"
touch "$WORK/afile"
expect_exit 2 "$BIN" simulate --out "$WORK/afile" --persons 10
expect_in "$WORK/err" "not a directory"
if [ "$(id -u)" -ne 0 ]; then
  mkdir "$WORK/ro" && chmod 555 "$WORK/ro"
  expect_exit 11 "$BIN" simulate --out "$WORK/ro" --persons 10
  expect_in "$WORK/err" "not writable"
fi

# The lists import with their mapping files (the contract with `recount import`).
S="$WORK/s.db"
expect_exit 0 "$BIN" init --store "$S"
for s in $SOURCES; do
  expect_exit 0 "$BIN" import --store "$S" --source "$s" --mapping "$A/$s.map" "$A/$s.csv"
done

finish
