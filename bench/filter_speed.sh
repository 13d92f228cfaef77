#!/usr/bin/env bash
# Speed of the record filters (docs/http-api.md "Filters") on a large store: the queries the first
# page of GET /api/records runs (the count over all matches, then a page of 50), through `recount
# list`, for each filter alone and combined. Prints the best of REPEAT runs per filter, in ms, for
# the whole command (process start and store open included: `recount list` with no filter is the
# baseline to subtract).
#
#   bench/filter_speed.sh build/recount     # RECORDS=100000 REPEAT=3, STORE_DIR to keep the store
#
# The store is built as bench/web_load.sh builds it (simulated, 5 lists); with STORE_DIR set to
# the same folder both scripts reuse one store.
set -euo pipefail
BIN=$(realpath "$1")
RECORDS=${RECORDS:-100000}
REPEAT=${REPEAT:-3}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
. "$(dirname "$0")/load_store.sh"
load_store "$BIN" "${STORE_DIR:-$WORK}" "$RECORDS" "$WORK"
"$BIN" list --store "$S" --limit 1 | tail -n 1
run() {  # run LABEL ARGS...: best wall time of REPEAT runs, and the matches
  local label=$1; shift
  local best="" out
  for _ in $(seq 1 "$REPEAT"); do
    local t0 t1
    t0=$(date +%s%N)
    out=$("$BIN" list --store "$S" --limit 50 "$@" | tail -n 1)
    t1=$(date +%s%N)
    local ms=$(( (t1 - t0) / 1000000 ))
    if [ -z "$best" ] || [ "$ms" -lt "$best" ]; then best=$ms; fi
  done
  printf '%-52s %6d ms   %s\n' "$label" "$best" "$out"
}
run "no filter (baseline)"
run "act trafficking" --act trafficking
run "years 2010-2012" --from 2010 --to 2012
run "place kp-hamgyongbuk (province: 20 ids)" --place kp-hamgyongbuk
run "place kp-hamgyongbuk-onsong (county)" --place kp-hamgyongbuk-onsong
run "place cn-jilin (province)" --place cn-jilin
run "place kp (country: every North Korean place)" --place kp
run "ages 0-17" --age-from 0 --age-to 17
run "ages 30-" --age-from 30
run "act + place + ages" --act arbitrary_detention --place kp-hamgyongbuk --age-from 15 --age-to 25
run "place + sex + years + ages" --place cn-jilin --sex female --from 2005 --to 2015 --age-to 30
# Rare matches: a page walks a window of persons, then takes the rest from the matching acts.
run "rare: act forced_abortion" --act forced_abortion
run "rare: forced_abortion, onsong county, ages 0-17" --act forced_abortion \
  --place kp-hamgyongbuk-onsong --age-to 17
run "none: act forced_abortion at age 0" --act forced_abortion --age-to 0
echo "load: $(cut -d' ' -f1-3 /proc/loadavg)"
