#!/usr/bin/env bash
# Identities never reach the disk in plain text, and a shredded identity is gone for good.
#
# Unique canary strings are planted in every identity field (full name, surname, given name, name
# variants, interviewer; ASCII and Hangul) of an import file. Then init, import, link, show, edit,
# search, export without the vault and delete --shred run on the store, while a second
# connection holds the database open so that SQLite keeps its write-ahead log (instead of
# deleting it at each exit) and every page ever logged stays visible to the scan. SQLite's
# temporary files go to a folder of the test (SQLITE_TMPDIR). Every file in the store's folder,
# the temporary folder and the export folder is then scanned for each canary in UTF-8, upper
# and lower case, UTF-16LE and UTF-16BE: none may appear. The scanner is checked on the import
# file first (it must find every canary there). Finally the shredded record's sealed identity
# blob, captured before the shred, must appear in no file.
#
# Narratives are sealed under the store key: canaries planted in narratives (at import and by an
# edit) must appear in no file of the store or SQLite's temporary folder (the export folder is
# not scanned for them: export writes narratives in clear, by design, so that files import back).
# With the store key `show` and `export` give them back; without it `show` says the narrative is
# sealed and `export` refuses (exit 5). The shredded record's sealed narrative (its wrapped data
# key and ciphertext), captured before the shred, must appear in no file either.
. "$(dirname "$0")/lib.sh"
STORE_DIR="$WORK/store"
TMP_DIR="$WORK/sqlite-tmp"
OUT_DIR="$WORK/export"
mkdir -p "$STORE_DIR" "$TMP_DIR"
export SQLITE_TMPDIR="$TMP_DIR" TMPDIR="$TMP_DIR"
S="$STORE_DIR/s.db"

# Two records per source, the same person in both sources (so linkage has something to link).
cat >"$WORK/canaries.txt" <<'TXT'
CnryFullAlpha7Q
CnryFullBeta8Q
CnrySurAlpha3Z
CnryGivenAlpha4Z
CnryVarAlpha5X
CnryVarAlpha6X
CnryIntvAlpha9W
CnryIntvBeta2W
카나리풀네임하나
카나리변형이름둘
CnryEditGamma1E
CnryEditDelta2E
TXT
cat >"$WORK/narrative_canaries.txt" <<'TXT'
CnryNarrAlpha1N
카나리서술하나
CnryNarrBeta2N
CnryNarrEdit3N
TXT
cat >"$WORK/list_a.csv" <<'CSV'
record_id,full_name,surname,given_name,name_variants,sex,birth_date,origin,act,event_date,event_place,perpetrator,involvement,testimony_date,interviewer,narrative
A1,CnryFullAlpha7Q,CnrySurAlpha3Z,CnryGivenAlpha4Z,CnryVarAlpha5X;카나리변형이름둘,F,1985,함경북도 회령,trafficking,2004-03,연길,broker,direct,2019-05-02,CnryIntvAlpha9W,Sold near Yanji by CnryNarrAlpha1N.
A2,카나리풀네임하나,,,CnryVarAlpha6X,F,1990,,forced_repatriation,2010,Tumen,police_cn,direct,2019-06-01,CnryIntvBeta2W,카나리서술하나 returned at Tumen
CSV
cat >"$WORK/list_b.csv" <<'CSV'
record_id,full_name,sex,birth_date,act,event_date,event_place,interviewer,narrative
B1,CnryFullAlpha7Q,F,1985,trafficking,2004,Yanji,CnryIntvAlpha9W,Held by CnryNarrBeta2N.
B2,CnryFullBeta8Q,F,1979,arbitrary_detention,2012,Onsong,CnryIntvBeta2W,
CSV

