#!/usr/bin/env bash
# Linkage at scale (issue 4): time and memory of linking simulated lists end to end, from 10,000
# to 1,000,000 records, and pairwise F1 against the simulation's truth.
#
# Usage: bench/linkage_scale.sh path/to/recount [MAX_RECORDS]   (default MAX_RECORDS 1000000)
#   e.g. bench/linkage_scale.sh build/recount 100000
# Environment: SCALE_SIZES="10000 30000" overrides the list of sizes; SCALE_KEEP=1 keeps the
# working folder (printed) instead of deleting it; SCALE_DEDUPE=0 skips the dedupe column.
#
# For each size N: `recount simulate` (default noise, 5 sources, seed 1) with persons chosen so the
# five lists hold about N records (0.868 records per person); then, each under /usr/bin/time -v:
#   import  `recount import` of the five lists into a fresh store (times summed, peak = largest)
#   link    `recount link` on that store (the documented path for several lists: docs/linkage.md)
#   dedupe  `recount dedupe --korean-names --truth person` on one CSV of the same records, one row
#           per record (written from `recount list --json --names`; no store involved); with the
#           truth it also reports how many true pairs blocking loses (its time includes that check)
# and `recount evaluate` of each result against truth.csv. Prints one table (and the load average
# before each step: the development machine is shared), then each size's blocking report (rules,
# blocks split above max_block, pairs dropped, true pairs lost). Figures: docs/linkage.md#scale.
set -euo pipefail
BIN=$(realpath "${1:?usage: linkage_scale.sh path/to/recount [MAX_RECORDS]}")
MAX=${2:-1000000}
SIZES=${SCALE_SIZES:-"10000 30000 100000 300000 1000000"}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/linkage_scale.XXXXXX")
if [ "${SCALE_KEEP:-0}" = 1 ]; then echo "working folder: $WORK"; else trap 'rm -rf "$WORK"' EXIT; fi
head -c 32 /dev/urandom >"$WORK/store.key"
head -c 32 /dev/urandom >"$WORK/vault.key"
export RECOUNT_KEY_FILE="$WORK/store.key" RECOUNT_VAULT_KEY_FILE="$WORK/vault.key"
unset RECOUNT_PASSPHRASE RECOUNT_VAULT_PASSPHRASE

# timed NAME CMD...: runs CMD under /usr/bin/time -v; stdout in $WORK/NAME.out, the figures in
# $WORK/NAME.time. Stops the script when CMD fails.
timed() {
  local name=$1; shift
  if ! /usr/bin/time -v -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err"; then
    echo "failed: $*" >&2; cat "$WORK/$name.err" >&2; exit 1
  fi
}
# figures FILE...: "wall_s cpu_s peak_mb" summed over the files (peak: the largest).
figures() {
  awk '
    /Elapsed \(wall clock\)/ { n = split($NF, t, ":"); s = 0; for (k = 1; k <= n; k++) s = s * 60 + t[k]; wall += s }
    /User time \(seconds\)/ { cpu += $NF }
    /System time \(seconds\)/ { cpu += $NF }
    /Maximum resident set size/ { if ($NF > rss) rss = $NF }
    END { printf "%.1f %.1f %.0f\n", wall, cpu, rss / 1024 }' "$@"
}
load() { cut -d' ' -f1 /proc/loadavg; }
f1_of() { sed -n 's/.*"f1":\([0-9.]*\).*/\1/p' "$1" | head -1; }

echo "recount linkage scale: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(git -C "$(dirname "$0")" rev-parse --short HEAD 2>/dev/null || echo '?')"
ROWS=()
for n in $SIZES; do
  [ "$n" -le "$MAX" ] || continue
  persons=$(( (n * 1000 + 434) / 868 ))
  d="$WORK/n$n"
  mkdir -p "$d"
  "$BIN" simulate --out "$d/sources" --persons "$persons" --sources 5 --seed 1 >/dev/null
  records=$(( $(wc -l <"$d/sources/truth.csv") - 1 ))
  # Truth keyed as SOURCE:RECORD_ID, the id the clusters files below use.
  awk -F, 'NR == 1 { print "id,person"; next } { print $1 ":" $2 "," $3 }' \
    "$d/sources/truth.csv" >"$d/truth.csv"

  # Store: import (each list) then link.
  "$BIN" init --store "$d/s.db" >/dev/null
  import_load=$(load)
  k=0
  for map in "$d"/sources/*.map; do
    k=$((k + 1))
    timed "import$k" "$BIN" import --store "$d/s.db" --source "$(basename "$map" .map)" \
      --mapping "$map" "${map%.map}.csv"
  done
  read -r iw ic ir <<<"$(figures "$WORK"/import?.time)"
  link_load=$(load)
  timed link "$BIN" link --store "$d/s.db" --json
  read -r lw lc lr <<<"$(figures "$WORK/link.time")"
  pairs=$(sed -n 's/.*"candidate_pairs":\([0-9]*\).*/\1/p' "$WORK/link.out")
  "$BIN" list --store "$d/s.db" --json --names --limit -1 >"$d/list.jsonl"
  python3 - "$d/list.jsonl" "$d/link_clusters.csv" "$d/flat.csv" "$d/truth.csv" <<'EOF'
