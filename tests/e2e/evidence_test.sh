#!/usr/bin/env bash
# End to end: evidence files and evidence bundles (docs/security.md sections 7.6 and 7.7).
# attach (encrypted, hash logged), show lists it, attachment get returns the same bytes, audit
# verify passes and catches a truncated stored file; export --evidence writes a bundle that
# verify-bundle accepts offline (store removed), and each alteration of the bundle (record file,
# attachment, entry, proof hash, checkpoint, removed file) is reported with a non-zero exit.
. "$(dirname "$0")/lib.sh"
S="$WORK/e.db"
cat >"$WORK/list.csv" <<'CSV'
record_id,full_name,sex,birth_date,act,event_date,event_place,perpetrator,involvement,testimony_date,narrative
A1,Kim Evidence,F,1985,trafficking,2004-03,Yanji,broker,direct,2019-05-02,Sold near Yanji.
A2,Ri Second,F,1990,forced_repatriation,2010,Tumen,police_cn,direct,2019-06-01,Returned at Tumen.
CSV
expect_exit 0 "$BIN" init --store "$S"
expect_exit 0 "$BIN" import --store "$S" --source ngo-a "$WORK/list.csv"
head -c 300000 /dev/urandom >"$WORK/interview.mp3"
printf 'scanned statement\n' >"$WORK/statement.pdf"
SHA=$(sha256sum "$WORK/interview.mp3" | cut -d' ' -f1)

# attach: needs the store key.
(unset RECOUNT_KEY_FILE; expect_exit 5 "$BIN" attach --store "$S" ngo-a:A1 "$WORK/interview.mp3" </dev/null)
RECOUNT_ACTOR=field-team-2 expect_exit 0 "$BIN" attach --store "$S" ngo-a:A1 "$WORK/interview.mp3" \
  --source-note "recorded in Seoul, 2019-05-02"
expect_in "$WORK/out" "sha256:$SHA"
expect_exit 0 "$BIN" attach --store "$S" ngo-a:A2 "$WORK/statement.pdf" --json
expect_in "$WORK/out" '"media_type":"application/pdf"'
expect_exit 3 "$BIN" attach --store "$S" 999 "$WORK/statement.pdf"
expect_exit 3 "$BIN" attach --store "$S" ngo-a:A1 "$WORK/missing.jpg"
# The plaintext is nowhere in the store.
python3 - "$S" "$WORK/interview.mp3" <<'PY' && pass || fail "plaintext evidence found in the store"
import sys
db = open(sys.argv[1], "rb").read()
chunk = open(sys.argv[2], "rb").read()[5000:5064]
sys.exit(1 if chunk in db else 0)
PY

# show lists the attachment; attachment get returns the same bytes.
expect_exit 0 "$BIN" show --store "$S" ngo-a:A1
expect_in "$WORK/out" "interview.mp3"
expect_in "$WORK/out" "field-team-2"
expect_exit 0 "$BIN" attachment --store "$S" get 1 --out "$WORK/back.mp3"
cmp -s "$WORK/interview.mp3" "$WORK/back.mp3" && pass || fail "attachment get changed the file"
expect_exit 4 "$BIN" attachment --store "$S" get 1 --out "$WORK/back.mp3"
expect_exit 0 "$BIN" audit verify --store "$S"

# A truncated stored file: refused on read, and reported by audit verify.
cp "$S" "$WORK/t.db"
python3 - "$WORK/t.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("DROP TRIGGER evidence_files_immutable")
c.execute("UPDATE evidence_files SET ciphertext = substr(ciphertext, 1, length(ciphertext) - 100) WHERE id = 1")
c.commit()
PY
expect_exit 9 "$BIN" attachment --store "$WORK/t.db" get 1 --out "$WORK/trunc.mp3"
[ ! -e "$WORK/trunc.mp3" ] && pass || fail "a truncated attachment was written out"
expect_exit 9 "$BIN" audit verify --store "$WORK/t.db"
expect_in "$WORK/out" "attachment 1"

