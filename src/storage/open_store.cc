#include "storage/sqlite/migrations.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace recount::storage {

int LatestSchemaVersion() { return sqlite::Migrations().back().version; }

Result<std::unique_ptr<Store>> OpenStore(const std::string& location, OpenMode mode) {
  if (location.rfind("postgresql://", 0) == 0 || location.rfind("postgres://", 0) == 0) {
    return Unimplemented("PostgreSQL stores are not available in this build yet (team mode); use "
                         "an SQLite file path for --store");
  }
  if (location.empty()) return InvalidArgument("empty store location; give --store PATH");
  return sqlite::OpenSqliteStore(location, mode);
}

}  // namespace recount::storage
