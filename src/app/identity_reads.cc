#include "app/identity_reads.h"

#include <algorithm>
#include <string>
#include <vector>

#include "crypto/encoding.h"
#include "crypto/sha256.h"

namespace recount::app {

Status LogIdentityReads(storage::Store& store, const IdentityReader& reader,
                        std::string_view command) {
  std::vector<model::RowId> ids = reader.read_ids();
  if (ids.empty()) return Status();
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::string list;
  for (model::RowId id : ids) list += std::to_string(id) + "\n";
  storage::AuditEntry e;
  e.op = "read-identity";
  e.record = ids.size() == 1 ? ids[0] : 0;
  e.digest = "sha256:" + crypto::HexEncode(crypto::Sha256(crypto::AsBytes(list)));
  e.detail = std::string(command) + ": identities of " + std::to_string(ids.size()) +
             (ids.size() == 1 ? " record" : " records");
  return store.AppendAuditEntry(std::move(e)).status();
}

}  // namespace recount::app
