#include "linkage/block.h"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <unordered_map>

namespace recount::linkage {

namespace {

std::string YearKey(const PartialDate& d) {
  return d.exact_year() ? std::to_string(d.year_lo) : std::string();
}

}  // namespace

std::vector<BlockRule> DefaultRules(const Prepared& p) {
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
    // Birth-year band: a record with a year range joins the block of every year in it (at most 6).
    auto year_keys = [](const PartialDate& d, const std::string& prefix) {
      std::vector<std::string> keys;
      if (!d.known() || prefix.empty()) return keys;
      if (d.year_hi - d.year_lo > 5) return keys;
      for (int y = d.year_lo; y <= d.year_hi; ++y) keys.push_back(prefix + "/" + std::to_string(y));
      return keys;
    };
    rules.push_back({"surname_key+birth_year",
                     [year_keys](const Prepared& q, uint32_t i) {
                       std::vector<std::string> k;
                       for (const auto& nk : q.name_keys[i]) {
                         for (auto& y : year_keys(q.birth[i], nk.first)) k.push_back(std::move(y));
                       }
                       return k;
                     },
                     0, with(sur_fields, date_fields)});
    rules.push_back({"given_key+birth_year",
                     [year_keys](const Prepared& q, uint32_t i) {
                       std::vector<std::string> k;
                       for (const auto& nk : q.name_keys[i]) {
                         for (auto& y : year_keys(q.birth[i], nk.second)) k.push_back(std::move(y));
                       }
                       return k;
                     },
                     0, with(giv_fields, date_fields)});
    rules.push_back({"birth_date", [](const Prepared& q, uint32_t i) {
                       const PartialDate& d = q.birth[i];
                       std::vector<std::string> k;
                       if (d.exact_year() && d.month != 0 && d.day != 0) {
                         k.push_back(std::to_string(d.year_lo * 10000 + d.month * 100 + d.day));
                       }
                       return k;
                     },
                     0, date_fields});
    (void)YearKey;
  }
  if (has_names) {
    rules.push_back({"surname_key+given_key", [](const Prepared& q, uint32_t i) {
                       std::vector<std::string> k;
                       for (const auto& nk : q.name_keys[i]) {
                         if (!nk.first.empty() && !nk.second.empty()) {
                           k.push_back(nk.first + "/" + nk.second);
                         }
                       }
                       return k;
                     },
                     0, with(sur_fields, giv_fields)});
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
  // Generic fields: equal values block together (frequent values exceed max_block and are
  // skipped, so a "state" column costs nothing).
  for (size_t f = 0; f < p.fields.size(); ++f) {
    CompareKind k = p.fields[f].kind;
    if (k == CompareKind::kName || k == CompareKind::kDate) continue;
    if (p.fields[f].name == "sex" || k == CompareKind::kNumberSet) continue;
    rules.push_back({p.fields[f].name, [f, k](const Prepared& q, uint32_t i) {
                       std::vector<std::string> keys;
                       if (k == CompareKind::kSet || k == CompareKind::kPlaceSet) {
                         ForEachVariant(q.text[f][i],
                                        [&](std::string_view v) { keys.emplace_back(v); });
                       } else if (!q.text[f][i].empty()) {
                         keys.push_back(q.text[f][i]);
                       }
                       return keys;
                     },
                     0, {static_cast<int>(f)}});
  }
  return rules;
}

Blocker::Blocker(const Prepared* p, std::vector<BlockRule> rules, BlockingOptions options)
    : p_(p), rules_(std::move(rules)), options_(options) {
  const uint32_t n = static_cast<uint32_t>(p->size());
  index_.resize(rules_.size());
  for (size_t r = 0; r < rules_.size(); ++r) {
    RuleIndex& ix = index_[r];
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
      continue;
    }
    // Hash keys to 64 bits; a collision only adds a few candidate pairs.
    std::vector<std::pair<uint64_t, uint32_t>> entries;
    for (uint32_t i = 0; i < n; ++i) {
      auto keys = rules_[r].keys(*p, i);
      std::sort(keys.begin(), keys.end());
      keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
      for (const auto& k : keys) entries.emplace_back(std::hash<std::string>{}(k), i);
    }
    std::sort(entries.begin(), entries.end());
    std::vector<std::vector<uint32_t>> rec_blocks(n);
    ix.block_start.push_back(0);
    for (size_t a = 0; a < entries.size();) {
      size_t b = a;
      while (b < entries.size() && entries[b].first == entries[a].first) ++b;
      size_t count = b - a;
      if (count > options_.max_block) {
        ++ix.skipped_blocks;
        ix.skipped_records += count;
      } else if (count >= 2) {
        uint32_t id = static_cast<uint32_t>(ix.block_start.size() - 1);
        for (size_t e = a; e < b; ++e) {
          if (!ix.members.empty() && ix.members.size() > ix.block_start.back() &&
              ix.members.back() == entries[e].second) {
            continue;  // same record twice under one hash (collision of its own keys)
          }
          ix.members.push_back(entries[e].second);
          rec_blocks[entries[e].second].push_back(id);
        }
        ix.block_start.push_back(static_cast<uint32_t>(ix.members.size()));
      }
      a = b;
    }
    ix.rec_block_start.assign(n + 1, 0);
    for (uint32_t i = 0; i < n; ++i) {
      ix.rec_block_start[i + 1] = ix.rec_block_start[i] + static_cast<uint32_t>(rec_blocks[i].size());
      ix.rec_blocks.insert(ix.rec_blocks.end(), rec_blocks[i].begin(), rec_blocks[i].end());
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
  const uint32_t* a = ix.rec_blocks.data() + ix.rec_block_start[i];
  const uint32_t* ae = ix.rec_blocks.data() + ix.rec_block_start[i + 1];
  const uint32_t* b = ix.rec_blocks.data() + ix.rec_block_start[j];
  const uint32_t* be = ix.rec_blocks.data() + ix.rec_block_start[j + 1];
  while (a != ae && b != be) {
    if (*a >= before_block || *b >= before_block) return false;
    if (*a == *b) return true;
    if (*a < *b) {
      ++a;
    } else {
      ++b;
    }
  }
  return false;
}

void Blocker::ForEachPair(const std::function<void(uint32_t, uint32_t)>& visit,
                          std::vector<RuleStats>* stats) const {
  if (stats != nullptr) stats->assign(rules_.size(), {});
  const std::vector<int>& source = p_->source;
  auto emit = [&](size_t r, uint32_t i, uint32_t j, uint32_t block) -> bool {
    if (i == j) return false;
    if (options_.link_only && source[i] == source[j]) return false;
    for (size_t e = 0; e < r; ++e) {
      if (CoveredBy(e, i, j, UINT32_MAX)) return false;
    }
    if (rules_[r].window == 0 && CoveredBy(r, i, j, block)) return false;
    if (i < j) {
      visit(i, j);
    } else {
      visit(j, i);
    }
    return true;
  };
  for (size_t r = 0; r < rules_.size(); ++r) {
    const RuleIndex& ix = index_[r];
    uint64_t added = 0;
    size_t blocks = 0;
    if (rules_[r].window > 0) {
      const uint32_t w = static_cast<uint32_t>(rules_[r].window);
      for (uint32_t a = 0; a < ix.order.size(); ++a) {
        for (uint32_t b = a + 1; b < ix.order.size() && b < a + w; ++b) {
          added += emit(r, ix.order[a], ix.order[b], 0);
        }
      }
      blocks = ix.order.size();
    } else {
      blocks = ix.block_start.size() - 1;
      for (uint32_t blk = 0; blk + 1 < ix.block_start.size(); ++blk) {
        for (uint32_t a = ix.block_start[blk]; a < ix.block_start[blk + 1]; ++a) {
          for (uint32_t b = a + 1; b < ix.block_start[blk + 1]; ++b) {
            added += emit(r, ix.members[a], ix.members[b], blk);
          }
        }
      }
    }
    if (stats != nullptr) {
      (*stats)[r] = {rules_[r].name, blocks, ix.skipped_blocks, ix.skipped_records, added};
    }
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
