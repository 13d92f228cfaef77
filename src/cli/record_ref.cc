#include "cli/record_ref.h"

#include <stdexcept>

namespace recount::cli {

Result<model::RowId> ResolveRecordRef(storage::Store& store, const std::string& which) {
  if (size_t colon = which.rfind(':'); colon != std::string::npos) {
    ASSIGN_OR_RETURN(auto found,
                     store.FindRecord(which.substr(0, colon), which.substr(colon + 1)));
    if (!found) {
      return NotFound("no record '" + which.substr(colon + 1) + "' in source '" +
                      which.substr(0, colon) + "'");
    }
    return *found;
  }
  try {
    size_t used = 0;
    model::RowId id = std::stoll(which, &used);
    if (used != which.size() || id <= 0) throw std::invalid_argument("id");
    return id;
  } catch (const std::exception&) {
    return InvalidArgument("'" + which +
                           "' is not a record id; give a number from 'recount list' or "
                           "SOURCE:RECORD_ID");
  }
}

}  // namespace recount::cli
