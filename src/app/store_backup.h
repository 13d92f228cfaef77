// Backups, restores and moves of a whole store between backends (`recount backup`, `recount
// restore`, `recount migrate --to`; docs/operations.md, "Backups" and "Moving a store").
//
// All three move the logical copy of storage/table_dump.h: every table, row for row, with the
// ids, sealed blobs, kept versions, log entries and checkpoints as stored, so the copy's
// tamper-evident log is byte-identical to the original's and `audit verify` checks the copy
// against the same signed tree heads.
//
// A backup file is crypto/backup_stream.h's container. Clear header (JSON): format
// "recount-backup/v1", time, schema version, the store's wrapped key ring (base64: needed to
// unlock the backup key with the store's passphrase or key file, and no more secret than the
// store file itself). Encrypted body: frames
//   'T' lp(table) u16 ncols lp(column)...   a table begins (names checked against the target)
//   'R' per column: u8 kind, then u64 (int, real bits) or lp(bytes) (text, blob)
//   'E' u64 rows                             the table's row count
//   'Z' u64 total rows, SHA-256[32]          over every plaintext byte before 'Z'
// (lp = u32 length + bytes, integers big-endian). A load refuses anything else: a frame out of
// place, a table out of order, a count or digest that does not match, a key ring in the body
// other than the one in the header, bytes after 'Z'.
//
// Loading writes into a store that holds no data, in one transaction; the callers remove the
// target on any failure (storage::RemoveNewStore), so nothing half-lands.
#pragma once

#include <cstdint>
#include <istream>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "base/result.h"
#include "crypto/secret_bytes.h"
#include "storage/store.h"

namespace recount::app {

struct CopySummary {
  std::vector<std::pair<std::string, uint64_t>> tables;  // rows per table, in copy order
  uint64_t rows = 0;
  uint64_t log_size = 0;     // from the copied tree head (audit_state)
  std::string log_root_hex;  // "" for an empty log
  uint64_t bytes = 0;        // plaintext bytes (backups only)
};

struct BackupHeader {
  std::string format;  // "recount-backup/v1"
  std::string created_at;
  int schema_version = 0;
  std::string key_ring;  // the store's key ring (crypto/key_ring.h format), wrapped
  std::string raw;  // the header bytes as stored (authenticated with every chunk)
};

// Writes an encrypted backup of `store` (which must have a key ring) to `out`, under the backup
// key derived from `master_key` (the store's, unlocked by the caller).
Result<CopySummary> WriteBackup(storage::Store& store, const crypto::SecretBytes& master_key,
                                std::ostream& out);

// Reads the clear header; `in` is left at the encrypted part. kInvalidArgument for a file that
// is not a backup, kDataLoss for a damaged header.
Result<BackupHeader> ReadBackupHeader(std::istream& in);

// Decrypts the rest of `in` and loads it into `target` (empty, same schema version), committing
// only when the whole backup authenticated and every count and the digest matched. With a null
// `target` it only checks the backup (`recount backup` reads back what it wrote).
Result<CopySummary> LoadBackup(std::istream& in, const BackupHeader& header,
                               const crypto::SecretBytes& master_key, storage::Store* target);

// Copies every table of `from` into `to` (empty, same schema version) in one transaction.
Result<CopySummary> CopyStore(storage::Store& from, storage::Store& to);

}  // namespace recount::app
