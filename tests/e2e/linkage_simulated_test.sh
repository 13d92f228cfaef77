#!/usr/bin/env bash
# End-to-end accuracy of `recount link` on a store filled from `recount simulate` (default noise,
# 3,000 persons, 5 lists, seed 1: the demo of scripts/demo.sh). The link result (each record's
# cluster_id, read back with `recount list --json`) is scored against the simulation's truth.csv
# with `recount evaluate`: pairwise precision/recall/F1 overall and per pair of lists.
# Usage: linkage_simulated_test.sh path/to/recount   (prints the figures; fails below the floor)
. "$(dirname "$0")/lib.sh"
S="$WORK/sim.db"
expect_exit 0 "$BIN" simulate --out "$WORK/sources" --persons "${SIM_PERSONS:-3000}" --sources 5 --seed 1
expect_exit 0 "$BIN" init --store "$S"
for map in "$WORK"/sources/*.map; do
  name=$(basename "$map" .map)
  expect_exit 0 "$BIN" import --store "$S" --source "$name" --mapping "$map" "${map%.map}.csv"
done
expect_exit 0 "$BIN" link --store "$S"
expect_exit 0 "$BIN" list --store "$S" --json --limit -1
# clusters.csv (id = source:record_id) and the truth keyed the same way.
python3 - "$WORK/out" "$WORK/sources/truth.csv" "$WORK/clusters.csv" "$WORK/truth.csv" <<'EOF'
import csv, json, sys
with open(sys.argv[3], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "cluster", "source"])
    for line in open(sys.argv[1], encoding="utf-8"):
        r = json.loads(line)
        w.writerow([r["source"] + ":" + r["record_id"], r.get("cluster_id", ""), r["source"]])
with open(sys.argv[4], "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["id", "person"])
    for r in csv.DictReader(open(sys.argv[2], encoding="utf-8")):
        w.writerow([r["source"] + ":" + r["record_id"], r["person_id"]])
EOF
expect_exit 0 "$BIN" evaluate "$WORK/clusters.csv" --truth "$WORK/truth.csv" --truth-id id \
  --truth-column person --json
cp "$WORK/out" "$WORK/eval.json"
expect_exit 0 "$BIN" evaluate "$WORK/clusters.csv" --truth "$WORK/truth.csv" --truth-id id \
  --truth-column person
sed 's/^/  /' "$WORK/out"
f1=$(sed -n 's/.*"f1":\([0-9.]*\).*/\1/p' "$WORK/eval.json" | head -1)
# Project target: F1 >= 0.97 (docs/linkage.md); NOT MET yet (0.9528 measured on 2026-11-29 with
# the posterior merge rule; 0.9562 with the mean-probability bar 0.3 chosen after measuring; 0.912
# before that day's changes). The floor guards against regressions until it is.
if awk -v f="$f1" 'BEGIN { exit !(f >= 0.95) }'; then
  echo "ok   simulated 5 lists, 3000 persons: pairwise F1 $f1 >= 0.95"
  pass
else
  fail "simulated 5 lists: pairwise F1 $f1 < 0.95"
fi
finish
