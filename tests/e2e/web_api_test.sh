#!/usr/bin/env bash
# End to end: `recount serve` on loopback through the real binary (docs/web.md, docs/http-api.md).
# Accounts from `recount user add`, sign-in with password + TOTP, the session cookie's flags, CSRF,
# deny by default per role, identity reads logged, restricted records (404 and absent for users
# they are not shared with, each sharing change logged, a forged share reported), hostile
# requests (oversize body, too many headers, malformed request line, a silent client) answered
# without harm, then the same through nginx with TLS (docs/nginx.conf.example), and audit verify
# afterwards.
. "$(dirname "$0")/lib.sh"
S="$WORK/w.db"
cat >"$WORK/list.csv" <<'CSV'
record_id,full_name,sex,birth_date,act,event_date,event_place,perpetrator,involvement,testimony_date,narrative
A1,김금순,F,1985,trafficking,2004-03,Yanji,broker,direct,2019-05-02,Sold near Yanji.
A2,Ri Second,F,1990,forced_repatriation,2010,Tumen,police_cn,direct,2019-06-01,Returned at Tumen.
CSV
expect_exit 0 "$BIN" init --store "$S"
expect_exit 0 "$BIN" import --store "$S" --source ngo-a "$WORK/list.csv"

totp() {  # totp BASE32 [STEP_OFFSET]: the RFC 6238 code now
  python3 - "$1" "${2:-0}" <<'PY'
import base64, hmac, hashlib, struct, sys, time
key = base64.b32decode(sys.argv[1] + "=" * (-len(sys.argv[1]) % 8))
step = int(time.time()) // 30 + int(sys.argv[2])
mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
o = mac[-1] & 15
print("%06d" % ((struct.unpack(">I", mac[o:o + 4])[0] & 0x7fffffff) % 1000000))
PY
}
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }

# Accounts.
expect_exit 2 "$BIN" user add admin --store "$S"
expect_in "$WORK/err" "--role"
RECOUNT_USER_PASSWORD=short expect_exit 2 "$BIN" user add admin --role administrator --store "$S"
expect_in "$WORK/err" "at least 12 characters"
export RECOUNT_USER_PASSWORD='admin password 1234'
expect_exit 0 "$BIN" user add admin --role administrator --store "$S" --json
ADMIN_KEY=$(json '["totp_secret"]' <"$WORK/out")
expect_exit 0 "$BIN" user add viewer1 --role viewer --store "$S" --json
VIEWER_KEY=$(json '["totp_secret"]' <"$WORK/out")
expect_exit 0 "$BIN" user add inv1 --role investigator --store "$S" --json
INV_KEY=$(json '["totp_secret"]' <"$WORK/out")
expect_exit 4 "$BIN" user add viewer1 --role viewer --store "$S"
expect_exit 2 "$BIN" user add root --role god --store "$S"
expect_exit 0 "$BIN" user list --store "$S"
expect_in "$WORK/out" "viewer1	viewer"

# The server, on a free port.
"$BIN" serve --store "$S" --listen 127.0.0.1:0 --idle-timeout 2 --max-upload 3000000 \
  >"$WORK/serve.out" 2>"$WORK/serve.err" &
