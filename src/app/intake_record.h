// Use case: one testimony entered through a form (the web app's intake page, POST /api/records).
// The form's fields are the import's default layout (docs/import-format.md): each act becomes
// one row carrying the record's fields and that act's fields, and the rows go through the
// import's RecordBuilder and ImportBatch exactly as `recount import` would take them, so a form
// is validated with the same rules and messages (vocabulary terms in Korean or English, partial
// dates such as "2019", "2019-03" or "about 2015", places resolved against the gazetteer) and is
// stored and logged the same way: the identity sealed under the identity vault, the narrative
// under the store master key, a "create" log entry under the signed-in user.
//
// All or nothing: any problem rejects the whole form, listing every problem as
// "form:act N: field: what is wrong; what to do".
#pragma once

#include <map>
#include <string>
#include <vector>

#include "app/identity_vault.h"
#include "app/record_seal.h"
#include "base/result.h"
#include "storage/store.h"

namespace recount::app {

struct IntakeRequest {
  std::string source;  // the list the testimony belongs to (a new source is created)
  // Record fields by default-layout name: record_id, full_name, sex, birth_date, testimony_date,
  // narrative, ... (not the act fields).
  std::map<std::string, std::string> record;
  // Per act: act, event_date, event_place, perpetrator, involvement, age. At least one.
  std::vector<std::map<std::string, std::string>> acts;
};

struct IntakeResult {
  model::RowId id = 0;
  std::string record_id;
  int64_t acts = 0;
  int64_t unresolved_places = 0;  // place texts kept as free text (not in the gazetteer)
};

// kInvalidArgument listing the problems; kAlreadyExists when the source already holds the
// record id. `vault` seals the identity, `sealer` the narrative (both borrowed).
Result<IntakeResult> IntakeRecord(storage::Store& store, const IntakeRequest& request,
                                  IdentityVault& vault, RecordSealer& sealer);

}  // namespace recount::app
