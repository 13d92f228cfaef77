// The linking step of `recount link` on a store, between reading the records and saving the run:
// full or incremental linkage, the scored pairs worth keeping, and reviewed decisions applied.
// docs/linkage.md#incremental-linking and #review-queue.
//
// Full: the whole pipeline (linkage::RunLinkage), then one more pass over the candidate pairs to
// keep every pair whose probability is at least kKeepPairFloor (the review queue and
// `recount estimate --linkage-uncertainty` need the uncertain pairs, not only the links).
//
// Incremental (default when the store has a previous run and its model): records that already
// have a cluster keep it, and only candidate pairs with at least one new record are scored, with
// the stored model (m, u; the share of matches rescaled for the larger population). Components of
// the new links that touch a new record are re-clustered together with the old clusters they
// touch (linkage::Cluster); every other cluster stays as it was. Pairs between old records are
// carried over from the previous run.
//
// In both modes the standing review decisions are then applied (linkage/constraints.h).
// Thread-safety: pure function of its inputs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "linkage/constraints.h"
#include "linkage/linker.h"

namespace recount::app {

// Pairs scored below this are not kept: they would almost never be drawn as links.
inline constexpr double kKeepPairFloor = 0.05;

struct LinkEngineInput {
  std::vector<linkage::Record> records;
  linkage::Schema schema;
  // Per record: its cluster from the previous run; "" for a record never linked.
  std::vector<std::string> previous_cluster;
  // Kept pairs of the previous run, as record indices.
  std::vector<linkage::Link> previous_pairs;
  // The model saved by the previous run (LinkModelJson), if any.
  std::optional<std::string> previous_model;
  std::vector<std::pair<uint32_t, uint32_t>> accepted, rejected;  // record indices
  bool full = false;
};

struct LinkEngineOutput {
  std::vector<uint32_t> cluster_of;
  uint32_t clusters = 0;
  std::vector<linkage::Link> pairs;  // kept pairs (probability >= kKeepPairFloor)
  uint64_t candidate_pairs = 0;      // candidate pairs scored in this run
  size_t links = 0;                  // kept pairs at or above the link threshold
  std::string model_json;            // to save for the next incremental run
  bool incremental = false;
  std::string mode_note;  // why a full run was made, or what the incremental one did
  size_t new_records = 0;
  size_t reclustered_records = 0;  // records whose cluster was recomputed
  linkage::ConstraintStats decisions;
};

LinkEngineOutput RunLinkEngine(const LinkEngineInput& in, const linkage::LinkOptions& options);

}  // namespace recount::app
