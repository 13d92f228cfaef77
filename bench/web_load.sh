#!/usr/bin/env bash
# Load benchmark of `recount serve` (issue 6): a store of RECORDS records (default 100,000),
# one signed-in analyst, and wrk with CONNECTIONS connections (default 50) for DURATION seconds (default
# 60, set DURATION; the issue's memory check wants 600) on a mix of read requests: one record by a random id,
# and a page of 20 records after a random id (keyset paging, as the UI pages). Prints wrk's figures (requests/s, latency
# percentiles, errors) and the server's resident memory at the start, middle and end.
#
#   bench/web_load.sh build/recount            # RECORDS=100000 DURATION=60 CONNECTIONS=50 THREADS=4
set -euo pipefail
BIN=$(realpath "$1")
RECORDS=${RECORDS:-100000}
SECONDS_RUN=${DURATION:-60}
CONNECTIONS=${CONNECTIONS:-50}
SERVER_THREADS=${THREADS:-4}
LIST_SHARE=${LIST_SHARE:-0.3}  # share of page requests in the mix (the rest: one record by id)
WORK=$(mktemp -d)
SERVER=""
trap 'kill $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install wrk"; exit 1; }
head -c 32 /dev/urandom >"$WORK/store.key"; head -c 32 /dev/urandom >"$WORK/vault.key"
export RECOUNT_KEY_FILE="$WORK/store.key" RECOUNT_VAULT_KEY_FILE="$WORK/vault.key"
S="$WORK/load.db"
"$BIN" init --store "$S" >/dev/null
# The simulator gives about 0.64 records per person over 5 lists (measured: 100,000 persons, 64,144 records).
"$BIN" simulate --persons $((RECORDS * 100 / 64)) --sources 5 --seed 11 --out "$WORK/src" >/dev/null
for m in "$WORK"/src/*.map; do
  "$BIN" import --store "$S" --source "$(basename "${m%.map}")" --mapping "$m" "${m%.map}.csv" >/dev/null
done
TOTAL=$("$BIN" stats --store "$S" --by source --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["total_victim_records"])')
echo "store: $TOTAL records"
KEY=$(RECOUNT_USER_PASSWORD='load test password' "$BIN" user add analyst --role analyst --store "$S" --json |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["totp_secret"])')
"$BIN" serve --store "$S" --listen 127.0.0.1:0 --threads "$SERVER_THREADS" >"$WORK/serve.out" 2>&1 &
SERVER=$!
for _ in $(seq 1 100); do grep -q serving "$WORK/serve.out" && break; sleep 0.1; done
PORT=$(sed -n 's/.*http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$WORK/serve.out")
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
rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$SERVER/status"; }
echo "server RSS before: $(rss)"
( sleep $((SECONDS_RUN / 2)); echo "server RSS midway: $(rss)" ) &
MIDWAY=$!
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_RUN}s" --latency -s "$WORK/mix.lua" "http://127.0.0.1:$PORT" | tee "$WORK/wrk.out"
wait "$MIDWAY"
echo "server RSS after: $(rss)"
grep -q 'Non-2xx' "$WORK/wrk.out" && echo "ERRORS: non-2xx answers (see above)" || echo "no non-2xx answers"
