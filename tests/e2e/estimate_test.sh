#!/usr/bin/env bash
# End-to-end test of `recount estimate` through the real binary: published figures in the human
# and JSON output, method disagreement warnings, and clear errors on bad tables.
# Usage: estimate_test.sh /path/to/recount   (RECOUNT_SOURCE_DIR names the source tree)
set -u
bin="$1"
src="${RECOUNT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
data="$src/tests/data/mse"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
fail=0
check() {  # check NAME CONDITION-COMMAND...
  local name="$1"
  shift
  if "$@"; then echo "ok   $name"; else echo "FAIL $name"; fail=1; fi
}
contains() { grep -qF -- "$2" "$1"; }

# Log-linear on Kosovo: BIC-best hierarchical model, estimate and profile interval (Ball et al.).
"$bin" estimate --table "$data/kosovo.csv" --method loglinear --bootstrap 200 >"$tmp/k.txt" 2>"$tmp/k.err"
check "kosovo loglinear exit 0" test $? -eq 0
check "kosovo estimate 10,357" contains "$tmp/k.txt" "10,357"
check "kosovo profile interval" contains "$tmp/k.txt" "8,994 - 12,110"
check "kosovo chosen model" contains "$tmp/k.txt" "[EXH*ABA*OSCE, EXH*HRW, OSCE*HRW]"

# Two-way only: 14,342 (Rcapture).
"$bin" estimate --table "$data/kosovo.csv" --method loglinear --max-order 2 --bootstrap 0 --json >"$tmp/k2.json"
check "kosovo two-way json" python3 -c "
import json,sys
j=json.load(open('$tmp/k2.json'))
e=j['estimates'][0]
assert abs(e['estimate']-14342)<7, e['estimate']
assert j['table']['observed']==4400
"

# UK modern slavery, 6 lists: the BIC-best of all 32,768 two-way hierarchical models gives 12,350
# (Bales, Hesketh & Silverman 2015), to 4 significant digits. Through the binary so that the
# release build checks it: the search takes ~2 minutes under the sanitizers.
"$bin" estimate --table "$data/uk_modern_slavery_2013.csv" --method loglinear --max-order 2 \
  --criterion bic --bootstrap 0 --json >"$tmp/uk.json"
check "uk six lists bic 12,350" python3 -c "
import json
e=json.load(open('$tmp/uk.json'))['estimates'][0]
assert abs(e['estimate']-12350)<=0.0005*12350, e['estimate']
"

# dga on Madigan-York 5 lists: 618 (590-656).
"$bin" estimate --table "$data/madigan_york_5lists.csv" --method dga --json >"$tmp/my.json"
check "madigan-york dga" python3 -c "
import json
e=json.load(open('$tmp/my.json'))['estimates'][0]
assert abs(e['estimate']-618)<=4 and abs(e['lower']-590)<=4 and abs(e['upper']-656)<=4, e
"

# All methods on Netherlands (6 lists): dga unavailable, methods disagree -> warnings shown.
"$bin" estimate --table "$data/netherlands.csv" --iterations 3000 --burn-in 1000 --chains 2 \
  --bootstrap 100 --max-order 2 >"$tmp/nl.txt" 2>&1
check "netherlands exit 0" test $? -eq 0
check "netherlands dga not available" contains "$tmp/nl.txt" "not available"
check "netherlands warnings" contains "$tmp/nl.txt" "Warnings:"

# Bad tables: clear errors naming the line, non-zero exit.
printf 'A,B,C,count\n1,0,0,5\n0,0,0,7\n' >"$tmp/zero.csv"
"$bin" estimate --table "$tmp/zero.csv" --method chao >/dev/null 2>"$tmp/zero.err"
check "all-zero row rejected" test $? -ne 0
check "all-zero row message" contains "$tmp/zero.err" "zero.csv:3: the all-zero pattern"
printf 'A,B,C,count\n1,0,0,5\n1,0,0,7\n' >"$tmp/dup.csv"
"$bin" estimate --table "$tmp/dup.csv" --method chao >/dev/null 2>"$tmp/dup.err"
check "duplicate rejected" contains "$tmp/dup.err" "dup.csv:3: the same pattern as line 2"
printf 'A,B,count\n1,0,5\n' >"$tmp/two.csv"
"$bin" estimate --table "$tmp/two.csv" >/dev/null 2>"$tmp/two.err"
check "two lists rejected" contains "$tmp/two.err" "at least 3 lists"
"$bin" estimate --table "$data/kosovo.csv" --method lcmrc >/dev/null 2>"$tmp/m.err"
check "unknown method" contains "$tmp/m.err" "unknown method 'lcmrc'"

exit $fail
