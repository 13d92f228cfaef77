// The SQLite side of evidence files (storage/evidence_file.h), migration 8:
//
//   evidence_files (id, record_id, evidence_id, file_name, media_type, source_note, size,
//                   plaintext_sha256, ciphertext_sha256, wrapped_key, actor, attached_at,
//                   ciphertext)   written once; a trigger refuses UPDATE
//
// The ciphertext is a blob in the database, not a file beside it (docs/security.md section 7.6):
// the row, its ciphertext and its "attach" log entry are inserted in one transaction, so a crash
// leaves all or nothing, and one file is still one store (its backups carry the evidence).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "storage/evidence_file.h"
#include "storage/sqlite/sqlite_audit_log.h"
#include "storage/sqlite/sqlite_db.h"

namespace recount::storage::sqlite {

// Fills in id, actor and time, checks the record exists (kNotFound), recomputes the ciphertext
// hash, and appends the row and its "attach" log entry in one transaction.
Result<EvidenceFile> SaveEvidenceRow(Db& db, EvidenceFile file, std::string_view ciphertext,
                                     const LogContext& log);
// Metadata of the files of `record` (0: of every record), in id order.
Result<std::vector<EvidenceFile>> ReadEvidenceRows(Db& db, model::RowId record);
// kNotFound for an unknown id.
Result<EvidenceFile> ReadEvidenceRow(Db& db, int64_t id);
Result<std::string> ReadEvidenceCiphertext(Db& db, int64_t id);

}  // namespace recount::storage::sqlite
