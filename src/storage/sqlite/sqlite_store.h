// The SQLite implementation of Store: one file, WAL journal, every batch one transaction.
// Opening an older store migrates it (migrations.h); opening a newer one fails clearly.
#pragma once

#include <memory>
#include <string>

#include "storage/store.h"

namespace recount::storage::sqlite {

Result<std::unique_ptr<Store>> OpenSqliteStore(const std::string& path, OpenMode mode);

}  // namespace recount::storage::sqlite
