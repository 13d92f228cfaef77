#include "app/audit_prove.h"

#include <algorithm>
#include <map>

#include "crypto/merkle_tree.h"
#include "crypto/merkle_verify.h"

namespace recount::app {
namespace {

Result<std::string> CheckpointOfSize(const std::vector<storage::StoredCheckpoint>& all,
                                     std::optional<uint64_t> size, uint64_t* chosen) {
  if (all.empty()) {
    return NotFound("the store has no signed checkpoint yet: write through recount with the "
                    "store unlocked first");
  }
  if (!size) {
    *chosen = all.back().size;
    return all.back().note;
  }
  for (const storage::StoredCheckpoint& cp : all) {
    if (cp.size == *size) {
      *chosen = cp.size;
      return cp.note;
    }
  }
  return NotFound("no checkpoint of size " + std::to_string(*size) +
                  "; 'recount audit checkpoints' lists them");
}

}  // namespace

Result<std::vector<storage::AuditEntry>> ReadHistory(storage::Store& store, model::RowId id) {
  std::vector<storage::AuditEntry> out;
  RETURN_IF_ERROR(store.ScanAuditLog([&](int64_t seq, std::string_view bytes) -> Status {
    Result<storage::AuditEntry> e = storage::ParseAuditEntry(bytes);
    if (!e.ok()) {
      return e.status().WithContext("log entry " + std::to_string(seq) +
                                    " (run 'recount audit verify')");
    }
    if (id == 0 || (storage::IsRecordHistoryOp(e->op) && e->record == id)) out.push_back(std::move(*e));
    return Status();
  }));
  return out;
}

Result<std::vector<InclusionProof>> ProveInclusion(storage::Store& store,
                                                   const std::vector<int64_t>& seqs,
                                                   std::optional<uint64_t> tree_size) {
  ASSIGN_OR_RETURN(auto checkpoints, store.ListCheckpoints());
  uint64_t size = 0;
  ASSIGN_OR_RETURN(std::string note, CheckpointOfSize(checkpoints, tree_size, &size));
  crypto::MemoryLeafHashes leaves;
  std::map<int64_t, std::string> wanted;
  for (int64_t s : seqs) wanted[s];
  RETURN_IF_ERROR(store.ScanAuditLog([&](int64_t seq, std::string_view bytes) {
    leaves.Append(crypto::AsBytes(bytes));
    if (auto it = wanted.find(seq); it != wanted.end()) it->second = std::string(bytes);
    return Status();
  }));
  std::vector<InclusionProof> out;
  for (const auto& [seq, entry] : wanted) {
    if (seq < 1 || static_cast<uint64_t>(seq) > size) {
      return NotFound("log entry " + std::to_string(seq) + " is not covered by the checkpoint of " +
                      std::to_string(size) + " entries");
    }
    InclusionProof p;
    p.seq = seq;
    p.entry = entry;
    p.leaf_hash = crypto::MerkleLeafHash(crypto::AsBytes(entry));
    p.tree_size = size;
    ASSIGN_OR_RETURN(p.path, crypto::MerkleInclusionProof(leaves, seq - 1, size));
    p.checkpoint = note;
    // Check our own output before handing it out.
    ASSIGN_OR_RETURN(crypto::MerkleHash root, crypto::MerkleRoot(leaves, size));
    RETURN_IF_ERROR(crypto::VerifyMerkleInclusion(p.leaf_hash, seq - 1, size, p.path, root));
    out.push_back(std::move(p));
  }
  return out;
}

Result<ConsistencyProof> ProveConsistency(storage::Store& store, uint64_t old_size,
                                          std::optional<uint64_t> new_size) {
  ASSIGN_OR_RETURN(auto checkpoints, store.ListCheckpoints());
  ConsistencyProof p;
  ASSIGN_OR_RETURN(p.old_checkpoint, CheckpointOfSize(checkpoints, old_size, &p.old_size));
  ASSIGN_OR_RETURN(p.new_checkpoint, CheckpointOfSize(checkpoints, new_size, &p.new_size));
  if (p.old_size > p.new_size) {
    return InvalidArgument("the old checkpoint (" + std::to_string(p.old_size) +
                           ") is larger than the new one (" + std::to_string(p.new_size) + ")");
  }
  crypto::MemoryLeafHashes leaves;
  RETURN_IF_ERROR(store.ScanAuditLog([&](int64_t, std::string_view bytes) {
    leaves.Append(crypto::AsBytes(bytes));
    return Status();
  }));
  ASSIGN_OR_RETURN(p.path, crypto::MerkleConsistencyProof(leaves, p.old_size, p.new_size));
  return p;
}

}  // namespace recount::app
