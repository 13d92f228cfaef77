// The CSV reader moved to src/base/csv_reader.h (the model layer needs it for vocabularies and the
// gazetteer). This alias keeps code written against the old path building; include
// "base/csv_reader.h" in new code.
#pragma once

#include "base/csv_reader.h"

namespace recount::ingest {
using recount::CsvOptions;
using recount::CsvReader;
}  // namespace recount::ingest
