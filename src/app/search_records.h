// Use case: find records whose victim names or places match a text in any script. "김금순",
// "Kim Kum Sun", "Gim Geum-sun" and "연길"/"Yanji"/"延吉" all find each other (name_forms.h).
// Names are read from the identity vault in memory only; nothing derived from them is written.
// With the vault locked only places are searched (the caller should say so).
#pragma once

#include <string>
#include <vector>

#include "app/identity_vault.h"
#include "app/record_access.h"
#include "base/result.h"
#include "storage/store.h"

namespace recount::app {

struct SearchHit {
  storage::StoredRecord record;
  std::string matched;  // "name" or "place"
};

// Only records the viewer may see are searched (app/record_access.h), and among them only those
// `filter` keeps (app/record_query.h; its paging is ignored).
Result<std::vector<SearchHit>> SearchRecords(storage::Store& store, const std::string& text,
                                             int64_t limit, IdentityReader& identities,
                                             const Viewer& viewer = Viewer::WholeStore(),
                                             const storage::RecordFilter& filter = {});

}  // namespace recount::app
