// Blocking stage: several rules, unioned, each putting records that share a key into a block (or,
// for sorted-neighbourhood rules, records close in a sorted order into a window); candidate pairs
// are the pairs inside blocks, each reported exactly once however many rules produce it.
// docs/linkage.md#blocking (Christen 2012, ch. 4).
//
// Contract: Blocker::ForEachPair visits the candidate pairs block by block and never holds them all
// in memory. No kept block has more than `max_block` records, so a frequent key cannot make the
// run quadratic: a larger block is split by the rule's further keys (`refine`), and a part still
// too large becomes a sorted neighbourhood (window `split_window`) in the order of `sort_key`; a
// rule with neither skips it (counted in the stats). In link mode only pairs from different
// sources are produced. The pairs are also divided into work units (a rule's consecutive blocks,
// fixed by the data alone) that can be visited in any order or concurrently; visiting the units
// in order is ForEachPair. Thread-safety: a built Blocker is read-only; its methods may run
// concurrently.
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
  // How a block above max_block is split instead of skipped: by each key function in turn (a
  // record joins the part of each of its keys; a part still too large goes on to the next), then
  // a part still too large after the last is a sorted neighbourhood in `sort_key` order (ties by
  // record). Neither set: the block is skipped.
  using KeysFn = std::function<std::vector<std::string>(const Prepared&, uint32_t)>;
  std::vector<KeysFn> refine;
  std::function<std::string(const Prepared&, uint32_t)> sort_key;
};

struct BlockingOptions {
  size_t max_block = 200;
  bool link_only = false;  // only pairs from different sources
  // Window of the sorted neighbourhood a split block falls back to; 0: blocks above max_block
  // are skipped whatever the rule says (the behaviour before 2026-11-29 evening).
  size_t split_window = 10;
  // Rules on generic fields (places, postcodes) split their oversized blocks too (by birth year,
  // then the other fields' order); false (default): they skip them. On: more recall at scale on
  // the simulation, but historical_50k F1 0.886 -> 0.866 (docs/linkage.md#blocking).
  bool split_generic = false;
  // A work unit holds a rule's consecutive blocks up to about this many pairs (fewer in tests, to
  // have many units on little data).
  uint64_t unit_pairs = uint64_t{1} << 16;
};

struct RuleStats {
  std::string name;
  size_t blocks = 0;          // kept blocks (split parts included; windows of a sorted rule)
  size_t skipped_blocks = 0;  // larger than max_block and not split
  size_t skipped_records = 0;
  size_t split_blocks = 0;     // larger than max_block, split by further keys
  size_t window_parts = 0;     // parts of split blocks taken as sorted neighbourhoods
  uint64_t oversized_pairs = 0;  // pairs inside blocks above max_block (split or skipped)
  // Of those, pairs no part of the split produces: at least this many (parts of one block may
  // overlap when a record has several further keys, and are counted as if they did not).
  uint64_t dropped_pairs = 0;
  uint64_t new_pairs = 0;  // pairs this rule added beyond the earlier rules
};

// The default rules for the fields a Prepared has (names, birth date, other fields): fixed in
// advance, not tuned per data set. `options` says whether generic-field rules split their
// oversized blocks (split_generic).
std::vector<BlockRule> DefaultRules(const Prepared& p, const BlockingOptions& options = {});

class Blocker {
 public:
  // Builds each rule's blocks, on up to `threads` workers (one rule each at a time).
  Blocker(const Prepared* p, std::vector<BlockRule> rules, BlockingOptions options,
          int threads = 1);

  // Calls visit(i, j) with i < j once per candidate pair. Fills per-rule stats when asked.
  void ForEachPair(const std::function<void(uint32_t, uint32_t)>& visit,
                   std::vector<RuleStats>* stats = nullptr) const;

  // Work units: the candidate pairs of unit u are those of some consecutive blocks (or sorted
  // positions) of rule unit_rule(u); units in order give ForEachPair's order. Returns how many
  // pairs it visited (the rule's new_pairs summed over its units).
  size_t units() const { return units_.size(); }
  size_t unit_rule(size_t u) const { return units_[u].rule; }
  uint64_t ForEachPairIn(size_t u, const std::function<void(uint32_t, uint32_t)>& visit) const;
  // Per-rule stats with new_pairs left 0 (the caller sums ForEachPairIn's counts).
  std::vector<RuleStats> Stats() const;

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
    // Kept blocks as ranges of `members`; per record the sorted ids of its kept blocks and its
    // position in each (CSR). A windowed block (a split part taken as a sorted neighbourhood)
    // holds its members in sort order and pairs only those less than split_window apart.
    std::vector<uint32_t> members;
    std::vector<uint32_t> block_start;  // size blocks+1
    std::vector<uint8_t> windowed;      // per block
    std::vector<uint32_t> rec_block_start;
    std::vector<uint32_t> rec_blocks;
    std::vector<uint32_t> rec_pos;   // position of the record in that block
    std::vector<uint32_t> position;  // sorted-neighbourhood position; UINT32_MAX if none
    std::vector<uint32_t> order;     // records in sorted order (sorted neighbourhood)
    RuleStats stats;                 // new_pairs left 0
  };
  struct Unit {
    uint32_t rule, begin, end;  // blocks [begin, end), or sorted positions
  };
  void BuildRule(size_t r);
  void SplitBlock(size_t r, std::vector<uint32_t> members, size_t level);
  void AddBlock(RuleIndex& ix, const std::vector<uint32_t>& members, bool windowed);
  bool CoveredBy(size_t r, uint32_t i, uint32_t j, uint32_t before_block) const;

  const Prepared* p_;
  std::vector<BlockRule> rules_;
  BlockingOptions options_;
  std::vector<RuleIndex> index_;
  std::vector<Unit> units_;
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
