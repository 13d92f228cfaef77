// Use case: `recount link`: link every victim record in the store into unique persons with the
// linkage engine (linkage/linker.h, docs/linkage.md), save each record's cluster and the scored
// pairs that formed the clusters (one transaction), and summarise how the lists overlap.
//
// Names are read from the identity vault in memory only; nothing derived from them is written
// (the pairs keep record ids and probabilities). Cluster ids are "P" + the smallest record id of
// the cluster, so an unchanged cluster keeps its id across runs.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "app/identity_vault.h"
#include "base/result.h"
#include "linkage/constraints.h"
#include "linkage/linker.h"
#include "storage/store.h"

namespace recount::app {

struct LinkSummary {
  int64_t records = 0;
  int64_t persons = 0;  // clusters: unique persons
  uint64_t candidate_pairs = 0;
  size_t links = 0;
  std::vector<std::string> sources;
  std::vector<int64_t> records_per_source;
  std::vector<int64_t> persons_per_source;
  // overlap[i][j]: persons recorded by both source i and source j (i != j).
  std::vector<std::vector<int64_t>> overlap;
  int64_t run_id = 0;
  // docs/linkage.md#incremental-linking
  bool incremental = false;
  std::string mode;  // what was done, or why everything was relinked
  int64_t new_records = 0;
  int64_t reclustered_records = 0;
  // Standing review decisions (docs/linkage.md#review-queue) and what they changed.
  int64_t accepted = 0, rejected = 0;
  linkage::ConstraintStats decisions;
};

// The store setting holding the model (m, u, share of matches) of the latest full run.
inline constexpr const char* kLinkModelSetting = "link_model";

// Needs the identity vault unlocked (kFailedPrecondition otherwise): linkage compares names.
// Incremental unless `full` (or there is no previous run): records linked before keep their
// clusters and only pairs involving a new record are scored (app/link_engine.h). Standing review
// decisions override the model.
Result<LinkSummary> LinkRecords(storage::Store& store, const linkage::LinkOptions& options,
                                IdentityReader& identities, bool full = false);

std::string FormatLinkSummary(const LinkSummary& s);
std::string LinkSummaryJson(const LinkSummary& s);

}  // namespace recount::app
