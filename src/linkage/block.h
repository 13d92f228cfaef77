// Blocking stage: several rules, unioned, each putting records that share a key into a block (or,
// for sorted-neighbourhood rules, records close in a sorted order into a window); candidate pairs
// are the pairs inside blocks, each reported exactly once however many rules produce it.
// docs/linkage.md#blocking (Christen 2012, ch. 4).
//
// Contract: Blocker::ForEachPair visits the candidate pairs block by block and never holds them all
// in memory. Blocks larger than `max_block` records are skipped (counted in the stats) so that a
// frequent key cannot make the run quadratic. In link mode only pairs from different sources are
// produced. Thread-safety: a built Blocker is read-only; ForEachPair may run concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "linkage/normalize.h"

namespace recount::linkage {

struct BlockRule {
  std::string name;
  // Keys of record i (several when a field has variants or a year range); empty: not blocked.
  std::function<std::vector<std::string>(const Prepared&, uint32_t)> keys;
  int window = 0;  // > 0: sorted-neighbourhood rule over the first key, with this window
  // Comparison fields (indices into Prepared::fields) the key is built from: pairs the rule
  // produces agree on them more than chance, so EM trained on the rule's pairs leaves them out
  // (linker.h, docs/linkage.md#scoring).
  std::vector<int> fields;
};

struct BlockingOptions {
  size_t max_block = 200;
  bool link_only = false;  // only pairs from different sources
};

struct RuleStats {
  std::string name;
  size_t blocks = 0;
  size_t skipped_blocks = 0;  // larger than max_block
  size_t skipped_records = 0;
  uint64_t new_pairs = 0;  // pairs this rule added beyond the earlier rules
};

// The default rules for the fields a Prepared has (names, birth date, other fields): fixed in
// advance, not tuned per data set.
std::vector<BlockRule> DefaultRules(const Prepared& p);

class Blocker {
 public:
  Blocker(const Prepared* p, std::vector<BlockRule> rules, BlockingOptions options);

  // Calls visit(i, j) with i < j once per candidate pair. Fills per-rule stats when asked.
  void ForEachPair(const std::function<void(uint32_t, uint32_t)>& visit,
                   std::vector<RuleStats>* stats = nullptr) const;

  // True if some rule puts i and j in one kept block or window.
  bool Covers(uint32_t i, uint32_t j) const;
  // True if rule r alone puts i != j in one kept block or window (the pairs a Blocker with only
  // that rule would produce, link_only aside).
  bool RuleCovers(size_t r, uint32_t i, uint32_t j) const {
    return i != j && CoveredBy(r, i, j, UINT32_MAX);
  }

  const std::vector<BlockRule>& rules() const { return rules_; }

 private:
  struct RuleIndex {
    // Kept blocks as ranges of `members`; per record the sorted ids of its kept blocks (CSR).
    std::vector<uint32_t> members;
    std::vector<uint32_t> block_start;  // size blocks+1
    std::vector<uint32_t> rec_block_start;
    std::vector<uint32_t> rec_blocks;
    std::vector<uint32_t> position;  // sorted-neighbourhood position; UINT32_MAX if none
    std::vector<uint32_t> order;     // records in sorted order (sorted neighbourhood)
    size_t skipped_blocks = 0, skipped_records = 0;
  };
  bool CoveredBy(size_t r, uint32_t i, uint32_t j, uint32_t before_block) const;

  const Prepared* p_;
  std::vector<BlockRule> rules_;
  BlockingOptions options_;
  std::vector<RuleIndex> index_;
};

// Blocking quality against known entity labels (truth[i], empty = unknown): how many true pairs
// exist and how many the rules keep.
struct BlockingRecall {
  uint64_t true_pairs = 0;
  uint64_t kept_true_pairs = 0;
  uint64_t candidate_pairs = 0;
};
BlockingRecall MeasureBlocking(const Blocker& blocker, const std::vector<std::string>& truth,
                               const std::vector<int>& source, bool link_only);

}  // namespace recount::linkage