SERVER=$!
cleanup() {
  kill "$SERVER" 2>/dev/null || true
  wait "$SERVER" 2>/dev/null || true
  if [ -f "$WORK/nginx/nginx.pid" ]; then kill "$(cat "$WORK/nginx/nginx.pid")" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
for _ in $(seq 1 100); do grep -q 'serving' "$WORK/serve.out" 2>/dev/null && break; sleep 0.1; done
PORT=$(sed -n 's/.*http:\/\/127\.0\.0\.1:\([0-9]*\)\/.*/\1/p' "$WORK/serve.out")
[ -n "$PORT" ] && pass || fail "server did not start: $(cat "$WORK/serve.err")"
U="http://127.0.0.1:$PORT"

# req NAME CURL-ARGS... : response headers in $WORK/NAME.h, body in $WORK/NAME.b, status echoed
req() {
  local name=$1; shift
  curl -s -o "$WORK/$name.b" -D "$WORK/$name.h" -w '%{http_code}' "$@"
}
expect_status() {  # expect_status WANT NAME CURL-ARGS...
  local want=$1; shift
  local got
  got=$(req "$@")
  if [ "$got" = "$want" ]; then pass; else fail "$2 ...: status $got, want $want: $(head -c 300 "$WORK/$1.b")"; fi
}

expect_status 200 health "$U/api/health"
expect_in "$WORK/health.h" "Content-Security-Policy: default-src 'self'"
expect_in "$WORK/health.h" "X-Frame-Options: DENY"
expect_status 401 anon "$U/api/records"

# Sign-in: wrong factors get one message; the right ones a HttpOnly SameSite=Strict cookie.
expect_status 401 bad1 -X POST "$U/api/login" -d '{"name":"admin","password":"wrong password!!","code":"123456"}'
expect_status 401 bad2 -X POST "$U/api/login" -d '{"name":"nobody","password":"wrong password!!","code":"123456"}'
cmp -s "$WORK/bad1.b" "$WORK/bad2.b" && pass || fail "sign-in failures differ: $(cat "$WORK/bad1.b") / $(cat "$WORK/bad2.b")"
expect_status 400 badjson -X POST "$U/api/login" -d 'not json'
CODE=$(totp "$ADMIN_KEY")
expect_status 200 login -c "$WORK/admin.jar" -X POST "$U/api/login" \
  -d "{\"name\":\"admin\",\"password\":\"admin password 1234\",\"code\":\"$CODE\"}"
expect_in "$WORK/login.h" "HttpOnly; SameSite=Strict"
expect_not_in "$WORK/login.h" "Secure"
ADMIN_CSRF=$(json '["csrf_token"]' <"$WORK/login.b")
# The same code again is refused (one-time codes), even with the right password.
expect_status 401 replay -X POST "$U/api/login" \
  -d "{\"name\":\"admin\",\"password\":\"admin password 1234\",\"code\":\"$CODE\"}"

# The estimates dashboard is computed in the background (docs/web.md): the first request answers
# at once, with the model or a clear state; this store (one list, not linked) cannot be
# estimated, and the answer says why instead of failing the request.
T0=$(date +%s%N)
expect_status 200 dash -b "$WORK/admin.jar" "$U/api/dashboard"
MS=$(( ($(date +%s%N) - T0) / 1000000 ))
[ "$MS" -lt 1500 ] && pass || fail "the first dashboard request took $MS ms"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["background"] and d["model"] is None and (d["computing"] or "error" in d), d' "$WORK/dash.b" &&
  pass || fail "first dashboard answer: $(head -c 300 "$WORK/dash.b")"
for _ in $(seq 1 60); do
  req dash -b "$WORK/admin.jar" "$U/api/dashboard" >/dev/null
  grep -q '"error"' "$WORK/dash.b" && break
  sleep 0.5
done
expect_in "$WORK/dash.b" '"error":"estimation needs at least 3 sources (lists); the store has 1'
expect_in "$WORK/dash.b" '"computing":false'

# Records, search by a romanised name for a Hangul one, identity read logged.
expect_status 200 list -b "$WORK/admin.jar" "$U/api/records"
expect_in "$WORK/list.b" '"total":2'
expect_not_in "$WORK/list.b" "김금순"
expect_status 200 search -b "$WORK/admin.jar" "$U/api/records?q=Kim%20Kum%20Sun"
expect_in "$WORK/search.b" '"record_id":"A1"'
expect_status 200 one -b "$WORK/admin.jar" "$U/api/records/1"
expect_in "$WORK/one.b" "Sold near Yanji."
expect_status 200 ident -b "$WORK/admin.jar" "$U/api/records/1/identity"
expect_in "$WORK/ident.b" "김금순"
expect_status 200 hist -b "$WORK/admin.jar" "$U/api/records/1/history"
expect_in "$WORK/hist.b" '"op":"read-identity"'
expect_in "$WORK/hist.b" '"actor":"admin"'
expect_status 200 audit -b "$WORK/admin.jar" "$U/api/audit"
expect_in "$WORK/audit.b" '"latest_checkpoint"'
# The intake form's choices: every vocabulary term in English and Korean.
expect_status 200 vocab -b "$WORK/admin.jar" "$U/api/vocabularies"
expect_in "$WORK/vocab.b" '{"code":"broker","en":"Broker","ko":"'
python3 -c "
import json, sys
v = json.load(open('$WORK/vocab.b'))
assert set(v) == {'act_types', 'perpetrator_types', 'involvement_degrees', 'source_connections',
                  'reliability', 'sexes', 'roles', 'consent'}, sorted(v)
assert all(t['code'] and t['en'] and t['ko'] for terms in v.values() for t in terms)
" && pass || fail "vocabularies: $(head -c 300 "$WORK/vocab.b")"

# A viewer: coded data yes, identities and administration no; state changes need the CSRF token.
CODE=$(totp "$VIEWER_KEY")
expect_status 200 vlogin -c "$WORK/viewer.jar" -X POST "$U/api/login" \
  -d "{\"name\":\"viewer1\",\"password\":\"admin password 1234\",\"code\":\"$CODE\"}"
VIEWER_CSRF=$(json '["csrf_token"]' <"$WORK/vlogin.b")
expect_status 200 vlist -b "$WORK/viewer.jar" "$U/api/records"
expect_status 403 vident -b "$WORK/viewer.jar" "$U/api/records/1/identity"
expect_status 403 vaudit -b "$WORK/viewer.jar" "$U/api/audit"
expect_status 403 vusers -b "$WORK/viewer.jar" "$U/api/users"
expect_status 200 vsearch -b "$WORK/viewer.jar" "$U/api/records?q=Kim%20Kum%20Sun"
expect_in "$WORK/vsearch.b" '"searched":"places"'
expect_not_in "$WORK/vsearch.b" '"record_id":"A1"'
# Per-record sharing (docs/access.md): the administrator restricts record 2; the viewer gets the
# 404 of a missing record and neither lists nor finds it; once shared, the viewer sees it.
expect_status 403 vrestrict -b "$WORK/viewer.jar" -H "X-CSRF-Token: $VIEWER_CSRF" -X POST \
  "$U/api/records/2/sharing" -d '{"action":"restrict"}'
expect_status 200 restrict -b "$WORK/admin.jar" -H "X-CSRF-Token: $ADMIN_CSRF" -X POST \
  "$U/api/records/2/sharing" -d '{"action":"restrict"}'
expect_in "$WORK/restrict.b" '"shared_with":["admin"]'
expect_status 404 vhidden -b "$WORK/viewer.jar" "$U/api/records/2"
expect_in "$WORK/vhidden.b" '"message":"no record 2"'
expect_status 404 vhhist -b "$WORK/viewer.jar" "$U/api/records/2/history"
expect_status 200 vlist2 -b "$WORK/viewer.jar" "$U/api/records"
expect_in "$WORK/vlist2.b" '"total":1'
expect_not_in "$WORK/vlist2.b" '"record_id":"A2"'
expect_status 200 vsearch2 -b "$WORK/viewer.jar" "$U/api/records?q=Tumen"
expect_not_in "$WORK/vsearch2.b" '"record_id":"A2"'
expect_status 404 sharenobody -b "$WORK/admin.jar" -H "X-CSRF-Token: $ADMIN_CSRF" -X POST \
  "$U/api/records/2/sharing" -d '{"action":"share","users":["nobody"]}'
expect_status 200 share -b "$WORK/admin.jar" -H "X-CSRF-Token: $ADMIN_CSRF" -X POST \
  "$U/api/records/2/sharing" -d '{"action":"share","users":["viewer1"]}'
expect_in "$WORK/share.b" '"shared_with":["admin","viewer1"]'
expect_status 200 vshown -b "$WORK/viewer.jar" "$U/api/records/2"
expect_in "$WORK/vshown.b" "Returned at Tumen."
expect_status 200 vsearch3 -b "$WORK/viewer.jar" "$U/api/records?q=Tumen"
expect_in "$WORK/vsearch3.b" '"record_id":"A2"'
expect_status 200 vsharing -b "$WORK/viewer.jar" "$U/api/records/2/sharing"
expect_in "$WORK/vsharing.b" '"restricted":true'
expect_status 200 shist -b "$WORK/admin.jar" "$U/api/records/2/history"
expect_in "$WORK/shist.b" '"detail":"restrict; shared with admin"'
expect_in "$WORK/shist.b" '"detail":"share viewer1; shared with admin,viewer1"'

# Attachments (docs/http-api.md, "Attachments"): an investigator uploads a PDF with a Korean
# name, sees it on the record, downloads the same bytes (the download logged); a viewer may not
# upload; oversize, empty, unnamed, path-like and disallowed files get clear 4xx answers; a
# restricted record not shared with the investigator answers 404.
CODE=$(totp "$INV_KEY")
expect_status 200 ilogin -c "$WORK/inv.jar" -X POST "$U/api/login" \
  -d "{\"name\":\"inv1\",\"password\":\"admin password 1234\",\"code\":\"$CODE\"}"
INV_CSRF=$(json '["csrf_token"]' <"$WORK/ilogin.b")
# Intake drafts' key (docs/web.md, "Intake drafts"): one 32-byte key per writer, the same on every
# call, different for another user, not cached; none for a viewer.
expect_status 200 dkey1 -b "$WORK/inv.jar" "$U/api/draft-key"
expect_status 200 dkey2 -b "$WORK/inv.jar" "$U/api/draft-key"
expect_status 200 dkeyadmin -b "$WORK/admin.jar" "$U/api/draft-key"
expect_status 403 dkeyviewer -b "$WORK/viewer.jar" "$U/api/draft-key"
expect_in "$WORK/dkey1.h" "Cache-Control: no-store"
python3 -c "
import base64, json, sys
k1, k2, ka = (json.load(open('$WORK/' + n + '.b')) for n in ('dkey1', 'dkey2', 'dkeyadmin'))
assert k1['algorithm'] == 'AES-256-GCM', k1
assert len(base64.b64decode(k1['key'])) == 32, k1
assert k1 == k2, 'the draft key changed between calls'
assert k1['key'] != ka['key'], 'two users got the same draft key'
" && pass || fail "draft key: $(cat "$WORK/dkey1.b" "$WORK/dkeyadmin.b")"
python3 -c 'import os, sys; open(sys.argv[1], "wb").write(b"%PDF-1.4\n" + os.urandom(200000) + b"\n%%EOF\n")' "$WORK/testimony.pdf"
KNAME=$(python3 -c 'import urllib.parse; print(urllib.parse.quote("증언 김금순.pdf"))')
UP=(-b "$WORK/inv.jar" -H "X-CSRF-Token: $INV_CSRF")
expect_status 201 upload "${UP[@]}" -H "Content-Type: application/pdf" -H "X-Recount-File-Name: $KNAME" \
  --data-binary @"$WORK/testimony.pdf" "$U/api/records/1/attachments"
expect_in "$WORK/upload.b" '"file_name":"증언 김금순.pdf"'
expect_in "$WORK/upload.b" '"attached_by":"inv1"'
ATT=$(json '["id"]' <"$WORK/upload.b")
expect_status 200 withatt -b "$WORK/inv.jar" "$U/api/records/1"
expect_in "$WORK/withatt.b" '"file_name":"증언 김금순.pdf"'
expect_status 200 download -b "$WORK/inv.jar" "$U/api/records/1/attachments/$ATT"
cmp -s "$WORK/download.b" "$WORK/testimony.pdf" && pass || fail "the downloaded attachment differs from the upload"
expect_in "$WORK/download.h" "Content-Type: application/pdf"
expect_in "$WORK/download.h" "Content-Disposition: attachment; filename=\"__ ___.pdf\"; filename*=UTF-8''%EC%A6%9D%EC%96%B8%20%EA%B9%80%EA%B8%88%EC%88%9C.pdf"
expect_in "$WORK/download.h" "X-Content-Type-Options: nosniff"
expect_in "$WORK/download.h" "Content-Security-Policy: sandbox; default-src 'none'"
expect_status 200 ahist -b "$WORK/inv.jar" "$U/api/records/1/history"
expect_in "$WORK/ahist.b" '"op":"attach"'
expect_in "$WORK/ahist.b" '"op":"read-attachment"'
expect_in "$WORK/ahist.b" "\"detail\":\"web: attachment $ATT 증언 김금순.pdf\""
# The upload route has its own limit (--max-upload 3000000 here), larger than the JSON 1 MiB.
head -c 2000000 /dev/zero | tr '\0' 'a' >"$WORK/two-mb.txt"
expect_status 201 uploadbig "${UP[@]}" -H "Content-Type: text/plain" -H "X-Recount-File-Name: notes.txt" \
  --data-binary @"$WORK/two-mb.txt" "$U/api/records/1/attachments"
head -c 4000000 /dev/zero >"$WORK/four-mb.txt"
expect_status 413 uploadhuge "${UP[@]}" -H "Content-Type: text/plain" -H "X-Recount-File-Name: big.txt" \
  --data-binary @"$WORK/four-mb.txt" "$U/api/records/1/attachments"
expect_in "$WORK/uploadhuge.b" "--max-upload"
: >"$WORK/empty.pdf"
expect_status 400 uploadempty "${UP[@]}" -H "Content-Type: application/pdf" -H "X-Recount-File-Name: e.pdf" \
  --data-binary @"$WORK/empty.pdf" "$U/api/records/1/attachments"
expect_in "$WORK/uploadempty.b" "is empty"
expect_status 400 uploadnoname "${UP[@]}" -H "Content-Type: application/pdf" \
  --data-binary @"$WORK/testimony.pdf" "$U/api/records/1/attachments"
expect_in "$WORK/uploadnoname.b" "X-Recount-File-Name"
expect_status 400 uploadpath "${UP[@]}" -H "Content-Type: application/pdf" -H "X-Recount-File-Name: ..%2Fetc%2Fx.pdf" \
  --data-binary @"$WORK/testimony.pdf" "$U/api/records/1/attachments"
expect_in "$WORK/uploadpath.b" "plain name"
expect_status 400 uploadhtml "${UP[@]}" -H "Content-Type: text/html" -H "X-Recount-File-Name: x.html" \
  --data-binary @"$WORK/testimony.pdf" "$U/api/records/1/attachments"
expect_in "$WORK/uploadhtml.b" "cannot be attached"
# Refused before the body is read: signed out (401), no CSRF token (403).
expect_status 401 anonupload -H "Content-Type: text/plain" -H "X-Recount-File-Name: a.txt" \
  --data-binary @"$WORK/two-mb.txt" "$U/api/records/1/attachments"
expect_status 403 uploadnocsrf -b "$WORK/inv.jar" -H "Content-Type: application/pdf" -H "X-Recount-File-Name: a.pdf" \
  --data-binary @"$WORK/testimony.pdf" "$U/api/records/1/attachments"
expect_status 403 vupload -b "$WORK/viewer.jar" -H "X-CSRF-Token: $VIEWER_CSRF" -H "Content-Type: application/pdf" \
  -H "X-Recount-File-Name: a.pdf" --data-binary @"$WORK/testimony.pdf" "$U/api/records/1/attachments"
expect_status 403 vdownload -b "$WORK/viewer.jar" "$U/api/records/1/attachments/$ATT"
expect_status 404 uploadhidden "${UP[@]}" -H "Content-Type: application/pdf" -H "X-Recount-File-Name: a.pdf" \
  --data-binary @"$WORK/testimony.pdf" "$U/api/records/2/attachments"
expect_in "$WORK/uploadhidden.b" '"message":"no record 2"'
expect_status 404 wrongrecord -b "$WORK/inv.jar" "$U/api/records/2/attachments/$ATT"
expect_status 404 noattachment -b "$WORK/inv.jar" "$U/api/records/1/attachments/999"

# Search filters (docs/http-api.md, "Filters"): a second list, imported while the server runs,
# in North Hamgyong. A1 (born 1985, Yanji 2004-03: aged 18-19), A2 (born 1990, Tumen 2010: 19-20,
# restricted: admin and viewer1 only), B1 (Onsong 2012, a recorded age of 15), B2 (born 1990,
# Chongjin 2011: 20-21), B3 (Hoeryong 2013, no age information).
cat >"$WORK/north.csv" <<'CSV'
record_id,full_name,sex,birth_date,act,event_date,event_place,age
B1,Pak Il,F,,detention,2012,Onsong,15
B2,Pak I,F,1990,forced_labour,2011,Chongjin,
B3,Pak Sam,M,,torture,2013,Hoeryong,
CSV
expect_exit 0 "$BIN" import --store "$S" --source ngo-b "$WORK/north.csv"
ids() {  # ids NAME: the record_ids of a list answer, comma-separated, and its total
  python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(','.join(r['record_id'] for r in d['records']), d.get('total'))" "$WORK/$1.b"
}
expect_ids() {  # expect_ids WANT NAME URL-QUERY [JAR]
  local want=$1 name=$2 query=$3 jar=${4:-$WORK/admin.jar}
  expect_status 200 "$name" -b "$jar" "$U/api/records?$query"
  local got; got=$(ids "$name")
  if [ "$got" = "$want" ]; then pass; else fail "records?$query: got '$got', want '$want'"; fi
}
# A province finds the records of every place within it, at any depth; a county only its own.
expect_ids "B1,B2,B3 3" fprov "place=kp-hamgyongbuk"
expect_ids "B1 1" fcounty "place=kp-hamgyongbuk-onsong"
expect_ids "A1,A2 2" fjilin "place=cn-jilin"
expect_ids "A1 1" fjilininv "place=cn-jilin" "$WORK/inv.jar"  # A2 is not shared with inv1
# Ages overlap the asked range; no age information never matches.
expect_ids "B1 1" fyoung "age_to=16"
expect_ids "A1,A2 2" fnineteen "age_from=19&age_to=19"
expect_ids "B2 1" fprovage "place=kp-hamgyongbuk&age_from=18"
expect_ids " 0" fnoage "act=torture&age_from=0"
expect_ids "B2 1" fsame "act=forced_labour&place=kp-hamgyongbuk&sex=female&year_from=2011&year_to=2011"
expect_ids " 0" fother "act=detention&place=kp-hamgyongbuk&age_from=16"  # B1's detention was at 15
# Keyset paging through a filtered list, and the name search within the filters.
expect_ids "B1,B2 3" fpage1 "place=kp-hamgyongbuk&limit=2"
NEXT=$(json '["next_after"]' <"$WORK/fpage1.b")
expect_ids "B3 None" fpage2 "place=kp-hamgyongbuk&limit=2&after=$NEXT"
expect_ids "B1 None" fq "q=Pak%20Il&place=kp-hamgyongbuk"
expect_ids " None" fqout "q=Pak%20Il&place=cn-jilin"
# Clear errors naming the parameter.
expect_status 400 fbadplace -b "$WORK/admin.jar" "$U/api/records?place=Jilin"
expect_in "$WORK/fbadplace.b" "place: no gazetteer place has the id 'Jilin' ('Jilin' is the name of cn-jilin: give that id)"
expect_status 400 fbadplace2 -b "$WORK/admin.jar" "$U/api/records?q=Pak&place=atlantis"
expect_in "$WORK/fbadplace2.b" "place: no gazetteer place has the id 'atlantis'"
expect_status 400 fbadage -b "$WORK/admin.jar" "$U/api/records?age_from=-1"
expect_in "$WORK/fbadage.b" "'age_from' must be a whole number from 0 to 150"
expect_status 400 fbadage2 -b "$WORK/admin.jar" "$U/api/records?age_to=old"
expect_in "$WORK/fbadage2.b" "'age_to'"
expect_status 400 fbadrange -b "$WORK/admin.jar" "$U/api/records?age_from=30&age_to=20"
expect_in "$WORK/fbadrange.b" "age_from (30) is above age_to (20)"
# The command line's list takes the same filters through the same use case.
expect_exit 0 "$BIN" list --store "$S" --place kp-hamgyongbuk --age-from 18
expect_in "$WORK/out" "1 of 1 records"
expect_in "$WORK/out" "B2"
expect_exit 2 "$BIN" list --store "$S" --place Jilin
expect_in "$WORK/err" "--place: no gazetteer place has the id 'Jilin'"
expect_exit 2 "$BIN" list --store "$S" --age-from 30 --age-to 20
expect_in "$WORK/err" "--age-from (30) is above --age-to (20)"

NEWUSER='{"name":"rev1","role":"reviewer","password":"reviewer password 1"}'
expect_status 403 nocsrf -b "$WORK/admin.jar" -X POST "$U/api/users" -d "$NEWUSER"
expect_status 403 othercsrf -b "$WORK/admin.jar" -H "X-CSRF-Token: $VIEWER_CSRF" -X POST "$U/api/users" -d "$NEWUSER"
expect_status 403 crossorigin -b "$WORK/admin.jar" -H "X-CSRF-Token: $ADMIN_CSRF" \
  -H "Origin: https://evil.example" -X POST "$U/api/users" -d "$NEWUSER"
expect_status 403 viewerpost -b "$WORK/viewer.jar" -H "X-CSRF-Token: $VIEWER_CSRF" -X POST "$U/api/users" -d "$NEWUSER"
expect_status 201 adduser -b "$WORK/admin.jar" -H "X-CSRF-Token: $ADMIN_CSRF" -X POST "$U/api/users" -d "$NEWUSER"
expect_in "$WORK/adduser.b" '"totp_secret"'
expect_status 200 vlogout -b "$WORK/viewer.jar" -H "X-CSRF-Token: $VIEWER_CSRF" -X POST "$U/api/logout"
expect_status 401 vafter -b "$WORK/viewer.jar" "$U/api/records"

# Hostile requests: answered (or cut off) without reaching a handler, and the server lives on.
head -c 2000000 /dev/zero | tr '\0' 'a' >"$WORK/big.body"
expect_status 413 big -b "$WORK/admin.jar" -H "X-CSRF-Token: $ADMIN_CSRF" -X POST "$U/api/users" --data-binary @"$WORK/big.body"
HDRS=(); for i in $(seq 1 80); do HDRS+=(-H "X-Pad-$i: v"); done
expect_status 431 headers "${HDRS[@]}" "$U/api/health"
raw() {  # raw REQUEST-BYTES: the status line the server answers with
  exec 3<>"/dev/tcp/127.0.0.1/$PORT"
  printf '%b' "$1" >&3
  timeout 5 head -n 1 <&3 || true
  exec 3>&- 3<&-
}
raw 'NOT HTTP AT ALL\r\n\r\n' >"$WORK/raw1"
expect_in "$WORK/raw1" "400"
raw 'GET /api/health HTTP/1.1\r\n\r\n' >"$WORK/raw2"
expect_in "$WORK/raw2" "400"
# A client that sends half a request line and goes silent is dropped after --idle-timeout (2 s).
exec 4<>"/dev/tcp/127.0.0.1/$PORT"
printf 'GET /api/health HTTP/1.1\r\nHost: x' >&4
start=$(date +%s)
timeout 10 cat <&4 >/dev/null || true
elapsed=$(( $(date +%s) - start ))
exec 4>&- 4<&-
[ "$elapsed" -le 6 ] && pass || fail "a silent client was kept ${elapsed}s"
expect_status 200 alive "$U/api/health"

# Through nginx with TLS, as docs/nginx.conf.example deploys it.
if command -v nginx >/dev/null && command -v openssl >/dev/null; then
  N="$WORK/nginx"
  mkdir -p "$N/tmp"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=localhost" \
    -addext "subjectAltName=DNS:localhost" -keyout "$N/key.pem" -out "$N/cert.pem" 2>/dev/null
  TLS_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
  "$BIN" serve --store "$S" --listen "127.0.0.1:$PORT" --secure-cookies --trust-proxy \
    >"$WORK/serve2.out" 2>"$WORK/serve2.err" &
  SERVER=$!
  for _ in $(seq 1 100); do grep -q 'serving' "$WORK/serve2.out" 2>/dev/null && break; sleep 0.1; done
  sed -e "s|listen 443 ssl|listen 127.0.0.1:$TLS_PORT ssl|" \
      -e "s|server 127.0.0.1:8080|server 127.0.0.1:$PORT|" \
      -e "s|/etc/ssl/recount/|$N/|" \
      -e "s|/run/nginx-recount.pid|$N/nginx.pid|" \
      -e "s|/var/log/nginx/|$N/|" \
      -e "s|/var/lib/nginx/|$N/tmp/|" \
      -e "s|include recount-proxy.conf|include $SRC/docs/recount-proxy.conf|" \
      "$SRC/docs/nginx.conf.example" >"$N/nginx.conf"
  if nginx -e "$N/error.log" -p "$N" -c "$N/nginx.conf" 2>"$N/start.err"; then
    for _ in $(seq 1 50); do [ -f "$N/nginx.pid" ] && break; sleep 0.1; done
    T="https://localhost:$TLS_PORT"
    TC=(--cacert "$N/cert.pem" --resolve "localhost:$TLS_PORT:127.0.0.1")
    expect_status 200 thealth "${TC[@]}" "$T/api/health"
    expect_in "$WORK/thealth.h" "strict-transport-security"  # HTTP/2: lower-case names
    # The reviewer the administrator created over the API signs in through the proxy.
    CODE=$(totp "$(json '["totp_secret"]' <"$WORK/adduser.b")")
    expect_status 200 tlogin "${TC[@]}" -c "$WORK/tls.jar" -X POST "$T/api/login" \
      -d "{\"name\":\"rev1\",\"password\":\"reviewer password 1\",\"code\":\"$CODE\"}"
    expect_in "$WORK/tlogin.h" "HttpOnly; SameSite=Strict; Secure"
    expect_status 200 tlist "${TC[@]}" -b "$WORK/tls.jar" "$T/api/records"
    expect_in "$WORK/tlist.b" '"total":4'  # record 2 is restricted, not shared with rev1
    # Plain HTTP to the TLS port is refused by nginx.
    expect_status 400 plain "http://127.0.0.1:$TLS_PORT/api/health"
    kill "$(cat "$N/nginx.pid")"; rm -f "$N/nginx.pid"
  else
    fail "nginx did not start: $(cat "$N/start.err" "$N/error.log" 2>/dev/null)"
  fi
else
  echo "SKIP: nginx or openssl missing (scripts/install-deps.sh installs nginx-light)"
fi

kill "$SERVER"; wait "$SERVER" 2>/dev/null || true
expect_exit 0 "$BIN" history all --store "$S"
expect_in "$WORK/out" "login"
expect_in "$WORK/out" "sign-in of admin from 127.0.0.1"
if [ -n "${TLS_PORT:-}" ]; then expect_in "$WORK/out" "sign-in of rev1 from 127.0.0.1"; fi
expect_exit 0 "$BIN" audit verify --store "$S"
expect_in "$WORK/out" "user accounts: 4"
expect_in "$WORK/out" "attachments: 2,"
expect_in "$WORK/out" "record sharing: 1"

# Sharing on the command line (the key holder): show, unshare, clear errors for unknown names.
expect_exit 0 "$BIN" sharing 2 --store "$S"
expect_in "$WORK/out" "restricted, shared with admin viewer1"
expect_exit 3 "$BIN" share 2 --with nobody --store "$S"
expect_in "$WORK/err" "no user named 'nobody'"
expect_exit 3 "$BIN" restrict 99 --share-with admin --store "$S"
expect_in "$WORK/err" "no record"
expect_exit 2 "$BIN" restrict 1 --store "$S"
expect_in "$WORK/err" "--share-with"
expect_exit 0 "$BIN" unshare ngo-a:A2 --with viewer1 --store "$S"
expect_in "$WORK/out" "restricted, shared with admin"
expect_exit 5 "$BIN" unshare 2 --with admin --store "$S"
expect_in "$WORK/err" "shared with no one"
expect_exit 0 "$BIN" history 2 --store "$S"
expect_in "$WORK/out" "unshare viewer1; shared with admin"
expect_exit 0 "$BIN" audit verify --store "$S"

# A share granted by editing the database is reported by audit verify.
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("INSERT INTO record_shares (record_id, user_id) SELECT 2, id FROM users WHERE name = '"'"'viewer1'"'"'"); c.commit()' "$S"
expect_exit 9 "$BIN" audit verify --store "$S"
expect_in "$WORK/out" "PROBLEM: the sharing of record 2 differs from its log entry"
finish
