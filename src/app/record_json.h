// JSON views of records for --json output and JSON Lines export. Identity fields appear only when
// the caller passes the decoded identity (the caller decides whether the user may see it). A
// narrative still sealed (record_seal.h) is never written: "narrative_sealed": true stands for it.
#pragma once

#include <nlohmann/json.hpp>

#include "model/record.h"
#include "model/vocabulary.h"
#include "storage/audit_entry.h"

namespace recount::app {

// The record's coded fields, acts and (if `identity` is non-null) identity, with vocabulary codes.
nlohmann::json RecordToJson(const model::Record& record, const model::Identity* identity);

// One log entry's fields (history --json, GET /api/records/{id}/history).
nlohmann::json AuditEntryToJson(const storage::AuditEntry& e);

}  // namespace recount::app
