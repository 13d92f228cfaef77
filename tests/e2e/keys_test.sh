#!/usr/bin/env bash
# Passphrases for real (Argon2id MODERATE, about 1 s per unlock): init, a wrong passphrase, passwd
# round trips for both slots (and a switch to a key file), identical passphrases refused, and a
# damaged key ring or identity record giving a clear error and changing nothing.
. "$(dirname "$0")/lib.sh"
D="$SRC/tests/data/import"
S="$WORK/s.db"
unset RECOUNT_KEY_FILE RECOUNT_VAULT_KEY_FILE
export RECOUNT_PASSPHRASE="store one" RECOUNT_VAULT_PASSPHRASE="vault one"
keyring_sum() { python3 -c 'import sqlite3, sys, hashlib
print(hashlib.sha256(sqlite3.connect(sys.argv[1]).execute("select data from keyring").fetchone()[0]).hexdigest())' "$1"; }

expect_exit 0 "$BIN" init --store "$S"
expect_exit 0 "$BIN" import --store "$S" --source ngo-a "$D/ngo_a.csv"
expect_exit 0 "$BIN" show --store "$S" ngo-a:A-001 --names
expect_in "$WORK/out" "김금순"

# Identical passphrases are refused before anything is written.
RECOUNT_VAULT_PASSPHRASE="store one" expect_exit 2 "$BIN" init --store "$WORK/same.db"
expect_in "$WORK/err" "must differ"
[ ! -e "$WORK/same.db" ] && pass || fail "a refused init left a store behind"

# A wrong vault passphrase is an error (exit 8), not a silent fallback to locked.
RECOUNT_VAULT_PASSPHRASE="vault two" expect_exit 8 "$BIN" show --store "$S" ngo-a:A-001 --names
expect_in "$WORK/err" "wrong passphrase for the identity-vault key"

# passwd --vault: a wrong old passphrase changes nothing.
before=$(keyring_sum "$S")
RECOUNT_VAULT_PASSPHRASE="nope" RECOUNT_NEW_VAULT_PASSPHRASE="vault two" \
  expect_exit 8 "$BIN" passwd --store "$S" --vault
expect_in "$WORK/err" "nothing was changed"
[ "$(keyring_sum "$S")" = "$before" ] && pass || fail "a failed passwd changed the key ring"
# ... nor does a new vault passphrase equal to the store's.
RECOUNT_NEW_VAULT_PASSPHRASE="store one" expect_exit 2 "$BIN" passwd --store "$S" --vault
[ "$(keyring_sum "$S")" = "$before" ] && pass || fail "a refused passwd changed the key ring"
# The round trip: the new passphrase opens the same identities, the old one no longer does.
RECOUNT_NEW_VAULT_PASSPHRASE="vault two" expect_exit 0 "$BIN" passwd --store "$S" --vault
expect_in "$WORK/out" "Changed the identity-vault passphrase"
RECOUNT_VAULT_PASSPHRASE="vault two" expect_exit 0 "$BIN" show --store "$S" ngo-a:A-001 --names
expect_in "$WORK/out" "김금순"
expect_exit 8 "$BIN" show --store "$S" ngo-a:A-001 --names
export RECOUNT_VAULT_PASSPHRASE="vault two"

# The store passphrase likewise.
RECOUNT_NEW_PASSPHRASE="store two" expect_exit 0 "$BIN" passwd --store "$S"
RECOUNT_NEW_PASSPHRASE="store three" expect_exit 8 "$BIN" passwd --store "$S"
export RECOUNT_PASSPHRASE="store two"

# Switching the vault slot to a key file.
expect_exit 0 "$BIN" passwd --store "$S" --vault --new-key-file "$WORK/vault.key2"
expect_in "$WORK/out" "Wrote key file"
RECOUNT_VAULT_KEY_FILE="$WORK/vault.key2" expect_exit 0 "$BIN" show --store "$S" ngo-a:A-001 --names
expect_in "$WORK/out" "김금순"
expect_exit 8 "$BIN" show --store "$S" ngo-a:A-001 --names
expect_in "$WORK/err" "key file, not a passphrase"
export RECOUNT_VAULT_KEY_FILE="$WORK/vault.key2"

# A damaged key ring: a clear error (exit 9), and passwd writes nothing.
cp "$S" "$WORK/damaged.db"
python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1]); d = bytearray(c.execute("select data from keyring").fetchone()[0])
d[len(d) // 2] ^= 1; c.execute("update keyring set data = ?", (bytes(d),)); c.commit()' "$WORK/damaged.db"
before=$(keyring_sum "$WORK/damaged.db")
expect_exit 9 "$BIN" show --store "$WORK/damaged.db" ngo-a:A-001 --names
expect_in "$WORK/err" "damaged"
RECOUNT_NEW_PASSPHRASE="store four" expect_exit 9 "$BIN" passwd --store "$WORK/damaged.db"
[ "$(keyring_sum "$WORK/damaged.db")" = "$before" ] && pass || fail "passwd wrote to a damaged key ring"
expect_exit 0 "$BIN" show --store "$WORK/damaged.db" ngo-a:A-001  # coded data still readable

# A damaged identity: that record's error names it; the others still open; no partial export.
cp "$S" "$WORK/badrec.db"
python3 -c 'import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
row = c.execute("select i.id, i.data from identities i join persons p on p.identity_id = i.id "
                "join testimonies t on t.id = p.testimony_id where t.external_id = ?", ("A-002",)).fetchone()
d = bytearray(row[1]); d[-5] ^= 1
c.execute("update identities set data = ? where id = ?", (bytes(d), row[0])); c.commit()' "$WORK/badrec.db"
expect_exit 9 "$BIN" show --store "$WORK/badrec.db" ngo-a:A-002 --names
expect_in "$WORK/err" "ngo-a:A-002"
expect_exit 0 "$BIN" show --store "$WORK/badrec.db" ngo-a:A-001 --names
expect_in "$WORK/out" "김금순"
expect_exit 9 "$BIN" export --store "$WORK/badrec.db" --out "$WORK/exp" --include-identities
[ -z "$(ls -A "$WORK/exp" 2>/dev/null)" ] && pass || fail "a failed export left files: $(ls "$WORK/exp")"

finish
