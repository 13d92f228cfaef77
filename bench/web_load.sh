#!/usr/bin/env bash
# Load benchmark of `recount serve` (issue 6): a store of RECORDS records (default 100,000),
# one signed-in analyst, and wrk with CONNECTIONS connections (default 50) for DURATION seconds (default
# 60, set DURATION; the issue's memory check wants 600) on a mix of read requests: one record by a random id,
# and a page of 20 records after a random id (keyset paging, as the UI pages). Prints wrk's figures (requests/s, latency
# percentiles, errors), the server's resident memory, the CPU time the server and wrk used (and so the
# server's CPU per request, which says what an otherwise idle machine would reach), and the load average.
#
#   bench/web_load.sh build/recount            # RECORDS=100000 DURATION=60 CONNECTIONS=50
#
# Options (environment):
#   THREADS=N        server worker threads (default: the server's own default, one per core)
#   STORE_DIR=DIR    keep the store and its keys in DIR and reuse them on the next run (building the
#                    store takes minutes; without it a fresh one is built in a temporary directory)
#   RSS_EVERY=S      sample the server's RSS and CPU time every S seconds during the run (default: at
#                    the start, midway and at the end only); the 10-minute memory check uses
#                    DURATION=600 RSS_EVERY=30
#   LIST_SHARE=F     share of page requests in the mix (default 0.3; the rest: one record by id)
#   WRK_THREADS=N    wrk threads (default 2)
set -euo pipefail
BIN=$(realpath "$1")
RECORDS=${RECORDS:-100000}
SECONDS_RUN=${DURATION:-60}
CONNECTIONS=${CONNECTIONS:-50}
SERVER_THREADS=${THREADS:-}
LIST_SHARE=${LIST_SHARE:-0.3}
RSS_EVERY=${RSS_EVERY:-0}
WRK_THREADS=${WRK_THREADS:-2}
WORK=$(mktemp -d)
SERVER=""
# The server is waited for, so that a following run does not find the store still locked.
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
DATA=${STORE_DIR:-$WORK}
. "$(dirname "$0")/load_store.sh"
load_store "$BIN" "$DATA" "$RECORDS" "$WORK"
if [ "$REUSED" = 1 ]; then echo "reusing the store in $DATA"; fi
TOTAL=$("$BIN" stats --store "$S" --by source --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total_victim_records"])')
echo "store: $TOTAL records"
KEY=$(cat "$DATA/analyst.totp")
"$BIN" serve --store "$S" --listen 127.0.0.1:0 ${SERVER_THREADS:+--threads "$SERVER_THREADS"} \
  >"$WORK/serve.out" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do grep -q serving "$WORK/serve.out" && break; sleep 0.1; done
PORT=$(sed -n 's/.*http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$WORK/serve.out")
# A TOTP code is accepted once: on a reused store wait for the next 30-second step if this one
# may have been used by the previous run.
STEP_FILE="$DATA/analyst.step"
while [ -f "$STEP_FILE" ] && [ "$(cat "$STEP_FILE")" -ge $(($(date +%s) / 30)) ]; do sleep 1; done
echo $(($(date +%s) / 30)) >"$STEP_FILE"
CODE=$(python3 - "$KEY" <<'PY'
import base64, hmac, hashlib, struct, sys, time
key = base64.b32decode(sys.argv[1] + "=" * (-len(sys.argv[1]) % 8))
mac = hmac.new(key, struct.pack(">Q", int(time.time()) // 30), hashlib.sha1).digest()
o = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7fffffff) % 1000000))
PY
)
COOKIE=$(curl -s -D - -o /dev/null -X POST "http://127.0.0.1:$PORT/api/login" \
  -d "{\"name\":\"analyst\",\"password\":\"load test password\",\"code\":\"$CODE\"}" |
  sed -n 's/^Set-Cookie: \(recount_session=[0-9a-f]*\).*/\1/p')
[ -n "$COOKIE" ] || { echo "sign-in failed"; exit 1; }
cat >"$WORK/mix.lua" <<LUA
math.randomseed(7)
wrk.headers["Cookie"] = "$COOKIE"
request = function()
  if math.random() >= $LIST_SHARE then
    return wrk.format("GET", "/api/records/" .. math.random(1, $TOTAL))
  end
  return wrk.format("GET", "/api/records?limit=20&after=" .. math.random(1, $TOTAL - 20))
end
LUA
TICKS=$(getconf CLK_TCK)
rss() { awk '/VmRSS/ {print $2}' "/proc/$SERVER/status"; }
cpu_ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # utime + stime of a process
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
sample() {  # sample LABEL: RSS, server CPU seconds so far, load average
  printf '%-10s RSS %7d kB  server CPU %7.1f s  load %s\n' "$1" "$(rss)" \
    "$(awk -v t="$(cpu_ticks "$SERVER")" -v h="$TICKS" 'BEGIN {print t / h}')" "$(loadavg)"
}
sample "start"
CPU0=$(cpu_ticks "$SERVER")
wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --latency -s "$WORK/mix.lua" \
  "http://127.0.0.1:$PORT" >"$WORK/wrk.out" &
WRK=$!
if [ "$RSS_EVERY" -gt 0 ]; then
  for ((t = RSS_EVERY; t < SECONDS_RUN; t += RSS_EVERY)); do sleep "$RSS_EVERY"; sample "${t}s"; done &
else
  ( sleep $((SECONDS_RUN / 2)); sample "midway" ) &
fi
SAMPLER=$!
WRK_CPU=0
while kill -0 "$WRK" 2>/dev/null; do WRK_CPU=$(cpu_ticks "$WRK" 2>/dev/null || echo "$WRK_CPU"); sleep 1; done
wait "$WRK"
kill "$SAMPLER" 2>/dev/null || true
wait "$SAMPLER" 2>/dev/null || true
CPU1=$(cpu_ticks "$SERVER")
sample "end"
cat "$WORK/wrk.out"
REQS=$(awk '/requests in/ {print $1}' "$WORK/wrk.out")
python3 - "$REQS" "$CPU0" "$CPU1" "$WRK_CPU" "$TICKS" "$SECONDS_RUN" <<'PY'
import sys
reqs, c0, c1, w, ticks, secs = int(sys.argv[1]), *map(int, sys.argv[2:6]), int(sys.argv[6])
server = (c1 - c0) / ticks
print(f"server CPU: {server:.1f} s for {reqs} requests = {1e6 * server / max(reqs, 1):.0f} us "
      f"per request ({server / secs:.2f} cores busy); wrk CPU (last sample): {w / ticks:.1f} s")
print(f"=> with 2 idle cores for the server alone: at most {2 * reqs / max(server, 1e-9):.0f} requests/s")
PY
if grep -q -e 'Non-2xx' -e 'Socket errors' "$WORK/wrk.out"; then
  echo "ERRORS: non-2xx answers or socket errors (see above)"
else
  echo "no errors (no non-2xx answers, no socket errors)"
fi
