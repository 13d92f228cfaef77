# Helpers for end-to-end tests. Source it: . "$(dirname "$0")/lib.sh"
set -euo pipefail
BIN="$1"
SRC="${RECOUNT_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
# Stores made by the tests are encrypted like real ones, but unlocked with key files (random
# bytes) instead of passphrases: a passphrase costs an Argon2id derivation (256 MiB, ~1 s, far more
# under ASan) on every command. Scripts that test passphrases unset these.
head -c 32 /dev/urandom >"$WORK/store.key"
head -c 32 /dev/urandom >"$WORK/vault.key"
export RECOUNT_KEY_FILE="$WORK/store.key" RECOUNT_VAULT_KEY_FILE="$WORK/vault.key"
unset RECOUNT_PASSPHRASE RECOUNT_VAULT_PASSPHRASE RECOUNT_NEW_PASSPHRASE RECOUNT_NEW_VAULT_PASSPHRASE
FAILS=0
PASSES=0

pass() { PASSES=$((PASSES + 1)); }
fail() { echo "FAIL: $*" >&2; FAILS=$((FAILS + 1)); }

# expect_exit CODE CMD... : runs CMD, checks its exit code; stdout in $WORK/out, stderr in $WORK/err
# Commands that take 5 s or more are named with their time (where a test spends its time).
expect_exit() {
  local want=$1; shift
  local start=$SECONDS
  set +e
  "$@" >"$WORK/out" 2>"$WORK/err"
  local got=$?
  set -e
  if [ $((SECONDS - start)) -ge 5 ]; then
    echo "  ($((SECONDS - start)) s: ${*:2:3})"
  fi
  if [ "$got" -ne "$want" ]; then
    fail "'$*' exited $got, want $want; stderr: $(cat "$WORK/err")"
  else
    pass
  fi
}

# expect_in FILE TEXT : FILE contains TEXT
expect_in() {
  if grep -qF -- "$2" "$1"; then pass; else fail "$1 lacks '$2': $(head -c 2000 "$1")"; fi
}
expect_not_in() {
  if grep -qF -- "$2" "$1"; then fail "$1 contains '$2'"; else pass; fi
}

finish() {
  echo "$PASSES passed, $FAILS failed"
  [ "$FAILS" -eq 0 ]
}
