// The age columns of an acts row, written alike by both backends' imports (schema 12): the age
// recorded at the act, then the low and high ends of the victim's possible age at it
// (model/victim_age.h), NULL where unknown. `Row` is the backend's row writer
// (sqlite/bulk_insert.h BulkInserter, postgres/pg_copy_binary.h BinaryCopyRows): any type with
// Int(int64_t) and Null().
//
// Thread-safety: pure; writes only to `row`.
#pragma once

#include <cstdint>
#include <optional>

#include "model/victim_age.h"

namespace recount::storage {

template <typename Row>
void AppendActAgeColumns(Row& row, const PartialDate& birth, const model::Act& act) {
  if (act.age) {
    row.Int(*act.age);
  } else {
    row.Null();
  }
  if (std::optional<model::AgeRange> range = model::AgeAtAct(birth, act)) {
    row.Int(range->lo);
    row.Int(range->hi);
  } else {
    row.Null();
    row.Null();
  }
}

}  // namespace recount::storage