# The bundle.
expect_exit 0 "$BIN" export --store "$S" --evidence ngo-a:A1,ngo-a:A2 --out "$WORK/bundle"
expect_in "$WORK/out" "Identities are redacted"
expect_not_in "$WORK/bundle/records/1.json" "Kim Evidence"
VKEY=$(cat "$WORK/bundle/log.vkey")
mv "$S" "$WORK/away.db"  # offline: no store
expect_exit 0 "$BIN" verify-bundle "$WORK/bundle" --vkey "$VKEY"
expect_in "$WORK/out" "OK: every file matches the signed log"
B="$WORK/bundle"
tamper() {  # tamper NAME EXPECTED-TEXT : copies the bundle, runs the edit in $T, expects a failure naming it
  local name=$1 want=$2
  expect_exit 9 "$BIN" verify-bundle "$T" --vkey "$VKEY"
  expect_in "$WORK/out" "$want"
  rm -rf "$T"
}
flip() {  # flip FILE OFFSET: flips one bit
  python3 - "$1" "$2" <<'PY'
import sys
p, at = sys.argv[1], int(sys.argv[2])
b = bytearray(open(p, "rb").read()); b[at] ^= 1; open(p, "wb").write(bytes(b))
PY
}
T="$WORK/t1"; cp -r "$B" "$T"; sed -i 's/"place_text": "Yanji"/"place_text": "Tumen"/' "$T/records/1.json"
tamper record "records/1.json: differs from the record as logged in entry"
# The readable narrative beside the sealed one (which the digest covers) is checked with the
# record's narrative data key; a different key does not open the sealed narrative.
T="$WORK/t1b"; cp -r "$B" "$T"; sed -i 's/Sold near Yanji/Sold near Hunchun/' "$T/records/1.json"
tamper narrative "records/1.json: the readable narrative differs from the sealed one"
T="$WORK/t1c"; cp -r "$B" "$T"
python3 - "$T/records/1.json" "$T/records/2.json" <<'PY'
import json, sys
a, b = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
a["narrative_data_key"] = b["narrative_data_key"]; json.dump(a, open(sys.argv[1], "w"))
PY
tamper narrative-key "records/1.json: the sealed narrative does not open with the narrative data key"
T="$WORK/t2"; cp -r "$B" "$T"; flip "$T/files/1-interview.mp3" 1000
tamper attachment "files/1-interview.mp3): its SHA-256 differs from the one logged"
T="$WORK/t3"; cp -r "$B" "$T"; f=$(ls "$T"/entries | head -1); sed -i 's/^actor .*/actor someone-else/' "$T/entries/$f"
tamper entry "entries/$f): not in the signed log"
T="$WORK/t4"; cp -r "$B" "$T"; f=$(ls "$T"/proofs | head -1)
python3 - "$T/proofs/$f" <<'PY'
import json, sys
p = json.load(open(sys.argv[1])); h = p["path"][0]
p["path"][0] = ("1" if h[0] == "0" else "0") + h[1:]; json.dump(p, open(sys.argv[1], "w"))
PY
tamper proof "not in the signed log"
T="$WORK/t5"; cp -r "$B" "$T"; sed -i '2s/.*/999/' "$T/checkpoint.txt"
tamper checkpoint "checkpoint.txt: does not verify"
T="$WORK/t6"; cp -r "$B" "$T"; rm "$T/files/2-statement.pdf"
tamper removed "files/2-statement.pdf"
mv "$WORK/away.db" "$S"

# With identities: the vault is needed, and each read is logged.
(unset RECOUNT_VAULT_KEY_FILE; expect_exit 5 "$BIN" export --store "$S" --evidence 1 --include-identities --out "$WORK/b2" </dev/null)
expect_exit 0 "$BIN" export --store "$S" --evidence all --include-identities --out "$WORK/b3"
expect_in "$WORK/b3/records/1.json" "Kim Evidence"
expect_in "$WORK/out" "INCLUDED"
grep -l "^op read-identity" "$WORK"/b3/entries/*.txt >/dev/null && pass || fail "identity read not logged in the bundle"
expect_exit 0 "$BIN" verify-bundle "$WORK/b3"
expect_in "$WORK/out" "key in the bundle"
expect_exit 0 "$BIN" audit verify --store "$S"
finish
