// A stored record as rows of the import's default layout (docs/import-format.md): one row per
// act, record-level fields repeated on each. Export writes these rows; `recount edit` changes
// them and builds the record again through the import's RecordBuilder, so an edit is validated
// exactly like an import.
//
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <string>

#include "ingest/mapping.h"
#include "model/record.h"

namespace recount::app {

using RowValues = std::array<std::string, ingest::kFieldCount>;

// The values of the row for act `act` of `record`, with `identity`'s fields (empty to leave them
// blank). Only an act's first involvement has columns in the default layout.
RowValues RecordRowValues(const model::Record& record, const model::Identity& identity,
                          const model::Act& act);

// True for the fields that describe one act (act, event date and place, perpetrator,
// involvement, age at the time); the others describe the whole record.
bool IsActField(ingest::Field field);
// True for the identity fields (sealed in the identity vault).
bool IsIdentityField(ingest::Field field);

}  // namespace recount::app
