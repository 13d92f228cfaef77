#include "storage/postgres/pg_conn.h"
#include "storage/postgres/pg_store.h"
#include "storage/sqlite/migrations.h"
#include "storage/sqlite/sqlite_store.h"
#include "storage/store.h"

namespace recount::storage {

int LatestSchemaVersion() { return sqlite::Migrations().back().version; }

Result<std::unique_ptr<Store>> OpenStore(const std::string& location, OpenMode mode) {
  if (postgres::IsPostgresUrl(location)) return postgres::OpenPgStore(location, mode);
  if (location.empty()) return InvalidArgument("empty store location; give --store PATH");
  return sqlite::OpenSqliteStore(location, mode);
}

}  // namespace recount::storage
