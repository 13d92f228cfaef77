// The SQLite schema as an ordered list of migrations. Version N is reached by applying migrations
// 1..N in order, each in its own transaction. Never edit a released migration; add a new one.
// The schema is documented in docs/schema.md.
#pragma once

#include <string_view>
#include <vector>

#include "base/status.h"

namespace recount::storage::sqlite {

class Db;

struct Migration {
  int version;
  std::string_view description;
  std::string_view sql;
  // Run after `sql`, in the same transaction, for what SQL cannot compute (nullptr: nothing).
  Status (*backfill)(Db& db) = nullptr;
};

const std::vector<Migration>& Migrations();

}  // namespace recount::storage::sqlite
