#include "storage/record_edit.h"

#include "storage/record_digest.h"

namespace recount::storage {

Status CheckEditVersion(const StoredRecord& current, int64_t expected_version) {
  if (current.version == expected_version) return Status();
  return Conflict("record " + std::to_string(current.record.id) + " (" + current.record.source +
                  ":" + current.record.external_id + ") is at version " +
                  std::to_string(current.version) + " but the edit was made on version " +
                  std::to_string(expected_version) +
                  ": someone changed it meanwhile; nothing was changed. Look at it again "
                  "('recount show') and redo the edit");
}

std::string KeptVersionBytes(const StoredRecord& current) {
  return CanonicalRecordBytes(
      current, current.identity_blob.empty() ? std::string() : Sha256Text(current.identity_blob));
}

Result<std::string> ShreddedVersionBytes(const RecordVersion& version, std::string* identity_id) {
  std::string blob_hash;
  Result<StoredRecord> kept = ParseCanonicalRecord(version.canonical, &blob_hash);
  if (!kept.ok()) {
    return DataLoss("record " + std::to_string(version.record) + " version " +
                    std::to_string(version.version) + ": " + kept.status().message() +
                    "; run 'recount audit verify'. Nothing was shredded");
  }
  *identity_id = kept->identity_id;
  kept->identity_id.clear();
  kept->record.narrative.clear();
  return CanonicalRecordBytes(*kept, "");
}

}  // namespace recount::storage