import csv, json, re, sys
person = {r["id"]: r["person"] for r in csv.DictReader(open(sys.argv[4], encoding="utf-8"))}
with open(sys.argv[2], "w", newline="") as c, open(sys.argv[3], "w", newline="") as f:
    cw, fw = csv.writer(c), csv.writer(f)
    cw.writerow(["id", "cluster", "source"])
    fw.writerow(["id", "source", "name", "alias", "sex", "birth", "origin", "act_years", "act_places",
                 "person"])
    for line in open(sys.argv[1], encoding="utf-8"):
        r = json.loads(line)
        rid = r["source"] + ":" + r["record_id"]
        cw.writerow([rid, r.get("cluster_id", ""), r["source"]])
        ident = r.get("identity") or {}
        names = [ident.get("full_name") or " ".join(
            x for x in (ident.get("surname"), ident.get("given_name")) if x)]
        names += (ident.get("name_variants") or [])[:1]
        years, places = set(), set()
        for a in r.get("acts") or []:
            ys = [int(y) for y in re.findall(r"\d{4}", a.get("date", ""))]
            if ys and max(ys) - min(ys) <= 3:
                years.update(range(min(ys), max(ys) + 1))
            if a.get("place_id"):
                places.add(a["place_id"])
        # Birth as recount dedupe reads it: a day, month or year as is, anything else a range.
        birth = r.get("birth_date", "")
        if birth and not re.fullmatch(r"\d{4}(-\d\d(-\d\d)?)?", birth):
            ys = [int(y) for y in re.findall(r"\d{4}", birth)]
            birth = "%d/%d" % (min(ys), max(ys)) if ys else ""
        fw.writerow([rid, r["source"], names[0], names[1] if len(names) > 1 else "", r.get("sex") or "",
                     birth, r.get("origin_place_id") or "",
                     "|".join(map(str, sorted(years))), "|".join(sorted(places)), person.get(rid, "")])
EOF
  "$BIN" evaluate "$d/link_clusters.csv" --truth "$d/truth.csv" --truth-id id \
    --truth-column person --json >"$d/link_eval.json"
  link_f1=$(f1_of "$d/link_eval.json")

  # The same records in one CSV: `recount dedupe`.
  dw=- dc=- dr=- dpairs=- dedupe_f1=- dedupe_load=-
  if [ "${SCALE_DEDUPE:-1}" = 1 ]; then
    dedupe_load=$(load)
    timed dedupe "$BIN" dedupe "$d/flat.csv" --out "$d/dedupe_clusters.csv" --id id --korean-names \
      --truth person \
      --map "full_name=name+alias,sex=sex,birth_date=birth,place=origin,act_years=act_years:number_set,act_places=act_places:place_set"
    read -r dw dc dr <<<"$(figures "$WORK/dedupe.time")"
    dpairs=$(sed -n 's/.*candidate pairs \([0-9]*\).*/\1/p' "$WORK/dedupe.out" | head -1)
    "$BIN" evaluate "$d/dedupe_clusters.csv" --truth "$d/truth.csv" --truth-id id \
      --truth-column person --json >"$d/dedupe_eval.json"
    dedupe_f1=$(f1_of "$d/dedupe_eval.json")
    { echo "$records records, recount dedupe --korean-names:"
      sed -n '/^blocking rules:/,/^model:/p' "$WORK/dedupe.out" | sed '$d'
      grep '^blocking kept' "$WORK/dedupe.out" || true; } >>"$WORK/blocking.txt"
  fi
  ROWS+=("$records $pairs $iw $ic $ir $import_load $lw $lc $lr $link_f1 $link_load $dpairs $dw $dc $dr $dedupe_f1 $dedupe_load")
  printf 'done: %s records (%s persons simulated), link %s s wall, %s MB peak, F1 %s\n' \
    "$records" "$persons" "$lw" "$lr" "$link_f1" >&2
  rm -rf "$d"
done

echo
echo "import = recount import of the 5 lists (summed); link = recount link on the store;"
echo "dedupe = recount dedupe --korean-names on one CSV of the same records. wall/CPU in s, peak RSS in MB,"
echo "F1 = pairwise F1 against the simulation's truth; load = 1-minute load average before the step."
printf '| %9s | %11s | %-24s | %-33s | %-33s |\n' records "link pairs" "import wall/CPU/peak load" \
  "link wall/CPU/peak F1 load" "dedupe pairs wall/CPU/peak F1"
printf '|%s|%s|%s|%s|%s|\n' ----------- ------------- -------------------------- \
  ----------------------------------- -----------------------------------
for row in "${ROWS[@]}"; do
  read -r rec pr iw ic ir il lw lc lr lf ll dp dw dc dr df dl <<<"$row"
  printf '| %9s | %11s | %6s %6s %5s %5s | %6s %6s %5s %6s %5s | %9s %6s %6s %5s %6s |\n' \
    "$rec" "$pr" "$iw" "$ic" "$ir" "$il" "$lw" "$lc" "$lr" "$lf" "$ll" "$dp" "$dw" "$dc" "$dr" "$df"
done
if [ -s "$WORK/blocking.txt" ]; then echo; cat "$WORK/blocking.txt"; fi
