#!/bin/bash
# End-to-end accuracy of `recount dedupe` + `recount evaluate` on public benchmarks with ground
# truth (../shared/data/linkage, see its README). Thresholds are the defaults, fixed in advance and
# identical for every data set; the targets are the ones set for the project (docs/linkage.md).
# Skips (exit 0 with a note) when the shared data directory is absent.
set -euo pipefail
RECOUNT=${1:?usage: linkage_benchmarks_test.sh path/to/recount}
SHARED=${RECOUNT_SHARED_DIR:-${RECOUNT_SOURCE_DIR:-.}/../shared}
D=$SHARED/data/linkage
if [ ! -d "$D" ]; then
  echo "SKIP: $D not found"
  exit 0
fi
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fail=0

# check NAME MIN_F1 F1
check() {
  if awk -v f="$3" -v m="$2" 'BEGIN { exit !(f >= m) }'; then
    echo "ok   $1: F1 $3 >= $2"
  else
    echo "FAIL $1: F1 $3 < $2"
    fail=1
  fi
}
f1_of() { sed -n 's/.*"f1":\([0-9.]*\).*/\1/p' "$1"; }

RL_MAP=given_name=fname_c1+fname_c2,surname=lname_c1+lname_c2,birth_year=by,birth_month=bm,birth_day=bd
for n in 500 10000; do
  "$RECOUNT" dedupe "$D/rldata/RLdata$n.csv" --out "$T/rl$n.csv" --id rec_id --map "$RL_MAP" \
    --keep ent_id > "$T/rl$n.log"
  "$RECOUNT" evaluate "$T/rl$n.csv" --truth ent_id --json > "$T/rl$n.json"
done
# Project targets are F1 >= 0.99 (RLdata500) and >= 0.98 (RLdata10000); NOT MET yet (measured
# 0.9899 and 0.9704 on 2026-11-29 with date level 5 split by the component that differs;
# 0.9899 and 0.9669 with the posterior merge rule alone; 0.9899 and 0.9219 before that day).
# These floors guard against regressions until they are.
check RLdata500 0.985 "$(f1_of "$T/rl500.json")"
check RLdata10000 0.965 "$(f1_of "$T/rl10000.json")"

# The optional errors-per-pair term (docs/linkage.md, "Errors per pair"; off by default): 0.9774
# on RLdata10000 on 2026-11-29. Also the diagnosis file: one row per candidate pair >= 0.01 with
# its level per field.
printf 'error_dependence = true\n' > "$T/errdep.cfg"
"$RECOUNT" dedupe "$D/rldata/RLdata10000.csv" --config "$T/errdep.cfg" --out "$T/rl10000e.csv" \
  --id rec_id --map "$RL_MAP" --keep ent_id --candidates-out "$T/cand.csv" > "$T/rl10000e.log"
"$RECOUNT" evaluate "$T/rl10000e.csv" --truth ent_id --json > "$T/rl10000e.json"
check "RLdata10000 error_dependence" 0.975 "$(f1_of "$T/rl10000e.json")"
if ! head -1 "$T/cand.csv" | grep -q '^id_a,id_b,cluster_a,cluster_b,bits,probability,surname,given_name,birth_date$' ||
   [ "$(wc -l < "$T/cand.csv")" -lt 1000 ]; then
  echo "FAIL --candidates-out: $(head -2 "$T/cand.csv")"; fail=1
fi

# Every candidate pair (--candidates-floor 0), and the oracle bound of scripts/linkage_oracle.py
# (docs/linkage.md, "How much the comparisons can tell"): on RLdata500 the comparison patterns
# alone allow at most the F1 recount reaches (0.9899: one true pair shares its pattern with
# non-matches).
"$RECOUNT" dedupe "$D/rldata/RLdata500.csv" --out "$T/rl500all.csv" --id rec_id --map "$RL_MAP" \
  --keep ent_id --candidates-out "$T/cand500.csv" --candidates-floor 0 > "$T/rl500all.log"
pairs=$(sed -n 's/.*candidate pairs \([0-9]*\).*/\1/p' "$T/rl500all.log" | head -1)
if [ "$(($(wc -l < "$T/cand500.csv") - 1))" != "$pairs" ]; then
  echo "FAIL --candidates-floor 0: $(wc -l < "$T/cand500.csv") lines for $pairs candidate pairs"; fail=1
