// Use case: see and change who may see a record (docs/access.md): restrict a record to named
// users, share it with more, unshare, unrestrict. The same rules for `recount restrict|share|
// unshare|unrestrict` and POST /api/records/{id}/sharing.
//
// Rules: the record must be visible to whoever changes it (app/record_access.h; kNotFound
// otherwise, as for a record that does not exist). A web user who restricts a record is always
// among the users it is shared with. A restricted record must stay shared with at least one user
// (kFailedPrecondition: share it with someone else first, or unrestrict it). share and unshare
// need a restricted record. Unknown user names are kNotFound naming them. A change that changes
// nothing is not logged. Every other change is one "share" log entry (storage/record_sharing.h).
//
// Thread-safety: pure functions over the caller's Store (one thread at a time).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "app/record_access.h"
#include "base/result.h"
#include "storage/store.h"

namespace recount::app {

enum class SharingAction { kRestrict, kUnrestrict, kShare, kUnshare };
// "restrict" | "unrestrict" | "share" | "unshare"; kInvalidArgument naming them otherwise.
Result<SharingAction> ParseSharingAction(std::string_view text);
std::string_view SharingActionName(SharingAction action);

struct SharingChange {
  SharingAction action = SharingAction::kRestrict;
  std::vector<std::string> users;  // account names
};

// A record's sharing with user names, for people.
struct SharingView {
  model::RowId record = 0;
  bool restricted = false;
  std::vector<std::string> users;  // names, in account id order
  int64_t version = 0;
};

// The sharing of record `id` as `viewer` may see it (kNotFound when they may not see the record).
Result<SharingView> DescribeSharing(storage::Store& store, const Viewer& viewer, model::RowId id);

// Applies `change` to record `id` for `by` (a web user, named `by_name`, or the whole store on
// the command line, where restrict needs at least one user named).
Result<SharingView> ChangeSharing(storage::Store& store, const Viewer& by, model::RowId id,
                                  const SharingChange& change);

// Splits "a,b, c" into names (empty parts dropped).
std::vector<std::string> SplitUserList(std::string_view text);

}  // namespace recount::app
