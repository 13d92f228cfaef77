#!/usr/bin/env bash
# End to end: estimation over a store's persons (person_ref given by the sources), overall and
# stratified by year, with the total computed from summed draws.
. "$(dirname "$0")/lib.sh"
S="$WORK/s.db"
expect_exit 0 "$BIN" init --store "$S"

# 400 persons, three lists recording each with probability 0.5, 0.4, 0.3 (independent), acts in
# 2010 or 2011. Deterministic: bash's RANDOM with a fixed seed.
RANDOM=7
for l in a b c; do echo "record_id,person_ref,act,event_date" > "$WORK/$l.csv"; done
for i in $(seq 1 400); do
  year=$((2010 + i % 2))
  [ $((RANDOM % 100)) -lt 50 ] && echo "a$i,P$i,trafficking,$year" >> "$WORK/a.csv"
  [ $((RANDOM % 100)) -lt 40 ] && echo "b$i,P$i,trafficking,$year" >> "$WORK/b.csv"
  [ $((RANDOM % 100)) -lt 30 ] && echo "c$i,P$i,trafficking,$year" >> "$WORK/c.csv"
done
for l in a b c; do expect_exit 0 "$BIN" import --store "$S" --source "list-$l" "$WORK/$l.csv"; done

expect_exit 0 "$BIN" estimate --store "$S" --method loglinear --max-order 1 --json
# The independence model should land near the true 400.
est=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(round(d["strata"][0]["estimates"][0]["estimate"]))' "$WORK/out" 2>/dev/null || echo 0)
if [ "$est" -gt 330 ] && [ "$est" -lt 480 ]; then pass; else fail "independence estimate $est not near 400"; fi

expect_exit 0 "$BIN" estimate --store "$S" --method loglinear --max-order 1 --by year
expect_in "$WORK/out" "=== year: 2010"
expect_in "$WORK/out" "=== year: 2011"
expect_in "$WORK/out" "total over 2 strata"

expect_exit 2 "$BIN" estimate --store "$S" --by colour
expect_in "$WORK/err" "cannot estimate by 'colour'"

# A store with fewer than three sources cannot be estimated.
S2="$WORK/s2.db"
expect_exit 0 "$BIN" init --store "$S2"
expect_exit 0 "$BIN" import --store "$S2" --source only "$WORK/a.csv"
expect_exit 5 "$BIN" estimate --store "$S2"
expect_in "$WORK/err" "at least 3 sources"
finish
