#include "storage/sharing_rows.h"

#include <algorithm>
#include <map>

namespace recount::storage {

RecordSharing SharingToWrite(RecordSharing s) {
  std::sort(s.users.begin(), s.users.end());
  s.users.erase(std::unique(s.users.begin(), s.users.end()), s.users.end());
  if (!s.restricted) s.users.clear();
  s.version += 1;
  return s;
}

std::vector<RecordSharing> JoinSharingRows(std::vector<RecordSharing> sharing,
                                           const std::vector<std::pair<int64_t, int64_t>>& shares) {
  std::map<int64_t, size_t> at;
  for (size_t i = 0; i < sharing.size(); ++i) at[sharing[i].record] = i;
  for (const auto& [record, user] : shares) {
    auto it = at.find(record);
    if (it == at.end()) {
      RecordSharing s;
      s.record = record;
      it = at.emplace(record, sharing.size()).first;
      sharing.push_back(std::move(s));
    }
    sharing[it->second].users.push_back(user);
  }
  std::sort(sharing.begin(), sharing.end(),
            [](const RecordSharing& a, const RecordSharing& b) { return a.record < b.record; });
  return sharing;
}

RecordSharing OneSharing(model::RowId record, std::vector<RecordSharing> found) {
  if (!found.empty()) return std::move(found.front());
  RecordSharing none;
  none.record = record;
  return none;
}

}  // namespace recount::storage
