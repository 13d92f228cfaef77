# Sourced by bench/web_load.sh and bench/filter_speed.sh: the store both measure.
#
# load_store BIN DATA RECORDS WORK
#   Makes DATA/load.db (unless it is there already: STORE_DIR reuse) from `recount simulate`
#   (5 lists, seed 11) with about RECORDS records, plus a signed-in-able analyst whose TOTP secret
#   goes to DATA/analyst.totp. Exports RECOUNT_KEY_FILE and RECOUNT_VAULT_KEY_FILE (DATA/*.key)
#   and sets S to the store's path, REUSED to 1 when the store was there already (else 0). WORK
#   holds the simulated lists. Call it as a plain command, not in `if` or `||`: errexit would not
#   stop a failing step inside it there.
load_store() {
  local bin=$1 data=$2 records=$3 work=$4
  mkdir -p "$data"
  S="$data/load.db"
  export RECOUNT_KEY_FILE="$data/store.key" RECOUNT_VAULT_KEY_FILE="$data/vault.key"
  REUSED=0
  if [ -f "$S" ]; then
    REUSED=1
    return 0
  fi
  head -c 32 /dev/urandom >"$data/store.key"; head -c 32 /dev/urandom >"$data/vault.key"
  "$bin" init --store "$S" >/dev/null
  # The simulator gives about 0.64 records per person over 5 lists (measured: 100,000 persons,
  # 64,144 records).
  "$bin" simulate --persons $((records * 100 / 64)) --sources 5 --seed 11 --out "$work/src" >/dev/null
  local m
  for m in "$work"/src/*.map; do
    "$bin" import --store "$S" --source "$(basename "${m%.map}")" --mapping "$m" "${m%.map}.csv" >/dev/null
  done
  RECOUNT_USER_PASSWORD='load test password' "$bin" user add analyst --role analyst --store "$S" --json |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["totp_secret"])' >"$data/analyst.totp"
}
