# Crash safety (issue 5): kill recount with SIGKILL at random moments during imports, linkage,
# edits, attachments and deletions, many times. After every kill the store must open, `recount audit verify` must pass
# (each change landed with its log entry and signed checkpoint, or not at all), every import is
# all or nothing, and every change that was reported as done is there.
. "$(dirname "$0")/lib.sh"
S="$WORK/s.db"
expect_exit 0 "$BIN" simulate --out "$WORK/sim" --persons 6000 --seed 11
expect_exit 0 "$BIN" init --store "$S"
CSV="$WORK/sim/intl_ngo.csv"
MAP="$WORK/sim/intl_ngo.map"
expect_exit 0 "$BIN" import --store "$S" --source base --mapping "$MAP" "$CSV"
FULL=$("$BIN" stats --store "$S" --by source --json | grep -o '"source":"base","source_label":"base","victims":[0-9]*' | grep -o '[0-9]*$')

victims_of() {  # victims_of SOURCE -> number of victim records of that source (0 if none)
  "$BIN" stats --store "$S" --by source --json |
    grep -o "\"source\":\"$1\",\"source_label\":\"$1\",\"victims\":[0-9]*" | grep -o '[0-9]*$' || echo 0
}

# kill_during DELAY_MS CMD... : starts CMD, kills it with SIGKILL after DELAY_MS; returns 0 if
# the command had already finished successfully before the kill.
kill_during() {
  local delay=$1; shift
  "$@" >"$WORK/run.out" 2>"$WORK/run.err" &
  local pid=$!
  sleep "$(awk "BEGIN{print $delay/1000}")"
  kill -9 "$pid" 2>/dev/null || true
  set +e
  wait "$pid"
  local rc=$?
  set -e
  return $rc
}

RANDOM=20261129
KILLED=0
for i in $(seq 1 12); do
  delay=$((RANDOM % 250 + 5))
  if kill_during "$delay" "$BIN" import --store "$S" --source "crash$i" --mapping "$MAP" "$CSV"; then
    finished=1
  else
    finished=0
    KILLED=$((KILLED + 1))
  fi
  expect_exit 0 "$BIN" audit verify --store "$S"
  got=$(victims_of "crash$i")
  if [ "$finished" -eq 1 ]; then
    [ "$got" -eq "$FULL" ] && pass || fail "import $i reported done but holds $got of $FULL records"
  else
    { [ "$got" -eq 0 ] || [ "$got" -eq "$FULL" ]; } && pass ||
      fail "import $i killed after ${delay} ms left $got of $FULL records (half-landed)"
  fi
done

for i in $(seq 1 4); do
  delay=$((RANDOM % 1500 + 50))
  kill_during "$delay" "$BIN" link --store "$S" || true
  expect_exit 0 "$BIN" audit verify --store "$S"
done

for i in $(seq 1 4); do
  delay=$((RANDOM % 60 + 5))
  if kill_during "$delay" "$BIN" delete --store "$S" "base:$(sed -n "$((i + 2))p" "$CSV" | cut -d, -f1)" --shred --whole-record --yes; then
    expect_exit 0 "$BIN" audit verify --store "$S"
    expect_in "$WORK/out" "audit verify: OK"
  else
    expect_exit 0 "$BIN" audit verify --store "$S"
  fi
done
# Edits and attachments: a version (or a file) lands whole with its entry, or not at all.
version_of() {
  "$BIN" show --store "$S" "$1" --json | python3 -c 'import json, sys; d = json.load(sys.stdin); print(d["version"], len(d["attachments"]))'
}
head -c 3000000 /dev/urandom >"$WORK/evidence.bin"
EDITS_KILLED=0
ATTACHES_KILLED=0
for i in $(seq 1 6); do
  rec="base:$(sed -n "$((i * 50 + 100))p" "$CSV" | cut -d, -f1)"  # not one the deletions took
  read -r v0 a0 < <(version_of "$rec")
  delay=$((RANDOM % 80 + 5))
  if kill_during "$delay" "$BIN" edit --store "$S" "$rec" --set "narrative=crash edit $i"; then
    read -r v1 a1 < <(version_of "$rec")
    [ "$v1" -eq $((v0 + 1)) ] && pass || fail "edit $i reported done but the record is at v$v1 (was v$v0)"
  else
    EDITS_KILLED=$((EDITS_KILLED + 1))
    read -r v1 a1 < <(version_of "$rec")
    { [ "$v1" -eq "$v0" ] || [ "$v1" -eq $((v0 + 1)) ]; } && pass || fail "killed edit $i left v$v1 (was v$v0)"
  fi
  expect_exit 0 "$BIN" audit verify --store "$S"
  delay=$((RANDOM % 150 + 5))
  if kill_during "$delay" "$BIN" attach --store "$S" "$rec" "$WORK/evidence.bin"; then
    read -r v2 a2 < <(version_of "$rec")
    [ "$a2" -eq $((a1 + 1)) ] && pass || fail "attach $i reported done but $rec has $a2 attachments"
  else
    ATTACHES_KILLED=$((ATTACHES_KILLED + 1))
    read -r v2 a2 < <(version_of "$rec")
    { [ "$a2" -eq "$a1" ] || [ "$a2" -eq $((a1 + 1)) ]; } && pass || fail "killed attach $i left $a2"
  fi
  expect_exit 0 "$BIN" audit verify --store "$S"
done
echo "killed before they finished: $KILLED of 12 imports, $EDITS_KILLED of 6 edits, $ATTACHES_KILLED of 6 attachments (the others completed first)"
finish
