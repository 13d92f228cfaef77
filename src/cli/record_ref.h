// A record named on the command line: a store id (from 'recount list') or SOURCE:RECORD_ID.
#pragma once

#include <string>

#include "base/result.h"
#include "storage/store.h"

namespace recount::cli {

Result<model::RowId> ResolveRecordRef(storage::Store& store, const std::string& which);

}  // namespace recount::cli
