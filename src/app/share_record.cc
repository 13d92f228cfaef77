#include "app/share_record.h"

#include <algorithm>
#include <map>

#include "base/utf8.h"

namespace recount::app {
namespace {

Result<SharingView> ToView(storage::Store& store, const storage::RecordSharing& s) {
  ASSIGN_OR_RETURN(std::vector<storage::UserAccount> users, store.ListUsers());
  SharingView v{s.record, s.restricted, {}, s.version};
  for (const storage::UserAccount& u : users) {
    if (std::binary_search(s.users.begin(), s.users.end(), u.id)) v.users.push_back(u.name);
  }
  return v;
}

Result<std::vector<int64_t>> UserIds(storage::Store& store, const std::vector<std::string>& names) {
  std::vector<int64_t> ids;
  for (const std::string& name : names) {
    ASSIGN_OR_RETURN(std::optional<storage::UserAccount> u, store.FindUser(name));
    if (!u) {
      return NotFound("no user named '" + name + "'; 'recount user list' lists the accounts");
    }
    ids.push_back(u->id);
  }
  return ids;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : ",") + n;
  return out;
}

}  // namespace

Result<SharingAction> ParseSharingAction(std::string_view text) {
  for (SharingAction a : {SharingAction::kRestrict, SharingAction::kUnrestrict,
                          SharingAction::kShare, SharingAction::kUnshare}) {
    if (text == SharingActionName(a)) return a;
  }
  return InvalidArgument("unknown sharing action '" + std::string(text) +
                         "': use restrict, unrestrict, share or unshare");
}

std::string_view SharingActionName(SharingAction action) {
  switch (action) {
    case SharingAction::kRestrict:
      return "restrict";
    case SharingAction::kUnrestrict:
      return "unrestrict";
    case SharingAction::kShare:
      return "share";
    case SharingAction::kUnshare:
      return "unshare";
  }
  return "?";
}

std::vector<std::string> SplitUserList(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string part(Trim(text.substr(start, comma - start)));
    if (!part.empty()) out.push_back(std::move(part));
    start = comma + 1;
  }
  return out;
}

Result<SharingView> DescribeSharing(storage::Store& store, const Viewer& viewer, model::RowId id) {
  RETURN_IF_ERROR(CheckRecordVisible(store, viewer, id));
  ASSIGN_OR_RETURN(storage::RecordSharing s, store.GetSharing(id));
  return ToView(store, s);
}

Result<SharingView> ChangeSharing(storage::Store& store, const Viewer& by, model::RowId id,
                                  const SharingChange& change) {
  RETURN_IF_ERROR(CheckRecordVisible(store, by, id));
  ASSIGN_OR_RETURN(storage::RecordSharing cur, store.GetSharing(id));
  RETURN_IF_ERROR(CheckSharingAgainstLog(store, cur));
  ASSIGN_OR_RETURN(std::vector<int64_t> named, UserIds(store, change.users));
  const std::string rec = "record " + std::to_string(id);
  storage::RecordSharing next = cur;
  switch (change.action) {
    case SharingAction::kRestrict:
      if (named.empty() && !by.user_id && !cur.restricted) {
        return InvalidArgument("name the users who may see " + rec +
                               " (--share-with NAME[,NAME]):"
                               " a restricted record shared with no one is visible to no one");
      }
      next.restricted = true;
      next.users.insert(next.users.end(), named.begin(), named.end());
      if (by.user_id) next.users.push_back(*by.user_id);
      break;
    case SharingAction::kUnrestrict:
      next.restricted = false;
      next.users.clear();
      break;
    case SharingAction::kShare:
    case SharingAction::kUnshare:
      if (!cur.restricted) {
        return FailedPrecondition(rec +
                                  " is not restricted: everyone who may read records sees "
                                  "it; restrict it first ('recount restrict " +
                                  std::to_string(id) + " --share-with NAME')");
      }
      if (named.empty()) {
        return InvalidArgument("name the users to " +
                               std::string(SharingActionName(change.action)) + " " + rec + " with");
      }
      if (change.action == SharingAction::kShare) {
        next.users.insert(next.users.end(), named.begin(), named.end());
      } else {
        std::erase_if(next.users, [&](int64_t u) {
          return std::find(named.begin(), named.end(), u) != named.end();
        });
        if (next.users.empty()) {
          return FailedPrecondition(rec +
                                    " would be shared with no one: share it with someone "
                                    "else first, or unrestrict it");
        }
      }
      break;
  }
  std::sort(next.users.begin(), next.users.end());
  next.users.erase(std::unique(next.users.begin(), next.users.end()), next.users.end());
  if (next.restricted == cur.restricted && next.users == cur.users) return ToView(store, cur);
  ASSIGN_OR_RETURN(SharingView after, ToView(store, next));
  std::string detail = std::string(SharingActionName(change.action));
  if (!change.users.empty()) detail += " " + JoinNames(change.users);
  detail += after.restricted ? "; shared with " + JoinNames(after.users) : "; unrestricted";
  ASSIGN_OR_RETURN(storage::RecordSharing stored, store.SetSharing(next, detail));
  return ToView(store, stored);
}

}  // namespace recount::app
