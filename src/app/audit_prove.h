// `recount audit prove` and `recount history`: reading the tamper-evident log, and RFC 9162
// proofs that an outsider can check with nothing but SHA-256 (docs/security.md section 7.4).
//
// An inclusion proof shows that one entry is leaf `seq - 1` of the tree that a signed checkpoint
// commits to; a consistency proof shows that the tree of an older checkpoint is a prefix of a newer
// one (nothing was changed, removed or reordered in between). Proofs are made against stored
// checkpoints, so they come with the signed note they refer to.
//
// Cost: reads every leaf hash once (about 32 bytes per entry in memory).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "crypto/merkle_hash.h"
#include "storage/audit_entry.h"
#include "storage/store.h"

namespace recount::app {

struct InclusionProof {
  int64_t seq = 0;
  std::string entry;  // the entry's bytes (the leaf data)
  crypto::MerkleHash leaf_hash{};
  uint64_t tree_size = 0;
  std::vector<crypto::MerkleHash> path;
  std::string checkpoint;  // the signed note for tree_size
};

struct ConsistencyProof {
  uint64_t old_size = 0;
  uint64_t new_size = 0;
  std::vector<crypto::MerkleHash> path;
  std::string old_checkpoint;
  std::string new_checkpoint;
};

// The entries about record `id` (or, with id 0, every entry), in log order.
Result<std::vector<storage::AuditEntry>> ReadHistory(storage::Store& store, model::RowId id);

// Inclusion proofs of entries `seqs` against the stored checkpoint of size `tree_size`
// (nullopt: the latest checkpoint). kNotFound names a missing entry or checkpoint.
Result<std::vector<InclusionProof>> ProveInclusion(storage::Store& store,
                                                   const std::vector<int64_t>& seqs,
                                                   std::optional<uint64_t> tree_size);

// Consistency of the stored checkpoint of `old_size` with that of `new_size` (nullopt: latest).
Result<ConsistencyProof> ProveConsistency(storage::Store& store, uint64_t old_size,
                                          std::optional<uint64_t> new_size);

}  // namespace recount::app