fi
if "$RECOUNT" dedupe "$D/rldata/RLdata500.csv" --out "$T/x.csv" --id rec_id --map "$RL_MAP" \
     --candidates-floor 0 2> "$T/err.txt" || ! grep -q "requires --candidates-out" "$T/err.txt"; then
  echo "FAIL --candidates-floor without --candidates-out: $(cat "$T/err.txt")"; fail=1
fi
cut -d, -f1,4 "$T/rl500all.csv" > "$T/truth500.csv"
python3 "$(dirname "$0")/../../scripts/linkage_oracle.py" "$T/cand500.csv" "$T/truth500.csv" \
  id ent_id > "$T/oracle.txt"
sed 's/^/info oracle RLdata500: /' "$T/oracle.txt"
check "RLdata500 oracle on patterns" 0.98 \
  "$(sed -n 's/^oracle on pattern + one list: .*best pairwise F1 \([0-9.]*\).*/\1/p' "$T/oracle.txt")"

FEBRL_MAP=given_name=given_name,surname=surname,birth_date=date_of_birth,street_number=street_number:number,address_1=address_1,address_2=address_2,suburb=suburb,postcode=postcode,state=state:exact,soc_sec_id=soc_sec_id
"$RECOUNT" dedupe "$D/febrl/dataset3.csv" --out "$T/f3.csv" --id rec_id --map "$FEBRL_MAP" > "$T/f3.log"
"$RECOUNT" evaluate "$T/f3.csv" --truth id --truth-pattern 'rec-([0-9]+)' --json > "$T/f3.json"
check Febrl3 0.999 "$(f1_of "$T/f3.json")"

"$RECOUNT" dedupe "$D/febrl/dataset4a.csv" --link-with "$D/febrl/dataset4b.csv" --out "$T/f4.csv" \
  --id rec_id --map "$FEBRL_MAP" > "$T/f4.log"
"$RECOUNT" evaluate "$T/f4.csv" --truth id --truth-pattern 'rec-([0-9]+)' --json > "$T/f4.json"
check Febrl4 0.999 "$(f1_of "$T/f4.json")"

# Splink's fake_1000: reported, with a floor that catches regressions.
"$RECOUNT" dedupe "$D/splink/fake_1000.csv" --out "$T/fake.csv" --id unique_id \
  --map given_name=first_name,surname=surname,birth_date=dob,city=city,email=email --keep cluster \
  > "$T/fake.log"
"$RECOUNT" evaluate "$T/fake.csv" --truth input_cluster --json > "$T/fake.json"
echo "info fake_1000: $(cat "$T/fake.json")"
check fake_1000 0.96 "$(f1_of "$T/fake.json")"

# Splink's historical_figures_with_errors_50k: reported (0.8862 on 2026-11-29; docs/linkage.md). 15 birth dates are truncated dates before
# the common era ("-0050-01-0"): linked as missing, counted in a warning, not an error.
"$RECOUNT" dedupe "$D/splink/historical_figures_with_errors_50k.csv" --out "$T/hist.csv" \
  --id unique_id --keep cluster --map given_name=first_name,surname=surname,birth_date=dob,place=birth_place,postcode=postcode_fake,sex=gender,occupation=occupation \
  > "$T/hist.log"
if ! grep -q "^warning: 15 birth date(s) could not be read" "$T/hist.log"; then
  echo "FAIL historical_50k: no warning about the 15 unreadable dates"; fail=1
fi
"$RECOUNT" evaluate "$T/hist.csv" --truth input_cluster --json > "$T/hist.json"
echo "info historical_50k: $(cat "$T/hist.json")"
check historical_50k 0.87 "$(f1_of "$T/hist.json")"

# Bad input: a mapping naming a missing column is a clear error, not a crash.
if "$RECOUNT" dedupe "$D/rldata/RLdata500.csv" --out "$T/x.csv" --id rec_id \
     --map surname=no_such_column 2> "$T/err.txt"; then
  echo "FAIL: missing column accepted"; fail=1
elif ! grep -q "no_such_column" "$T/err.txt"; then
  echo "FAIL: error does not name the column: $(cat "$T/err.txt")"; fail=1
else
  echo "ok   missing column rejected: $(head -c 200 "$T/err.txt")"
fi
exit $fail
