#!/usr/bin/env bash
# End to end: the review queue (list, decide, undo, history, interactive), reviewed decisions
# applied by `recount link`, the audit log covering them (and catching an out-of-band change),
# incremental linking after a second import compared with a full relink, and
# `recount estimate --linkage-uncertainty` (deterministic with --seed).
# docs/linkage.md#review-queue, #incremental-linking, #linkage-uncertainty.
. "$(dirname "$0")/lib.sh"
S="$WORK/r.db"
PERSONS="${SIM_PERSONS:-800}"
expect_exit 0 "$BIN" simulate --out "$WORK/src" --persons "$PERSONS" --sources 5 --seed 3
expect_exit 0 "$BIN" init --store "$S"
maps=("$WORK"/src/*.map)
import() { expect_exit 0 "$BIN" import --store "$S" --source "$(basename "$1" .map)" --mapping "$1" "${1%.map}.csv"; }
# Three lists first, linked; then two more, linked incrementally.
for m in "${maps[@]:0:3}"; do import "$m"; done
expect_exit 0 "$BIN" link --store "$S"
expect_in "$WORK/out" "Mode: full linkage (first linkage of this store)"
for m in "${maps[@]:3}"; do import "$m"; done
expect_exit 0 "$BIN" link --store "$S" --json
cp "$WORK/out" "$WORK/inc.json"
python3 - "$WORK/inc.json" <<'PY' && pass || fail "incremental link summary: $(cat "$WORK/inc.json")"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["incremental"] is True, d
assert d["new_records"] > 0 and d["reclustered_records"] < d["records"], d
PY
cluster_csv() {  # cluster_csv OUT.csv : the store's clusters as id,cluster
  expect_exit 0 "$BIN" list --store "$S" --json --limit -1
  python3 - "$WORK/out" "$1" <<'PY'
import csv, json, sys
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f); w.writerow(["id", "cluster"])
    for line in open(sys.argv[1], encoding="utf-8"):
        r = json.loads(line); w.writerow([r["source"] + ":" + r["record_id"], r.get("cluster_id", "")])
PY
}
cluster_csv "$WORK/incremental.csv"
python3 - "$WORK/src/truth.csv" "$WORK/truth.csv" <<'PY'
import csv, sys
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f); w.writerow(["id", "person"])
    for r in csv.DictReader(open(sys.argv[1], encoding="utf-8")):
        w.writerow([r["source"] + ":" + r["record_id"], r["person_id"]])
PY
expect_exit 0 "$BIN" link --store "$S" --full
expect_in "$WORK/out" "Mode: full linkage (--full)"
cluster_csv "$WORK/full.csv"
# Incremental vs full: pairwise F1 of one clustering against the other (1 = identical).
expect_exit 0 "$BIN" evaluate "$WORK/incremental.csv" --truth "$WORK/full.csv" --truth-id id \
  --truth-column cluster --json
agree=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["overall"]["f1"])' "$WORK/out" 2>/dev/null \
  || sed -n 's/.*"f1":\([0-9.]*\).*/\1/p' "$WORK/out" | head -1)
for which in incremental full; do
  expect_exit 0 "$BIN" evaluate "$WORK/$which.csv" --truth "$WORK/truth.csv" --truth-id id \
    --truth-column person --json
  f1=$(sed -n 's/.*"f1":\([0-9.]*\).*/\1/p' "$WORK/out" | head -1)
  echo "  $which linkage vs truth: pairwise F1 $f1"
done
echo "  incremental vs full clusters: pairwise F1 $agree (tolerance: >= 0.98)"
if awk -v f="$agree" 'BEGIN { exit !(f >= 0.98) }'; then pass; else fail "incremental vs full F1 $agree < 0.98"; fi

# The queue: most uncertain first, inside the band.
expect_exit 0 "$BIN" review --store "$S" --list --json --limit 1000
cp "$WORK/out" "$WORK/queue.json"
python3 - "$WORK/queue.json" <<'PY' && pass || fail "review queue order: $(head -c 600 "$WORK/queue.json")"
import json, sys
q = json.load(open(sys.argv[1]))["queue"]
assert len(q) >= 3, len(q)
d = [abs(i["probability"] - 0.5) for i in q]
assert d == sorted(d)
assert all(0.2 <= i["probability"] <= 0.9 for i in q)
PY
# Accept a pair the model keeps apart and reject one it links (or the first two pairs).
read -r A1 B1 A2 B2 < <(python3 - "$WORK/queue.json" <<'PY'
import json, sys
q = json.load(open(sys.argv[1]))["queue"]
apart = [i for i in q if i["cluster_a"] != i["cluster_b"]] or q
together = [i for i in q if i["cluster_a"] == i["cluster_b"] and i is not apart[0]] or [i for i in q if i is not apart[0]]
print(apart[0]["a"], apart[0]["b"], together[0]["a"], together[0]["b"])
PY
)
export RECOUNT_ACTOR=reviewer-7
expect_exit 0 "$BIN" review --store "$S" --decide "$A1,$B1" accept --note "same mother's name"
expect_in "$WORK/out" "by reviewer-7"
expect_exit 0 "$BIN" review --store "$S" --decide "$A2,$B2" reject
expect_exit 2 "$BIN" review --store "$S" --decide "$A2,$B2" maybe
expect_in "$WORK/err" "use accept, reject or undo"
expect_exit 5 "$BIN" review --store "$S" --undo "$A1,$A2"
expect_in "$WORK/err" "no standing decision"
expect_exit 0 "$BIN" review --store "$S" --list --json --limit 1000
python3 - "$WORK/out" "$A1" "$B1" <<'PY' && pass || fail "decided pair still queued"
import json, sys
q = json.load(open(sys.argv[1]))["queue"]
assert not any(str(i["a"]) == sys.argv[2] and str(i["b"]) == sys.argv[3] for i in q)
PY
expect_exit 0 "$BIN" link --store "$S" --json
cp "$WORK/out" "$WORK/link3.json"
python3 - "$WORK/link3.json" <<'PY' && pass || fail "decisions not counted: $(cat "$WORK/link3.json")"
import json, sys
r = json.load(open(sys.argv[1]))["review"]
assert r["accepted"] == 1 and r["rejected"] == 1, r
PY
cluster_of() { "$BIN" show --store "$S" --json "$1" | python3 -c 'import json,sys; print(json.load(sys.stdin).get("cluster_id",""))'; }
if [ "$(cluster_of "$A1")" = "$(cluster_of "$B1")" ]; then pass; else fail "accepted pair $A1,$B1 not together"; fi
if [ "$(cluster_of "$A2")" != "$(cluster_of "$B2")" ]; then pass; else fail "rejected pair $A2,$B2 together"; fi
# Undo: the history keeps all three decisions.
expect_exit 0 "$BIN" review --store "$S" --undo "$A2,$B2"
expect_exit 0 "$BIN" review --store "$S" --history --json
python3 - "$WORK/out" <<'PY' && pass || fail "history: $(cat "$WORK/out")"
import json, sys
h = json.load(open(sys.argv[1]))
assert [d["decision"] for d in h] == ["accept", "reject", "undo"], h
assert all(d["actor"] == "reviewer-7" for d in h)
assert h[0]["note"] == "same mother's name"
PY
# Interactive: skip one, accept one, quit. Names show (the vault is unlocked by lib.sh's key file).
printf 's\na looks right\nq\n' | "$BIN" review --store "$S" >"$WORK/out" 2>"$WORK/err" && pass || fail "interactive review: $(cat "$WORK/err")"
expect_in "$WORK/out" "full name"
expect_in "$WORK/out" "[a]ccept"
expect_in "$WORK/out" "1 accepted, 0 rejected, 1 skipped"
# Locked vault: coded fields only.
RECOUNT_VAULT_KEY_FILE= bash -c "printf 'q\n' | \"$BIN\" review --store \"$S\"" </dev/null >"$WORK/out" 2>"$WORK/err" || true
expect_in "$WORK/out" "names hidden"
expect_not_in "$WORK/out" "full name"

# The log covers the decisions; an out-of-band change to one is caught.
# (Only the decisions are asserted on the clean store: whether every other writer signs its
# entries is not this test's business.)
"$BIN" audit verify --store "$S" >"$WORK/out" 2>"$WORK/err" || true
expect_in "$WORK/out" "checked against their last log entry"
expect_not_in "$WORK/out" "PROBLEM: review decision"
cp "$S" "$WORK/t.db"
[ -f "$S-wal" ] && cp "$S-wal" "$WORK/t.db-wal"
sqlite3 "$WORK/t.db" "UPDATE review_decisions SET verdict = 'accept' WHERE id = 2"
expect_exit 9 "$BIN" audit verify --store "$WORK/t.db"
expect_in "$WORK/out" "review decision 2"

# Linkage uncertainty: deterministic with --seed, interval at least as wide as without.
LU=(estimate --store "$S" --linkage-uncertainty --draws 8 --method loglinear --bootstrap 200 --seed 5 --json)
expect_exit 0 "$BIN" "${LU[@]}"
cp "$WORK/out" "$WORK/lu1.json"
expect_exit 0 "$BIN" "${LU[@]}"
if cmp -s "$WORK/out" "$WORK/lu1.json"; then pass; else fail "--linkage-uncertainty not deterministic"; fi
python3 - "$WORK/lu1.json" <<'PY' && pass || fail "linkage uncertainty report: $(cat "$WORK/lu1.json")"
import json, sys
d = json.load(open(sys.argv[1]))
e = d["estimates"][0]
print("  linkage uncertainty (loglinear, 8 draws): %.0f [%.0f, %.0f], stored linkage %.0f [%.0f, %.0f], interval x%.2f; persons per draw %s"
      % (e["estimate"], e["lower"], e["upper"], e["stored"]["estimate"], e["stored"]["lower"], e["stored"]["upper"], e["widening"], d["persons_per_draw"]))
assert d["draws"] == 8 and len(d["persons_per_draw"]) == 8
assert e["lower"] <= e["estimate"] <= e["upper"]
assert e["widening"] > 0
PY
expect_exit 0 "$BIN" estimate --store "$S" --linkage-uncertainty --draws 3 --method loglinear --bootstrap 50
expect_in "$WORK/out" "wider"
expect_exit 2 "$BIN" estimate --store "$S" --linkage-uncertainty --by year
finish
