// The PostgreSQL schema as an ordered list of migrations (docs/postgres.md, "Schema mapping").
// Versions share their numbers with the SQLite migrations (sqlite/migrations.h) so that a schema
// version means the same tables in both backends: the first PostgreSQL migration creates the
// schema of SQLite version 8 at once; later versions follow SQLite's one for one. `recount init`
// and every open apply the missing ones, each in its own transaction under an advisory lock, so
// concurrent openers migrate once. Never edit a released migration; add a new one.
#pragma once

#include <string_view>
#include <vector>

#include "base/status.h"

namespace recount::storage::postgres {

class Conn;

struct PgMigration {
  int version;
  std::string_view description;
  std::string_view sql;
  // Run after `sql`, in the same transaction, for what SQL cannot compute (nullptr: nothing).
  Status (*backfill)(Conn& conn) = nullptr;
};

const std::vector<PgMigration>& PgMigrations();

}  // namespace recount::storage::postgres
