// The PostgreSQL implementation of Store (team mode, docs/postgres.md): many recount processes on
// many machines share one database. Selected by a postgresql:// or postgres:// location; the
// password comes from the standard PostgreSQL environment (PGPASSWORD, PGPASSFILE, ~/.pgpass),
// never from the URL. A store is one database: kCreate needs an existing database without a
// recount schema (create it with createdb); kOpenExisting migrates an older schema.
#pragma once

#include <memory>
#include <string>

#include "storage/store.h"

namespace recount::storage::postgres {

Result<std::unique_ptr<Store>> OpenPgStore(const std::string& url, OpenMode mode);

// The schema version the PostgreSQL migrations reach (equal to SQLite's; a test checks it).
int LatestPgSchemaVersion();

// Drops every recount table (and the evidence trigger function) of the database at `url`:
// storage::RemoveNewStore for a store this process has just made. The database stays.
Status DropPgStore(const std::string& url);

}  // namespace recount::storage::postgres
