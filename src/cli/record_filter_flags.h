// The record filters as flags, shared by `recount list` and `recount search`, so both take the
// same filters as GET /api/records through the same use case (app/record_query.h).
#pragma once

#include <CLI/CLI.hpp>
#include <memory>

#include "app/record_query.h"
#include "base/result.h"
#include "storage/store.h"

namespace recount::cli {

// --source, --act, --sex, --from, --to, --place, --age-from, --age-to into `query`.
void AddRecordFilterFlags(CLI::App& sub, const std::shared_ptr<app::RecordQuery>& query);

// The store filter for the whole store (the key holder), errors naming the flags.
Result<storage::RecordFilter> RecordFilterFromFlags(const app::RecordQuery& query);

}  // namespace recount::cli
