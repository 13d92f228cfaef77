// The SQLite side of the store's key ring and of safety deletion (crypto-shredding): the bodies
// of SqliteStore::LoadKeyRing / SaveKeyRing / ShredRecord (store.h has the contracts), kept apart
// from the rest of the store. docs/security.md sections 3 and 9.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "storage/sqlite/sqlite_audit_log.h"
#include "storage/sqlite/sqlite_db.h"
#include "storage/store.h"

namespace recount::storage::sqlite {

Result<std::optional<std::string>> LoadKeyRingRow(Db& db);
// Both log what they did (a "keys" entry with the key ring's digest; a "shred-identity" or
// "delete" entry) in the same transaction.
Status SaveKeyRingRow(Db& db, std::string_view key_ring,
                      const std::optional<std::string>& expected, const LogContext& log);
Result<ShredReport> ShredRecordRows(Db& db, model::RowId id, ShredScope scope,
                                    const LogContext& log);


// PRAGMA wal_checkpoint(TRUNCATE): copies the WAL into the database and resets the WAL file to
// zero bytes. Returns false if a reader kept it from completing (the data is still safe).
Result<bool> CheckpointAndTruncateWal(Db& db);

}  // namespace recount::storage::sqlite
