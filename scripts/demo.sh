#!/usr/bin/env bash
# The main job on bundled example data: simulate several organisations' lists, create a store,
# import every list, and print documented counts. Usage: scripts/demo.sh path/to/recount
set -euo pipefail
BIN=${1:-build/recount}
OUT=${DEMO_OUT:-demo-out}
PERSONS=${DEMO_PERSONS:-3000}

rm -rf "$OUT"
mkdir -p "$OUT"
STORE="$OUT/demo.db"

echo "== 1. Simulating 5 organisations' lists of $PERSONS persons (seed 1) into $OUT/sources"
"$BIN" simulate --out "$OUT/sources" --persons "$PERSONS" --sources 5 --seed 1

echo
echo "== 2. Creating the store $STORE"
"$BIN" init --store "$STORE"

echo
echo "== 3. Importing every list"
for csv in "$OUT"/sources/*.csv; do
  name=$(basename "$csv" .csv)
  case "$name" in truth*) continue ;; esac
  map="${csv%.csv}.map"
  if [ -f "$map" ]; then
    "$BIN" import --store "$STORE" --source "$name" --mapping "$map" "$csv"
  else
    "$BIN" import --store "$STORE" --source "$name" "$csv"
  fi
done

echo
echo "== 4. Documented counts by act type"
"$BIN" stats --store "$STORE" --by act
echo
echo "== 5. Documented counts by year"
"$BIN" stats --store "$STORE" --by year
echo
echo "== 6. Documented counts by source"
"$BIN" stats --store "$STORE" --by source

echo
echo "Done. The store is $STORE; try: $BIN search --store $STORE 'Kim' --names"
