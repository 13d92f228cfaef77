#!/usr/bin/env bash
# End to end: the web app served by `recount serve` (docs/web.md). A small simulated store, users
# from `recount user add`, the server on a free loopback port; then
#  - the static files over HTTP (types, ETag/304, 404 for unknown and traversal paths, 405 for
#    POST, the CSP on the page) and GET /api/dashboard (401 signed out, 200 for a viewer, 400 for
#    a bad method) with curl;
#  - the pages in headless Debian chromium (tests/browser/web_app.mjs): sign in with 2FA, search
#    by a romanised name, record + identity, review a pair by key, estimates chart, audit,
#    Korean. Screenshots in build/tests/artefacts/web-*.png.
# The server is stopped at the end (also on failure).
. "$(dirname "$0")/lib.sh"
S="$WORK/w.db"
expect_exit 0 "$BIN" simulate --out "$WORK/src" --persons 200 --sources 3 --seed 4
expect_exit 0 "$BIN" init --store "$S"
for m in "$WORK"/src/*.map; do
  expect_exit 0 "$BIN" import --store "$S" --source "$(basename "$m" .map)" --mapping "$m" "${m%.map}.csv"
done
expect_exit 0 "$BIN" link --store "$S"

PW='admin password 1234'
add_user() {  # add_user NAME ROLE -> prints the TOTP secret
  RECOUNT_USER_PASSWORD="$PW" "$BIN" user add "$1" --role "$2" --store "$S" --json >"$WORK/user.json"
  python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["totp_secret"])' "$WORK/user.json"
}
ADMIN_SECRET=$(add_user admin administrator)
VIEWER_SECRET=$(add_user viewer1 viewer)
INV_SECRET=$(add_user inv1 investigator)
[ -n "$ADMIN_SECRET" ] && [ -n "$VIEWER_SECRET" ] && pass || fail "user add gave no TOTP secret"

# A romanised name from the international NGO's list (romanised names), to search for.
NAME=$(python3 - "$WORK/src" <<'PY'
import csv, glob, sys
for path in sorted(glob.glob(sys.argv[1] + "/*.csv")):
    rows = list(csv.DictReader(open(path, encoding="utf-8")))
    for r in rows:
        n = r.get("Name") or r.get("full_name") or ""
        if n and n.isascii() and " " in n.strip():
            print(n.strip()); sys.exit(0)
sys.exit(1)
PY
) && pass || fail "no romanised name in the simulated lists"

"$BIN" serve --store "$S" --listen 127.0.0.1:0 >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER=$!
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$WORK"' EXIT
PORT=""
for _ in $(seq 1 100); do
  PORT=$(sed -n 's/.*on http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$WORK/serve.out")
  [ -n "$PORT" ] && break
  sleep 0.1
done
[ -n "$PORT" ] || { fail "server did not start: $(cat "$WORK/serve.err")"; finish; exit 1; }
B="http://127.0.0.1:$PORT"

# status URL [curl args...] -> the HTTP status; headers in $WORK/h, body in $WORK/b
status() {
  local url=$1; shift
  curl -s -o "$WORK/b" -D "$WORK/h" -w '%{http_code}' "$@" "$url"
}
expect_status() {  # expect_status WANT URL [curl args...]
  local want=$1; shift
  local got
  got=$(status "$@")
  if [ "$got" = "$want" ]; then pass; else fail "$* gave $got, want $want: $(head -c 300 "$WORK/b")"; fi
}

expect_status 200 "$B/"
expect_in "$WORK/h" "Content-Type: text/html; charset=utf-8"
expect_in "$WORK/h" "Content-Security-Policy: default-src 'self'; script-src 'self'"
expect_in "$WORK/h" "Cache-Control: no-cache"
expect_in "$WORK/b" '<script src="/app.js" defer></script>'
if grep -qiE '<script>|style=' "$WORK/b"; then fail "inline script or style in index.html"; else pass; fi
expect_status 200 "$B/app.js"
expect_in "$WORK/h" "Content-Type: text/javascript; charset=utf-8"
ETAG=$(sed -n 's/^ETag: \(.*\)\r$/\1/p' "$WORK/h")
expect_status 304 "$B/app.js" -H "If-None-Match: $ETAG"
expect_status 200 "$B/vendor/plot.umd.min.js"
expect_status 200 "$B/dashboard.css"
expect_in "$WORK/h" "Content-Type: text/css; charset=utf-8"
expect_status 200 "$B/app.js" -I
expect_status 404 "$B/nothing.js"
expect_status 404 "$B/../../../etc/passwd" --path-as-is
expect_status 404 "$B/%2e%2e/%2e%2e/etc/passwd" --path-as-is
expect_status 404 "$B/vendor/..%2f..%2fapp.js" --path-as-is
expect_not_in "$WORK/b" "root:"
expect_status 405 "$B/" -X POST -d x
expect_status 401 "$B/api/dashboard"
expect_status 404 "$B/api/no-such-endpoint" -b "recount_session=x"

# A viewer may see the dashboard model (view-estimates); a bad method is a 400.
CODE=$(python3 - "$VIEWER_SECRET" <<'PY'
import base64, hmac, struct, sys, time
k = base64.b32decode(sys.argv[1] + "=" * (-len(sys.argv[1]) % 8))
h = hmac.new(k, struct.pack(">Q", int(time.time()) // 30), "sha1").digest()
o = h[-1] & 15
print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7fffffff) % 1000000))
PY
)
expect_status 200 "$B/api/login" -c "$WORK/jar" -H 'Content-Type: application/json' \
  -d "{\"name\":\"viewer1\",\"password\":\"$PW\",\"code\":\"$CODE\"}"
# The default dashboard comes from the background computation: the first request answers at once
# with the model or a clear "computing" state; then it is current.
T0=$(date +%s%N)
expect_status 200 "$B/api/dashboard" -b "$WORK/jar"
MS=$(( ($(date +%s%N) - T0) / 1000000 ))
[ "$MS" -lt 1500 ] && pass || fail "the first dashboard request took $MS ms"
dash() {  # dash PYTHON-CONDITION over d (the answer in $WORK/b)
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($1) else 1)" "$WORK/b"
}
dash 'd["background"] and ((d["model"] is None and d["computing"]) or d["model"]["schema"] == "recount-dashboard/1")' &&
  pass || fail "first dashboard answer: $(head -c 300 "$WORK/b")"
current() {  # waits up to 60 s for a current model; true when there is one
  for _ in $(seq 1 120); do
    status "$B/api/dashboard" -b "$WORK/jar" >/dev/null
    dash 'd["model"] is not None and not d["stale"] and not d["computing"]' && return 0
    sleep 0.5
  done
  return 1
}
current && pass || fail "no current dashboard after 60 s: $(head -c 300 "$WORK/b")"
BEFORE=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["log_size"])' "$WORK/b")
dash 'd["model"]["schema"] == "recount-dashboard/1" and d["current_log_size"] >= d["log_size"] and d["computed_at"]' &&
  pass || fail "dashboard envelope: $(head -c 300 "$WORK/b")"
# After a change (a testimony entered by an investigator) the model is stale at once, then fresh.
INV_CODE=$(python3 - "$INV_SECRET" <<'PY'
import base64, hmac, struct, sys, time
k = base64.b32decode(sys.argv[1] + "=" * (-len(sys.argv[1]) % 8))
h = hmac.new(k, struct.pack(">Q", int(time.time()) // 30), "sha1").digest()
o = h[-1] & 15
print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7fffffff) % 1000000))
PY
)
expect_status 200 "$B/api/login" -c "$WORK/ijar" -H 'Content-Type: application/json' \
  -d "{\"name\":\"inv1\",\"password\":\"$PW\",\"code\":\"$INV_CODE\"}"
INV_CSRF=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$WORK/b")
expect_status 201 "$B/api/records" -b "$WORK/ijar" -H "X-CSRF-Token: $INV_CSRF" -H 'Content-Type: application/json' \
  -d '{"source":"web_dash","record":{"record_id":"D-1","sex":"female"},"acts":[{"act":"trafficking","event_date":"2018","event_place":"Yanji"}]}'
expect_status 200 "$B/api/dashboard" -b "$WORK/jar"
dash "d['stale'] and d['model'] is not None and d['log_size'] == $BEFORE and d['current_log_size'] > $BEFORE" &&
  pass || fail "not stale right after a change: $(head -c 300 "$WORK/b")"
current && pass || fail "not current again after the change: $(head -c 300 "$WORK/b")"
dash "d['log_size'] > $BEFORE" && pass || fail "the new model is not from after the change: $(head -c 300 "$WORK/b")"
expect_status 200 "$B/api/dashboard?method=chao&by=year" -b "$WORK/jar"
python3 -c 'import json,sys; e=json.load(open(sys.argv[1])); d=e["model"]; assert not e["background"] and not e["stale"] and d["schema"]=="recount-dashboard/1" and d["overall"]["estimates"][0]["method"]=="chao" and list(d["by"])==["year"] and d["audit"]["verified"] is False, d.keys()' "$WORK/b" && pass || fail "dashboard model: $(head -c 300 "$WORK/b")"
expect_in "$WORK/h" "Cache-Control: no-store"
expect_status 400 "$B/api/dashboard?method=bogus" -b "$WORK/jar"
expect_status 400 "$B/api/dashboard?by=colour" -b "$WORK/jar"
expect_status 403 "$B/api/review/queue" -b "$WORK/jar"
# Intake: a viewer may not write (403), even with the CSRF token; places type-ahead in Hangul.
CSRF=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["csrf_token"])' "$WORK/b" 2>/dev/null ||
       curl -s -b "$WORK/jar" "$B/api/session" | python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
expect_status 403 "$B/api/records" -b "$WORK/jar" -H "X-CSRF-Token: $CSRF" -H 'Content-Type: application/json' \
  -d '{"source":"web","record":{"record_id":"X-1"},"acts":[{"act":"trafficking"}]}'
expect_in "$WORK/b" "the role 'viewer' may not do this"
expect_status 200 "$B/api/places?q=%EC%98%8C%EC%A7%80" -b "$WORK/jar"
expect_in "$WORK/b" '"id":"cn-jilin-yanbian-yanji"'

# The pages in a real browser.
ART="${RECOUNT_ARTEFACTS:-$PWD/artefacts}"
mkdir -p "$ART"
if command -v node >/dev/null 2>&1; then
  set +e
  node "$SRC/tests/browser/web_app.mjs" "$B" admin "$PW" "$ADMIN_SECRET" "$NAME" "$ART" \
    >"$WORK/out" 2>"$WORK/err"
  rc=$?
  set -e
  if [ $rc -eq 77 ]; then echo "SKIP browser check: $(cat "$WORK/err")" >&2
  elif [ $rc -eq 0 ]; then pass
  else fail "browser (searched '$NAME'): $(cat "$WORK/err")"; fi
else
  echo "SKIP browser check: no node (run scripts/install-deps.sh)" >&2
fi

# The identity read and the review decision made in the browser are in the log.
kill $SERVER; wait $SERVER 2>/dev/null || true
expect_exit 0 "$BIN" history all --store "$S"
expect_in "$WORK/out" "read-identity"
finish
