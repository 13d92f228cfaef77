#!/usr/bin/env bash
# The main job on bundled example data: simulate several organisations' lists, create a store,
# import every list, print documented counts, link, estimate, verify the log, and write the
# estimates dashboard as report.html. Usage: scripts/demo.sh path/to/recount
set -euo pipefail
BIN=${1:-build/recount}
OUT=${DEMO_OUT:-demo-out}
PERSONS=${DEMO_PERSONS:-3000}

rm -rf "$OUT"
mkdir -p "$OUT"
STORE="$OUT/demo.db"

# DEMO ONLY: the two passphrases are set here so the demo runs unattended. Real users type them
# when recount asks (no echo), and never write them into scripts, files or command lines. The
# store passphrase opens the store; the identity-vault passphrase (held by fewer people) is
# needed to import, link, or see names. See docs/security.md.
export RECOUNT_PASSPHRASE="demo store passphrase - type yours at the prompt"
export RECOUNT_VAULT_PASSPHRASE="demo vault passphrase - type yours at the prompt"
unset RECOUNT_KEY_FILE RECOUNT_VAULT_KEY_FILE

echo "== 1. Simulating 5 organisations' lists of $PERSONS persons (seed 1) into $OUT/sources"
"$BIN" simulate --out "$OUT/sources" --persons "$PERSONS" --sources 5 --seed 1

echo
echo "== 2. Creating the store $STORE with its keys (Argon2id-protected passphrases)"
"$BIN" init --store "$STORE"

echo
echo "== 3. Importing every list"
# Each organisation's list comes with a mapping file naming its columns.
for map in "$OUT"/sources/*.map; do
  name=$(basename "$map" .map)
  "$BIN" import --store "$STORE" --source "$name" --mapping "$map" "${map%.map}.csv"
done

echo
echo "== 4. Documented counts by act type"
"$BIN" stats --store "$STORE" --by act
echo
echo "== 5. Documented counts by year"
"$BIN" stats --store "$STORE" --by year
echo
echo "== 6. Documented counts by source"
"$BIN" stats --store "$STORE" --by source

echo
echo "== 7. Linking the lists into unique persons (names in Hangul and romanisations, partial dates)"
"$BIN" link --store "$STORE"

echo
echo "== 8. Estimating the total number of victims, including those no list recorded"
"$BIN" estimate --store "$STORE" --iterations 20000 --burn-in 5000 | sed -n '1,8p'
echo
echo "   The simulation's true total (known only because the data are simulated):"
grep -E '"persons"|"persons_observed"' "$OUT/sources/truth_totals.json" | sed 's/^/   /'

echo
echo "== 9. Identities are encrypted: without the identity-vault passphrase names stay locked"
(unset RECOUNT_VAULT_PASSPHRASE; "$BIN" show --store "$STORE" 1 --names </dev/null | sed -n '1,4p;/identity locked/p')

echo
echo "== 10. Every change above is in the tamper-evident log: recompute it and check the store"
"$BIN" audit verify --store "$STORE"
echo "   A record's history:"
"$BIN" history --store "$STORE" 1 | sed 's/^/   /'

echo
echo "== 11. The estimates dashboard as one self-contained HTML file (opens with no network)"
"$BIN" report --store "$STORE" --out "$OUT/report.html" --iterations 20000 --burn-in 5000

echo
echo "Done. The store is $STORE."
echo "The estimates report: $OUT/report.html; open it in a browser (its button switches to Korean;"
echo "  'recount report --lang ko' starts in Korean)."
echo "Try:"
echo "  $BIN search --store $STORE 'Kim Kum Sun' --names"
echo "  $BIN estimate --store $STORE --by year --method loglinear"
echo "  $BIN show --store $STORE 1 --lang ko"
echo "  $BIN audit prove --store $STORE --record 1"
echo "The web application on this store (docs/web.md); its demo passphrases are at the top of"
echo "scripts/demo.sh:"
echo "  $BIN user add YOUR_NAME --role administrator --store $STORE"
echo "      (asks for the store passphrase and a password; prints a TOTP secret once for an authenticator app)"
echo "  $BIN serve --store $STORE"
echo "      (asks for the store and vault passphrases; then open http://127.0.0.1:8080/ and sign in)"
