#!/usr/bin/env bash
# End to end: `recount edit` (docs/security.md section 7.8). An edit is validated like an import
# row and changes nothing when invalid; it makes a new version, keeps the old one (history, show
# --version) and logs it; a stale edit (--version) is refused; names change only with the vault;
# audit verify passes after edits and reports a kept version changed or removed outside recount;
# a whole-record shred removes kept versions and attachments and the log still verifies.
. "$(dirname "$0")/lib.sh"
S="$WORK/e.db"
cat >"$WORK/list.csv" <<'CSV'
record_id,full_name,sex,birth_date,act,event_date,event_place,perpetrator,involvement,testimony_date,narrative
A1,Kim Edit,F,1985,trafficking,2004-03,Yanji,broker,direct,2019-05-02,Sold near Yanji.
A2,Ri Second,F,1990,forced_repatriation,2010,Tumen,police_cn,direct,2019-06-01,Returned at Tumen.
CSV
expect_exit 0 "$BIN" init --store "$S"
expect_exit 0 "$BIN" import --store "$S" --source ngo-a "$WORK/list.csv"

# Invalid edits: named field, nothing changed.
expect_exit 2 "$BIN" edit --store "$S" ngo-a:A1 --set event_date=2004-13
expect_in "$WORK/err" "event_date"
expect_in "$WORK/err" "nothing was changed"
expect_exit 2 "$BIN" edit --store "$S" ngo-a:A1 --set act=flying
expect_in "$WORK/err" "act"
expect_exit 2 "$BIN" edit --store "$S" ngo-a:A1 --set colour=red
expect_in "$WORK/err" "colour"
expect_exit 2 "$BIN" edit --store "$S" ngo-a:A1 --set record_id=B7
expect_exit 2 "$BIN" edit --store "$S" ngo-a:A1 --set nonsense
expect_exit 2 "$BIN" edit --store "$S" ngo-a:A1
expect_exit 3 "$BIN" edit --store "$S" ngo-a:A9 --set sex=F
expect_exit 0 "$BIN" show --store "$S" ngo-a:A1
expect_in "$WORK/out" "version 1"
expect_in "$WORK/out" "2004-03"

# A valid edit: version 2, the old one kept.
RECOUNT_ACTOR=reviewer-1 expect_exit 0 "$BIN" edit --store "$S" ngo-a:A1 \
  --set event_date=2004-05 --set "narrative=Sold near Yanji in May." --reason "second interview"
expect_in "$WORK/out" "version 2"
expect_in "$WORK/out" "event_date, narrative"
expect_exit 0 "$BIN" show --store "$S" ngo-a:A1
expect_in "$WORK/out" "2004-05"
expect_in "$WORK/out" "version 2"
expect_exit 0 "$BIN" show --store "$S" ngo-a:A1 --version 1
expect_in "$WORK/out" "2004-03"
expect_in "$WORK/out" "Sold near Yanji."
expect_in "$WORK/out" "reviewer-1"
expect_exit 3 "$BIN" show --store "$S" ngo-a:A1 --version 7
expect_exit 0 "$BIN" history --store "$S" ngo-a:A1
expect_in "$WORK/out" "edit v2"
expect_in "$WORK/out" "second interview"
expect_in "$WORK/out" "Earlier versions kept"
# The same values again: no new version.
expect_exit 0 "$BIN" edit --store "$S" ngo-a:A1 --set event_date=2004-05
expect_in "$WORK/out" "nothing changed"
# An edit made on a version someone else has replaced since: refused (exit 6), nothing changed.
expect_exit 6 "$BIN" edit --store "$S" ngo-a:A1 --set sex=M --version 1
expect_in "$WORK/err" "version 2"
expect_exit 0 "$BIN" edit --store "$S" ngo-a:A1 --set sex=M --version 2 --json
expect_in "$WORK/out" '"version":3'
# Acts: add one, change it, remove it.
expect_exit 0 "$BIN" edit --store "$S" ngo-a:A1 --add-act --set act=forced_marriage \
  --set event_date=2005 --set event_place=Longjing
expect_exit 2 "$BIN" edit --store "$S" ngo-a:A1 --set event_place=Tumen
expect_in "$WORK/err" "--act N"
expect_exit 0 "$BIN" edit --store "$S" ngo-a:A1 --act 2 --set event_place=Helong
expect_exit 0 "$BIN" show --store "$S" ngo-a:A1 --json
expect_in "$WORK/out" "Helong"
expect_in "$WORK/out" "forced_marriage"
expect_exit 0 "$BIN" edit --store "$S" ngo-a:A1 --remove-act 2
expect_exit 0 "$BIN" show --store "$S" ngo-a:A1 --json
expect_not_in "$WORK/out" "forced_marriage"

# Names: only with the vault; the new name is sealed, the old one kept with its version.
(
  unset RECOUNT_VAULT_KEY_FILE
  expect_exit 5 "$BIN" edit --store "$S" ngo-a:A2 --set "full_name=Ri Changed" </dev/null
  expect_in "$WORK/err" "identity vault"
  expect_exit 0 "$BIN" edit --store "$S" ngo-a:A2 --set sex=F </dev/null
  finish >/dev/null
) || fail "edits without the vault key (see above)"
expect_exit 0 "$BIN" edit --store "$S" ngo-a:A2 --set "full_name=Ri Changed"
expect_exit 0 "$BIN" show --store "$S" ngo-a:A2 --names
expect_in "$WORK/out" "Ri Changed"
python3 - "$S" <<'PY' && pass || fail "a name is stored in clear"
import sys
data = open(sys.argv[1], "rb").read()
sys.exit(1 if b"Ri Changed" in data or b"Kim Edit" in data else 0)
PY
expect_exit 0 "$BIN" audit verify --store "$S"
expect_in "$WORK/out" "earlier versions"

# Out-of-band changes to kept versions are caught.
cp "$S" "$WORK/t1.db"
python3 - "$WORK/t1.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("UPDATE record_versions SET canonical = replace(canonical, 'Yanji', 'Tumen')")
c.commit()
PY
expect_exit 9 "$BIN" audit verify --store "$WORK/t1.db"
expect_in "$WORK/out" "kept version 1"
cp "$S" "$WORK/t2.db"
python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("DELETE FROM record_versions WHERE version = 2"); c.commit()' "$WORK/t2.db"
expect_exit 9 "$BIN" audit verify --store "$WORK/t2.db"
expect_in "$WORK/out" "no longer kept"

# A whole-record shred takes the kept versions and the attachments; the log still verifies.
printf 'statement\n' >"$WORK/statement.txt"
expect_exit 0 "$BIN" attach --store "$S" ngo-a:A1 "$WORK/statement.txt"
expect_exit 0 "$BIN" delete --store "$S" ngo-a:A1 --shred --whole-record --yes
expect_in "$WORK/out" "1 attachment"
python3 - "$S" <<'PY' && pass || fail "kept versions or attachments survived the shred"
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
n = c.execute("SELECT (SELECT count(*) FROM record_versions WHERE record_id = 1) + "
              "(SELECT count(*) FROM evidence_files WHERE record_id = 1)").fetchone()[0]
sys.exit(1 if n else 0)
PY
expect_exit 0 "$BIN" audit verify --store "$S"
expect_exit 0 "$BIN" history --store "$S" 1
expect_in "$WORK/out" "shred-attachment"
finish
