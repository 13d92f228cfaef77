#!/usr/bin/env bash
# End to end: init, import (default layout and a mapping), bad input, all-or-nothing,
# --skip-invalid, list/show/search/stats, and export -> re-import round trip.
. "$(dirname "$0")/lib.sh"
D="$SRC/tests/data/import"
S="$WORK/s.db"

expect_exit 0 "$BIN" --help
expect_in "$WORK/out" "import"
expect_exit 2 "$BIN" imprt
expect_in "$WORK/err" "Did you mean 'import'"
expect_exit 3 "$BIN" list --store "$S"
expect_in "$WORK/err" "recount init"

expect_exit 0 "$BIN" init --store "$S"
expect_exit 4 "$BIN" init --store "$S"

# Default layout, two rows for A-001 and A-002.
expect_exit 0 "$BIN" import --store "$S" --source ngo-a "$D/ngo_a.csv" --json
expect_in "$WORK/out" '"records":3'
expect_in "$WORK/out" '"acts":5'
# Korean headers through a mapping file.
expect_exit 0 "$BIN" import --store "$S" --source ngo-b --mapping "$D/ngo_b.map" "$D/ngo_b.csv"
expect_in "$WORK/out" "Imported 2 records"

# Re-importing the same file is refused and changes nothing.
expect_exit 2 "$BIN" import --store "$S" --source ngo-a "$D/ngo_a.csv"
expect_in "$WORK/err" "already in this source"

# Bad rows: every problem reported with file, line and field; nothing lands.
expect_exit 2 "$BIN" import --store "$S" --source bad "$D/bad.csv"
expect_in "$WORK/err" "bad.csv:3: sex: 'Q' is not a known sex term"
expect_in "$WORK/err" "bad.csv:3: act: 'kidnapping' is not a known act type"
expect_in "$WORK/err" "day 30 does not exist"
expect_in "$WORK/err" "bad.csv:4: event_date: '2099' is in the future"
expect_in "$WORK/err" "nothing was imported"
expect_exit 0 "$BIN" stats --store "$S" --by source --json
expect_not_in "$WORK/out" '"bad"'

# Malformed CSV quoting.
expect_exit 2 "$BIN" import --store "$S" --source badq "$D/bad_quote.csv"
expect_in "$WORK/err" "bad_quote.csv:2:2: a quoted field opened here is never closed"

# --skip-invalid imports the valid rows and writes a reject file with reasons.
expect_exit 0 "$BIN" import --store "$S" --source bad --skip-invalid --rejects "$WORK/rej.csv" "$D/bad.csv"
expect_in "$WORK/out" "Imported 2 records"
expect_in "$WORK/out" "2 rows were rejected"
expect_in "$WORK/rej.csv" "kidnapping"
expect_in "$WORK/rej.csv" "file,line,reason,record_id"

# Reading back.
expect_exit 0 "$BIN" list --store "$S" --act forced_repatriation
expect_in "$WORK/out" "A-002"
expect_in "$WORK/out" "B2"
expect_exit 0 "$BIN" show --store "$S" ngo-a:A-001 --names --lang ko
expect_in "$WORK/out" "김금순"
expect_in "$WORK/out" "인신매매"
expect_in "$WORK/out" "Rome Statute"
expect_exit 0 "$BIN" show --store "$S" ngo-a:A-001
expect_not_in "$WORK/out" "김금순"
expect_exit 3 "$BIN" show --store "$S" 9999
expect_exit 2 "$BIN" show --store "$S" abc

# Search across scripts: North/South Hangul and romanisations of names; places in any script.
expect_exit 0 "$BIN" search --store "$S" "Lee Young-hee"
expect_in "$WORK/out" "A-002"
expect_in "$WORK/out" "B2"
expect_exit 0 "$BIN" search --store "$S" "리영희"
expect_in "$WORK/out" "B2"
expect_exit 0 "$BIN" search --store "$S" "Kim Kum Sun" --names
expect_in "$WORK/out" "김금순"
expect_exit 0 "$BIN" search --store "$S" "延吉"
expect_in "$WORK/out" "A-001"
expect_exit 0 "$BIN" search --store "$S" "Shenyang"
expect_in "$WORK/out" "B1"
expect_exit 0 "$BIN" search --store "$S" "Nobody Atall"
expect_in "$WORK/out" "0 records found"

expect_exit 0 "$BIN" stats --store "$S" --by act --json
expect_in "$WORK/out" '"total_acts":9'
expect_exit 0 "$BIN" stats --store "$S" --by act,year --lang ko
expect_in "$WORK/out" "강제 송환"
expect_exit 2 "$BIN" stats --store "$S" --by colour

# Export everything, re-import into a new store, export again: identical files.
expect_exit 0 "$BIN" export --store "$S" --out "$WORK/ex1" --include-identities
S2="$WORK/s2.db"
expect_exit 0 "$BIN" init --store "$S2"
for f in "$WORK"/ex1/*.csv; do
  expect_exit 0 "$BIN" import --store "$S2" --source "$(basename "$f" .csv)" "$f"
done
expect_exit 0 "$BIN" export --store "$S2" --out "$WORK/ex2" --include-identities
if diff -r "$WORK/ex1" "$WORK/ex2" >"$WORK/diff"; then pass; else fail "round trip differs: $(head -40 "$WORK/diff")"; fi
# Narratives are sealed in the store and come back opened in the files (so the round trip holds).
expect_in "$WORK/ex1/ngo-a.csv" 'Sold to a farmer near Yanji, ""married"" against her will.'
if grep -aqF "farmer near Yanji" "$S" "$S2"; then fail "a narrative is in clear in the store"; else pass; fi
expect_exit 0 "$BIN" export --store "$S" --out "$WORK/ex3" --format jsonl --include-identities
S3="$WORK/s3.db"
expect_exit 0 "$BIN" init --store "$S3"
for f in "$WORK"/ex3/*.jsonl; do
  expect_exit 0 "$BIN" import --store "$S3" --source "$(basename "$f" .jsonl)" "$f"
done
expect_exit 0 "$BIN" export --store "$S3" --out "$WORK/ex4" --include-identities
if diff -r "$WORK/ex1" "$WORK/ex4" >"$WORK/diff"; then pass; else fail "jsonl round trip differs: $(head -40 "$WORK/diff")"; fi
# Without --include-identities names stay out of the export.
expect_exit 0 "$BIN" export --store "$S" --out "$WORK/ex5"
if grep -rqF "김금순" "$WORK/ex5"; then fail "identity exported without --include-identities"; else pass; fi

finish
