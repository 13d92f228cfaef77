#include "linkage/block.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <numeric>
#include <unordered_map>

#include "linkage/parallel.h"

namespace recount::linkage {

namespace {

// Birth-year band: a record with a year range joins the block of every year in it (at most 6).
std::vector<std::string> YearKeys(const PartialDate& d, const std::string& prefix) {
  std::vector<std::string> keys;
  if (!d.known() || prefix.empty()) return keys;
  if (d.year_hi - d.year_lo > 5) return keys;
  for (int y = d.year_lo; y <= d.year_hi; ++y) keys.push_back(prefix + "/" + std::to_string(y));
  return keys;
}

// Sorts partial dates by year, month, day ("" when unknown sorts first).
std::string DateSortKey(const PartialDate& d) {
  if (!d.known()) return std::string();
  char buf[32];
  std::snprintf(buf, sizeof buf, "%+06d%02d%02d", d.year_lo, d.month, d.day);
  return buf;
}

// The surname and given-name text of record i (a full name when the names are not split).
std::string SurnameText(const Prepared& q, uint32_t i) {
  if (q.surname_field >= 0) return q.text[q.surname_field][i];
  if (q.given_field >= 0) return std::string();
  for (size_t f = q.fields.size(); f-- > 0;) {
    if (q.fields[f].kind == CompareKind::kName) return q.text[f][i];
  }
  return std::string();
}
std::string GivenText(const Prepared& q, uint32_t i) {
  return q.given_field >= 0 ? q.text[q.given_field][i] : std::string();
}

// Further keys of a record: its phonetic surname (first) or given-name (second) keys.
BlockRule::KeysFn NameKeys(bool surname) {
  return [surname](const Prepared& q, uint32_t i) {
    std::vector<std::string> k;
    for (const auto& nk : q.name_keys[i]) {
      const std::string& v = surname ? nk.first : nk.second;
      if (std::find(k.begin(), k.end(), v) == k.end()) k.push_back(v);
    }
    return k;
  };
}

}  // namespace

std::vector<BlockRule> DefaultRules(const Prepared& p, const BlockingOptions& options) {
  std::vector<BlockRule> rules;
  const bool has_date = p.date_field >= 0;
  const bool has_names = p.surname_field >= 0 || p.given_field >= 0 ||
                         std::any_of(p.fields.begin(), p.fields.end(),
                                     [](const FieldSpec& f) { return f.kind == CompareKind::kName; });
  // Fields behind the surname and given-name keys: the split field, else every name field (the
  // keys then come from a full name).
  std::vector<int> all_names;
  for (size_t f = 0; f < p.fields.size(); ++f) {
    if (p.fields[f].kind == CompareKind::kName) all_names.push_back(static_cast<int>(f));
  }
  const std::vector<int> sur_fields =
      p.surname_field >= 0 ? std::vector<int>{p.surname_field} : all_names;
  const std::vector<int> giv_fields =
      p.given_field >= 0 ? std::vector<int>{p.given_field} : all_names;
  auto with = [](std::vector<int> a, const std::vector<int>& b) {
    for (int f : b) {
      if (std::find(a.begin(), a.end(), f) == a.end()) a.push_back(f);
    }
    return a;
  };
  const std::vector<int> date_fields =
      has_date ? std::vector<int>{p.date_field} : std::vector<int>{};
  if (has_names && has_date) {
    // Blocks above max_block (a common surname in one birth year, in a large population) are
    // split by the other name's key, then ordered by the other name and the date.
    rules.push_back({"surname_key+birth_year",
                     [](const Prepared& q, uint32_t i) {
                       std::vector<std::string> k;
                       for (const auto& nk : q.name_keys[i]) {
                         for (auto& y : YearKeys(q.birth[i], nk.first)) k.push_back(std::move(y));
                       }
                       return k;
                     },
                     0, with(sur_fields, date_fields), {NameKeys(false)},
                     [](const Prepared& q, uint32_t i) {
                       return GivenText(q, i) + '\x1f' + DateSortKey(q.birth[i]) + '\x1f' +
                              SurnameText(q, i);
                     }});
    rules.push_back({"given_key+birth_year",
                     [](const Prepared& q, uint32_t i) {
                       std::vector<std::string> k;
                       for (const auto& nk : q.name_keys[i]) {
                         for (auto& y : YearKeys(q.birth[i], nk.second)) k.push_back(std::move(y));
                       }
                       return k;
                     },
                     0, with(giv_fields, date_fields), {NameKeys(true)},
                     [](const Prepared& q, uint32_t i) {
                       return SurnameText(q, i) + '\x1f' + DateSortKey(q.birth[i]) + '\x1f' +
                              GivenText(q, i);
                     }});
    // A frequent birth date: the records born on it in name order (this rule is there for pairs
    // whose names differ, so it is not split by a name key).
    rules.push_back({"birth_date",
                     [](const Prepared& q, uint32_t i) {
                       const PartialDate& d = q.birth[i];
                       std::vector<std::string> k;
                       if (d.exact_year() && d.month != 0 && d.day != 0) {
                         k.push_back(std::to_string(d.year_lo * 10000 + d.month * 100 + d.day));
                       }
                       return k;
                     },
                     0, date_fields, {},
                     [](const Prepared& q, uint32_t i) {
                       return SurnameText(q, i) + '\x1f' + GivenText(q, i);
                     }});
  }
  if (has_names) {
    // A frequent full name (Kim + a common given name): split by birth year, then by date order.
    std::vector<BlockRule::KeysFn> by_year;
    if (has_date) {
      by_year.push_back([](const Prepared& q, uint32_t i) { return YearKeys(q.birth[i], "y"); });
    }
    rules.push_back({"surname_key+given_key",
                     [](const Prepared& q, uint32_t i) {
                       std::vector<std::string> k;
                       for (const auto& nk : q.name_keys[i]) {
                         if (!nk.first.empty() && !nk.second.empty()) {
                           k.push_back(nk.first + "/" + nk.second);
                         }
                       }
                       return k;
                     },
                     0, with(sur_fields, giv_fields), by_year,
                     [](const Prepared& q, uint32_t i) {
                       return DateSortKey(q.birth[i]) + '\x1f' + GivenText(q, i) + '\x1f' +
                              SurnameText(q, i);
                     }});
    // Sorted neighbourhood on the name in both orders: catches errors in the phonetic keys.
    for (int order = 0; order < 2; ++order) {
      rules.push_back({order == 0 ? "sorted_surname_given" : "sorted_given_surname",
                       [order](const Prepared& q, uint32_t i) {
                         std::string s = q.surname_field >= 0 ? q.text[q.surname_field][i] : "";
                         std::string g = q.given_field >= 0 ? q.text[q.given_field][i] : "";
                         if (q.surname_field < 0 && q.given_field < 0) {
                           for (size_t f = 0; f < q.fields.size(); ++f) {
                             if (q.fields[f].kind == CompareKind::kName) s = q.text[f][i];
                           }
                         }
                         std::vector<std::string> k;
                         std::string key = order == 0 ? s + " " + g : g + " " + s;
                         if (key.size() > 1) k.push_back(std::move(key));
                         return k;
                       },
                       8, all_names});
    }
  }
  // Generic fields: equal values block together. A frequent value (a place many records share)
  // is split by birth year, then ordered by the other fields that are not names (sex, places,
  // years of acts), the date and the names: at scale its pairs are what the rule found in a
  // smaller population, records whose names the name rules miss.
  std::vector<BlockRule::KeysFn> generic_refine;
  if (has_date && options.split_generic) {
    generic_refine.push_back(
        [](const Prepared& q, uint32_t i) { return YearKeys(q.birth[i], "y"); });
  }
  for (size_t f = 0; f < p.fields.size(); ++f) {
    CompareKind k = p.fields[f].kind;
    if (k == CompareKind::kName || k == CompareKind::kDate) continue;
    if (p.fields[f].name == "sex" || k == CompareKind::kNumberSet) continue;
    std::function<std::string(const Prepared&, uint32_t)> order;
    if (options.split_generic) {
      order = [f](const Prepared& q, uint32_t i) {
        std::string key;
        for (size_t g = 0; g < q.fields.size(); ++g) {
          CompareKind gk = q.fields[g].kind;
          if (g == f || gk == CompareKind::kName || gk == CompareKind::kDate) continue;
          key += q.text[g][i];
          key += '\x1f';
        }
        return key + DateSortKey(q.birth.empty() ? PartialDate() : q.birth[i]) + '\x1f' +
               SurnameText(q, i) + '\x1f' + GivenText(q, i);
      };
    }
    rules.push_back({p.fields[f].name,
                     [f, k](const Prepared& q, uint32_t i) {
                       std::vector<std::string> keys;
                       if (k == CompareKind::kSet || k == CompareKind::kPlaceSet) {
                         ForEachVariant(q.text[f][i],
                                        [&](std::string_view v) { keys.emplace_back(v); });
                       } else if (!q.text[f][i].empty()) {
                         keys.push_back(q.text[f][i]);
                       }
                       return keys;
                     },
                     0, {static_cast<int>(f)}, generic_refine, order});
  }
  return rules;
}

namespace {

uint64_t PairsOf(uint64_t n) { return n * (n - 1) / 2; }

}  // namespace

Blocker::Blocker(const Prepared* p, std::vector<BlockRule> rules, BlockingOptions options,
                 int threads)
    : p_(p), rules_(std::move(rules)), options_(options) {
  index_.resize(rules_.size());
  // Each rule's index is built apart from the others'.
  ParallelFor(rules_.size(), threads, [this](int, size_t r) { BuildRule(r); });
  const uint64_t unit_pairs = std::max<uint64_t>(options_.unit_pairs, 1);
  for (size_t r = 0; r < rules_.size(); ++r) {
    // Work units: consecutive blocks (positions) of this rule up to about unit_pairs pairs
    // (counted before deduplication).
    const RuleIndex& ix = index_[r];
    const uint32_t w = static_cast<uint32_t>(options_.split_window);
    if (rules_[r].window > 0) {
      const uint32_t per = static_cast<uint32_t>(
          std::max<uint64_t>(1, unit_pairs / static_cast<uint64_t>(rules_[r].window)));
      for (uint32_t a = 0; a < ix.order.size(); a += per) {
        units_.push_back({static_cast<uint32_t>(r), a,
                          std::min<uint32_t>(a + per, static_cast<uint32_t>(ix.order.size()))});
      }
      continue;
    }
    const uint32_t blocks = static_cast<uint32_t>(ix.block_start.size() - 1);
    uint64_t acc = 0;
    uint32_t begin = 0;
    for (uint32_t blk = 0; blk < blocks; ++blk) {
      const uint64_t size = ix.block_start[blk + 1] - ix.block_start[blk];
      acc += ix.windowed[blk] ? size * (w - 1) : PairsOf(size);
      if (acc >= unit_pairs || blk + 1 == blocks) {
        units_.push_back({static_cast<uint32_t>(r), begin, blk + 1});
        begin = blk + 1;
        acc = 0;
      }
    }
  }
}

void Blocker::AddBlock(RuleIndex& ix, const std::vector<uint32_t>& members, bool windowed) {
  ix.members.insert(ix.members.end(), members.begin(), members.end());
  ix.block_start.push_back(static_cast<uint32_t>(ix.members.size()));
  ix.windowed.push_back(windowed ? 1 : 0);
}

// `members` (sorted, distinct) share a key of rule r (and the further keys before `level`) and
// are more than max_block: split them by the rule's further key `level`, or order them.
void Blocker::SplitBlock(size_t r, std::vector<uint32_t> members, size_t level) {
  RuleIndex& ix = index_[r];
  const BlockRule& rule = rules_[r];
  if (level < rule.refine.size()) {
    std::vector<std::pair<uint64_t, uint32_t>> entries;
    for (uint32_t i : members) {
      std::vector<std::string> keys = rule.refine[level](*p_, i);
      if (keys.empty()) keys.emplace_back();  // no further key: with the others that have none
      std::sort(keys.begin(), keys.end());
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
      for (const auto& k : keys) entries.emplace_back(std::hash<std::string>{}(k), i);
    }
    std::sort(entries.begin(), entries.end());
    entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
    std::vector<uint32_t> part;
    for (size_t a = 0; a < entries.size();) {
      size_t b = a;
      part.clear();
      while (b < entries.size() && entries[b].first == entries[a].first) {
        part.push_back(entries[b++].second);
      }
      if (part.size() > options_.max_block) {
        SplitBlock(r, part, level + 1);
      } else if (part.size() >= 2) {
        AddBlock(ix, part, false);
        ix.stats.dropped_pairs -= std::min(ix.stats.dropped_pairs, PairsOf(part.size()));
      }
      a = b;
    }
    return;
  }
  // Still too large after every further key: a sorted neighbourhood inside the part, or skipped
  // when the rule gives no order.
  if (!rule.sort_key) {
    ix.stats.skipped_records += members.size();
    return;
  }
  std::vector<std::pair<std::string, uint32_t>> keyed;
  keyed.reserve(members.size());
  for (uint32_t i : members) keyed.emplace_back(rule.sort_key(*p_, i), i);
  std::sort(keyed.begin(), keyed.end());
  for (size_t k = 0; k < keyed.size(); ++k) members[k] = keyed[k].second;
  AddBlock(ix, members, true);
  ++ix.stats.window_parts;
  const uint64_t w = options_.split_window;
  const uint64_t n = members.size();
  const uint64_t pairs = n * (w - 1) - PairsOf(w);  // n > max_block >= w
  ix.stats.dropped_pairs -= std::min(ix.stats.dropped_pairs, pairs);
}

void Blocker::BuildRule(size_t r) {
  const Prepared* p = p_;
  const uint32_t n = static_cast<uint32_t>(p->size());
  RuleIndex& ix = index_[r];
  ix.stats.name = rules_[r].name;
  if (rules_[r].window > 0) {
    std::vector<std::pair<std::string, uint32_t>> keyed;
    for (uint32_t i = 0; i < n; ++i) {
      auto keys = rules_[r].keys(*p, i);
      if (!keys.empty()) keyed.emplace_back(std::move(keys[0]), i);
    }
    std::sort(keyed.begin(), keyed.end());
    ix.position.assign(n, UINT32_MAX);
    for (uint32_t k = 0; k < keyed.size(); ++k) {
      ix.order.push_back(keyed[k].second);
      ix.position[keyed[k].second] = k;
    }
    ix.stats.blocks = ix.order.size();
    return;
  }
  // A split needs a window of at least 2 that fits in a kept block, and the rule's sort order.
  const bool can_split = options_.split_window >= 2 &&
                         options_.split_window <= options_.max_block &&
                         (rules_[r].sort_key || !rules_[r].refine.empty());
  // Hash keys to 64 bits; a collision only adds a few candidate pairs.
  std::vector<std::pair<uint64_t, uint32_t>> entries;
  for (uint32_t i = 0; i < n; ++i) {
    auto keys = rules_[r].keys(*p, i);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    for (const auto& k : keys) entries.emplace_back(std::hash<std::string>{}(k), i);
  }
  std::sort(entries.begin(), entries.end());
  // The same record twice under one hash (a collision of its own keys) counts once.
  entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
  ix.block_start.push_back(0);
  std::vector<uint32_t> block;
  for (size_t a = 0; a < entries.size();) {
    size_t b = a;
    block.clear();
    while (b < entries.size() && entries[b].first == entries[a].first) {
      block.push_back(entries[b++].second);
    }
    if (block.size() > options_.max_block) {
      ix.stats.oversized_pairs += PairsOf(block.size());
      if (can_split) {
        ++ix.stats.split_blocks;
        ix.stats.dropped_pairs += PairsOf(block.size());
        SplitBlock(r, block, 0);
      } else {
        ++ix.stats.skipped_blocks;
        ix.stats.skipped_records += block.size();
        ix.stats.dropped_pairs += PairsOf(block.size());
      }
    } else if (block.size() >= 2) {
      AddBlock(ix, block, false);
    }
    a = b;
  }
  ix.stats.blocks = ix.block_start.size() - 1;
  // Per record, its blocks in increasing id and its position in each (CSR).
  ix.rec_block_start.assign(n + 1, 0);
  for (uint32_t m : ix.members) ++ix.rec_block_start[m + 1];
  for (uint32_t i = 0; i < n; ++i) ix.rec_block_start[i + 1] += ix.rec_block_start[i];
  ix.rec_blocks.resize(ix.members.size());
  ix.rec_pos.resize(ix.members.size());
  std::vector<uint32_t> fill(ix.rec_block_start.begin(), ix.rec_block_start.end() - 1);
  for (uint32_t blk = 0; blk + 1 < ix.block_start.size(); ++blk) {
    for (uint32_t k = ix.block_start[blk]; k < ix.block_start[blk + 1]; ++k) {
      const uint32_t m = ix.members[k];
      ix.rec_blocks[fill[m]] = blk;
      ix.rec_pos[fill[m]] = k - ix.block_start[blk];
      ++fill[m];
    }
  }
}

bool Blocker::CoveredBy(size_t r, uint32_t i, uint32_t j, uint32_t before_block) const {
  const RuleIndex& ix = index_[r];
  if (rules_[r].window > 0) {
    uint32_t pi = ix.position[i], pj = ix.position[j];
    if (pi == UINT32_MAX || pj == UINT32_MAX) return false;
    uint32_t d = pi > pj ? pi - pj : pj - pi;
    return d < static_cast<uint32_t>(rules_[r].window);
  }
  uint32_t a = ix.rec_block_start[i];
  const uint32_t ae = ix.rec_block_start[i + 1];
  uint32_t b = ix.rec_block_start[j];
  const uint32_t be = ix.rec_block_start[j + 1];
  const uint32_t* blocks = ix.rec_blocks.data();
  while (a != ae && b != be) {
    const uint32_t ba = blocks[a], bb = blocks[b];
    if (ba >= before_block || bb >= before_block) return false;
    if (ba == bb) {
      if (!ix.windowed[ba]) return true;
      const uint32_t pa = ix.rec_pos[a], pb = ix.rec_pos[b];
      if ((pa > pb ? pa - pb : pb - pa) < options_.split_window) return true;
      ++a;
      ++b;
    } else if (ba < bb) {
      ++a;
    } else {
      ++b;
    }
  }
  return false;
}

uint64_t Blocker::ForEachPairIn(size_t u,
                                const std::function<void(uint32_t, uint32_t)>& visit) const {
  const Unit& unit = units_[u];
  const size_t r = unit.rule;
  const RuleIndex& ix = index_[r];
  const std::vector<int>& source = p_->source;
  uint64_t added = 0;
  auto emit = [&](uint32_t i, uint32_t j, uint32_t block) {
    if (i == j) return;
    if (options_.link_only && source[i] == source[j]) return;
    for (size_t e = 0; e < r; ++e) {
      if (CoveredBy(e, i, j, UINT32_MAX)) return;
    }
    if (rules_[r].window == 0 && CoveredBy(r, i, j, block)) return;
    if (i < j) {
      visit(i, j);
    } else {
      visit(j, i);
    }
    ++added;
  };
  if (rules_[r].window > 0) {
    const uint32_t w = static_cast<uint32_t>(rules_[r].window);
    const uint32_t end = static_cast<uint32_t>(ix.order.size());
    for (uint32_t a = unit.begin; a < unit.end; ++a) {
      for (uint32_t b = a + 1; b < end && b < a + w; ++b) emit(ix.order[a], ix.order[b], 0);
    }
    return added;
  }
  const uint32_t w = static_cast<uint32_t>(options_.split_window);
  for (uint32_t blk = unit.begin; blk < unit.end; ++blk) {
    const uint32_t end = ix.block_start[blk + 1];
    const bool windowed = ix.windowed[blk] != 0;
    for (uint32_t a = ix.block_start[blk]; a < end; ++a) {
      const uint32_t last = windowed ? std::min(end, a + w) : end;
      for (uint32_t b = a + 1; b < last; ++b) emit(ix.members[a], ix.members[b], blk);
    }
  }
  return added;
}

std::vector<RuleStats> Blocker::Stats() const {
  std::vector<RuleStats> out;
  for (const RuleIndex& ix : index_) out.push_back(ix.stats);
  return out;
}

void Blocker::ForEachPair(const std::function<void(uint32_t, uint32_t)>& visit,
                          std::vector<RuleStats>* stats) const {
  if (stats != nullptr) *stats = Stats();
  for (size_t u = 0; u < units_.size(); ++u) {
    const uint64_t added = ForEachPairIn(u, visit);
    if (stats != nullptr) (*stats)[units_[u].rule].new_pairs += added;
  }
}

bool Blocker::Covers(uint32_t i, uint32_t j) const {
  if (i == j) return false;
  if (options_.link_only && p_->source[i] == p_->source[j]) return false;
  for (size_t r = 0; r < rules_.size(); ++r) {
    if (CoveredBy(r, i, j, UINT32_MAX)) return true;
  }
  return false;
}

BlockingRecall MeasureBlocking(const Blocker& blocker, const std::vector<std::string>& truth,
                               const std::vector<int>& source, bool link_only) {
  BlockingRecall out;
  std::unordered_map<std::string, std::vector<uint32_t>> groups;
  for (uint32_t i = 0; i < truth.size(); ++i) {
    if (!truth[i].empty()) groups[truth[i]].push_back(i);
  }
  for (const auto& [key, members] : groups) {
    for (size_t a = 0; a < members.size(); ++a) {
      for (size_t b = a + 1; b < members.size(); ++b) {
        if (link_only && source[members[a]] == source[members[b]]) continue;
        ++out.true_pairs;
        out.kept_true_pairs += blocker.Covers(members[a], members[b]);
      }
    }
  }
  blocker.ForEachPair([&](uint32_t, uint32_t) { ++out.candidate_pairs; });
  return out;
}

}  // namespace recount::linkage