# scan FILE... : prints every canary form found in the files; exit 1 if any was found.
scan() { scan_for "$WORK/canaries.txt" "$@"; }
# scan_for LIST FILE... : the same with the canaries of LIST.
scan_for() {
  python3 - "$@" <<'PY'
import sys
canaries = [l.strip() for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
found = 0
for path in sys.argv[2:]:
    try:
        data = open(path, "rb").read()
    except OSError:
        continue
    for c in canaries:
        for form in {c, c.upper(), c.lower()}:
            for enc in ("utf-8", "utf-16-le", "utf-16-be"):
                if form.encode(enc) in data:
                    print(f"{path}: canary {form!r} in {enc}")
                    found += 1
sys.exit(1 if found else 0)
PY
}
store_files() { find "$STORE_DIR" "$TMP_DIR" "$OUT_DIR" -type f 2>/dev/null; }

# The scanner finds the canaries where they are (in the import files, also as UTF-16).
python3 -c 'import sys; open(sys.argv[2],"wb").write(open(sys.argv[1],encoding="utf-8").read().upper().encode("utf-16-le"))' \
  "$WORK/list_a.csv" "$WORK/list_a.utf16"
scan "$WORK/list_a.csv" >"$WORK/scan" && fail "the scanner found no canary in the import file"
scan "$WORK/list_a.utf16" >>"$WORK/scan" && fail "the scanner found no canary in UTF-16"
expect_in "$WORK/scan" "utf-16-le"
expect_in "$WORK/scan" "카나리풀네임하나"
scan_for "$WORK/narrative_canaries.txt" "$WORK/list_a.csv" "$WORK/list_b.csv" >"$WORK/scan" &&
  fail "the scanner found no narrative canary in the import files"
expect_in "$WORK/scan" "CnryNarrBeta2N"
expect_in "$WORK/scan" "카나리서술하나"

expect_exit 0 "$BIN" init --store "$S"
# A second connection keeps the WAL from being deleted when each recount process exits.
python3 -c 'import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1]); c.execute("select count(*) from sqlite_master").fetchall()
time.sleep(600)' "$S" &
HOLDER=$!
trap 'kill $HOLDER 2>/dev/null || true; rm -rf "$WORK"' EXIT
sleep 0.5

expect_exit 0 "$BIN" import --store "$S" --source ngo-a "$WORK/list_a.csv"
expect_in "$WORK/out" "Imported 2 records"
expect_exit 0 "$BIN" import --store "$S" --source ngo-b "$WORK/list_b.csv"
[ -s "$S-wal" ] && pass || fail "the WAL is not being kept by the holder connection"
expect_exit 0 "$BIN" link --store "$S"
expect_exit 0 "$BIN" show --store "$S" ngo-a:A1 --names
expect_in "$WORK/out" "CnryFullAlpha7Q"
expect_in "$WORK/out" "CnryIntvAlpha9W"
expect_exit 0 "$BIN" search --store "$S" "CnryFullBeta8Q" --names
expect_in "$WORK/out" "1 records found"
# Edits: a new name (the old one stays sealed with the kept version), and a new interviewer.
expect_exit 0 "$BIN" edit --store "$S" ngo-a:A2 --set "full_name=CnryEditGamma1E"
expect_exit 0 "$BIN" edit --store "$S" ngo-a:A1 --set "interviewer=CnryEditDelta2E" --set event_date=2004-04
expect_exit 0 "$BIN" show --store "$S" ngo-a:A2 --names
expect_in "$WORK/out" "CnryEditGamma1E"
# Narratives: shown opened with the store key; an edit seals the new one, the old one is kept.
expect_in "$WORK/out" "카나리서술하나 returned at Tumen"
expect_exit 0 "$BIN" show --store "$S" ngo-b:B1 --json
expect_in "$WORK/out" "Held by CnryNarrBeta2N."
expect_exit 0 "$BIN" edit --store "$S" ngo-a:A2 --set "narrative=Now CnryNarrEdit3N"
expect_exit 0 "$BIN" show --store "$S" ngo-a:A2
expect_in "$WORK/out" "Now CnryNarrEdit3N"
expect_exit 0 "$BIN" show --store "$S" ngo-a:A2 --version 2
expect_in "$WORK/out" "카나리서술하나 returned at Tumen"
expect_exit 0 "$BIN" export --store "$S" --out "$WORK/plain-export"
expect_in "$WORK/plain-export/ngo-a.csv" "Now CnryNarrEdit3N"
expect_in "$WORK/plain-export/ngo-b.csv" "Held by CnryNarrBeta2N."
expect_exit 0 "$BIN" audit verify --store "$S"

# Without the vault key: coded data only, said plainly.
(
  unset RECOUNT_VAULT_KEY_FILE
  expect_exit 0 "$BIN" show --store "$S" ngo-a:A1 --names
  expect_in "$WORK/out" "[identity locked]"
  expect_not_in "$WORK/out" "CnryFullAlpha7Q"
  expect_in "$WORK/out" "trafficking"
  expect_in "$WORK/err" "identities are locked"
  expect_exit 0 "$BIN" list --store "$S" --names
  expect_in "$WORK/out" "[identity locked]"
  expect_exit 5 "$BIN" link --store "$S"
  expect_in "$WORK/err" "needs the identity vault"
  expect_exit 5 "$BIN" import --store "$S" --source ngo-c "$WORK/list_b.csv"
  expect_exit 5 "$BIN" export --store "$S" --out "$OUT_DIR" --include-identities
  expect_exit 0 "$BIN" export --store "$S" --out "$OUT_DIR"
  expect_in "$OUT_DIR/ngo-a.csv" "trafficking"
  finish >/dev/null
) || fail "checks without the vault key (see above)"

# Without the store key: coded data, the narrative said to be sealed; export refuses.
(
  unset RECOUNT_KEY_FILE
  expect_exit 0 "$BIN" show --store "$S" ngo-a:A2
  expect_in "$WORK/out" "[narrative sealed]"
  expect_in "$WORK/out" "2010, Tumen"
  expect_not_in "$WORK/out" "CnryNarrEdit3N"
  expect_not_in "$WORK/out" "recount-sealed"
  expect_in "$WORK/err" "narratives are sealed"
  expect_exit 0 "$BIN" show --store "$S" ngo-a:A2 --json
  expect_in "$WORK/out" '"narrative_sealed": true'
  expect_not_in "$WORK/out" "recount-sealed"
  expect_exit 0 "$BIN" show --store "$S" ngo-a:A2 --version 1
  expect_in "$WORK/out" "[narrative sealed]"
  expect_exit 5 "$BIN" export --store "$S" --out "$WORK/no-key-export"
  expect_in "$WORK/err" "needs the store key"
  [ ! -e "$WORK/no-key-export/ngo-a.csv" ] && pass || fail "export without the store key wrote a file"
  expect_exit 5 "$BIN" edit --store "$S" ngo-a:A2 --set "narrative=x"
  finish >/dev/null
) || fail "checks without the store key (see above)"

# Keep the sealed identity of A1 to check that the shred leaves no copy of it anywhere.
BLOB_HEX=$(python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
print(c.execute("select hex(i.data) from identities i join persons p on p.identity_id = i.id "
                "join testimonies t on t.id = p.testimony_id where t.external_id = ?", ("A1",)).fetchone()[0])' "$S")
[ "${#BLOB_HEX}" -gt 200 ] && pass || fail "could not read A1's sealed identity"
# And its sealed narrative (the text as stored, and the envelope bytes inside it).
NARR_HEX=$(python3 -c 'import sqlite3, sys, base64
c = sqlite3.connect(sys.argv[1])
t = c.execute("select narrative from testimonies where external_id = ?", ("A1",)).fetchone()[0]
assert t.startswith("recount-sealed:1:"), t
b = t[len("recount-sealed:1:"):].encode()
print((b + b"|" + base64.b64decode(b)).hex())' "$S")
[ "${#NARR_HEX}" -gt 200 ] && pass || fail "could not read A1's sealed narrative"

expect_exit 2 "$BIN" delete --store "$S" ngo-a:A1
expect_in "$WORK/err" "--shred"
expect_exit 2 "$BIN" delete --store "$S" ngo-a:A1 --shred </dev/null
expect_in "$WORK/err" "--yes"
expect_exit 0 "$BIN" delete --store "$S" ngo-a:A1 --shred --yes
expect_in "$WORK/out" "Shredded the identity"
expect_in "$WORK/out" "coded data (acts, dates, places) is kept"
expect_exit 0 "$BIN" show --store "$S" ngo-a:A1 --names
expect_not_in "$WORK/out" "CnryFullAlpha7Q"
expect_in "$WORK/out" "trafficking"
expect_exit 0 "$BIN" delete --store "$S" ngo-b:B2 --shred --whole-record --yes
expect_exit 3 "$BIN" show --store "$S" ngo-b:B2
expect_exit 0 "$BIN" stats --store "$S" --by source
expect_exit 0 "$BIN" link --store "$S"

# The scan: no canary in any form in any file the store or SQLite wrote.
store_files >"$WORK/files"
[ "$(wc -l <"$WORK/files")" -ge 3 ] && pass || fail "expected the database, its WAL and exports: $(cat "$WORK/files")"
grep -q -- "-wal$" "$WORK/files" && pass || fail "no WAL file was scanned"
if scan $(cat "$WORK/files") >"$WORK/scan"; then pass; else fail "canaries on disk: $(cat "$WORK/scan")"; fi
find "$STORE_DIR" "$TMP_DIR" -type f >"$WORK/store-files"
if scan_for "$WORK/narrative_canaries.txt" $(cat "$WORK/store-files") >"$WORK/scan"; then pass; else
  fail "narrative canaries in the store: $(cat "$WORK/scan")"
fi
# The shredded narrative's sealed text and envelope are in no file either.
python3 - "$NARR_HEX" $(cat "$WORK/files") <<'PY' && pass || fail "the shredded sealed narrative is still on disk"
import sys
blob = bytes.fromhex(sys.argv[1])
pieces = [blob[i:i + 32] for i in range(0, len(blob) - 32, 32)]
for path in sys.argv[2:]:
    data = open(path, "rb").read()
    for p in pieces:
        if p in data:
            print(f"{path} still holds part of the shredded narrative")
            sys.exit(1)
PY
# The shredded ciphertext and wrapped key are in no file either.
python3 - "$BLOB_HEX" $(cat "$WORK/files") <<'PY' && pass || fail "the shredded identity blob is still on disk"
import sys
blob = bytes.fromhex(sys.argv[1])
pieces = [blob[i:i + 32] for i in range(0, len(blob) - 32, 32)]  # any 32-byte piece of it
for path in sys.argv[2:]:
    data = open(path, "rb").read()
    for p in pieces:
        if p in data:
            print(f"{path} still holds part of the shredded identity")
            sys.exit(1)
PY

kill $HOLDER 2>/dev/null || true; wait $HOLDER 2>/dev/null || true
finish
