// Use case: edit one stored record (`recount edit`). The record is turned into rows of the
// import's default layout (record_rows.h), the requested changes are applied to those rows, and
// the rows are built into a record again by the import's RecordBuilder: an edit is validated
// exactly like an import and gets the same messages. The store then keeps the old version and
// logs the new one (Store::UpdateRecord); an edit made on a version that is no longer current is
// refused (kConflict), so no edit silently overwrites another.
//
// Identity fields can be changed only with the identity vault unlocked; a changed identity is
// sealed as a new identity row (the old one stays with the kept version). Without identity
// changes the identity is kept as it is, and the vault is not needed.
//
// The narrative is sealed under the store master key (record_seal.h): it is opened into the rows
// and, when the edit changes it, the new one is sealed with a fresh data key; an unchanged
// narrative keeps its stored sealed text.
#pragma once

#include <string>
#include <vector>

#include "app/identity_vault.h"
#include "app/record_seal.h"
#include "base/result.h"
#include "storage/store.h"

namespace recount::app {

struct FieldChange {
  std::string field;  // a default-layout field name (docs/import-format.md), e.g. "event_date"
  std::string value;  // "" clears the field
};

struct EditRequest {
  model::RowId id = 0;
  std::vector<FieldChange> changes;
  // The act (1-based, in `recount show` order) that act fields change; 0 when the record has
  // one act. With add_act the act fields describe a new act instead.
  int act = 0;
  bool add_act = false;
  int remove_act = 0;            // 1-based act to remove; 0 none
  int64_t expected_version = 0;  // the version the user looked at; 0: the current one
  std::string reason;            // one line for the log
};

struct EditResult {
  std::string name;  // "id (source:external id)"
  int64_t old_version = 0;
  int64_t new_version = 0;           // == old_version when nothing changed
  std::vector<std::string> changed;  // the fields whose value changed, in layout order
  bool identity_changed = false;
};

// `identities` must be unlocked when a change touches an identity field (kFailedPrecondition
// otherwise); it is read, and so logged, only then. `narratives` must be unlocked when the record
// has a sealed narrative or the edit sets one (kFailedPrecondition otherwise). Vocabularies and the
// gazetteer come from the data folder, as for import.
Result<EditResult> EditRecord(storage::Store& store, const EditRequest& request,
                              IdentityReader& identities, NarrativeReader& narratives);

}  // namespace recount::app
