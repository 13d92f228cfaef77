#include "linkage/linker.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <memory>
#include <random>
#include <unordered_map>

#include "linkage/compare.h"
#include "linkage/parallel.h"

namespace recount::linkage {

namespace {

// Splink's way of estimating m without labels: EM on the pairs of one blocking rule at a time,
// with the fields that rule blocks on left out (its pairs agree on them by construction, so their
// m and u would mean "same block", not "same person"); each field's m is the average over the
// rules that did estimate it. Fields no rule estimates keep their starting m. Fixed m are kept.
// `rule_counts[r]` holds the patterns of every pair rule r covers (with its fields left out) and
// `rule_pairs[r]` their number, counted during the first pass over the candidates (a pair is
// compared once, however many rules cover it).
void TrainPerRule(const std::vector<PatternCounts>& rule_counts,
                  const std::vector<uint64_t>& rule_pairs,
                  const std::vector<std::vector<bool>>& left_out, int nf,
                  const LinkOptions& options, Model* model) {
  std::vector<std::array<double, kMaxLevels>> sum(nf);
  std::vector<int> rules_of(nf, 0);
  for (auto& a : sum) a.fill(0);
  for (size_t r = 0; r < rule_counts.size(); ++r) {
    if (rule_pairs[r] < 10) continue;
    Model m = *model;
    FitEm(rule_counts[r], nf, &m, options.em_max_iterations);
    for (int f = 0; f < nf; ++f) {
      if (left_out[r][f] || m.fields[f].fixed_m) continue;
      for (int l = 1; l < m.fields[f].levels; ++l) sum[f][l] += m.fields[f].m[l];
      ++rules_of[f];
    }
  }
  for (int f = 0; f < nf; ++f) {
    if (rules_of[f] == 0) continue;
    FieldModel& fm = model->fields[f];
    for (int l = 1; l < fm.levels; ++l) fm.m[l] = sum[f][l] / rules_of[f];
  }
  model->UpdateWeights();
}

// Patterns past this many recorded pairs (1 GiB of 4-byte indices) are not recorded: the scoring
// pass compares those pairs again.
constexpr uint64_t kMaxCachedPairs = uint64_t{1} << 28;

// One worker's share of the first pass: its pattern counts (overall and per rule) and the distinct
// patterns it met, which the units it ran index into.
struct PassOneWorker {
  PatternCounts counts;
  std::vector<PatternCounts> rule_counts;
  std::vector<uint64_t> rule_pairs;
  std::unordered_map<uint64_t, uint32_t> id;
  std::vector<Levels> levels;
};

// One work unit's output of the first pass: its pairs' patterns in visiting order (indices into
// its worker's `levels`), unless the cache was full.
struct PassOneUnit {
  std::vector<uint32_t> patterns;
  int worker = -1;
  bool cached = false;
  uint64_t pairs = 0;
};

// Sums the workers' counts into one map filled in increasing key order, so that its iteration
// order (and the floating-point sums EM makes over it) does not depend on the number of threads.
PatternCounts MergeCounts(const std::vector<const PatternCounts*>& parts) {
  std::vector<std::pair<uint64_t, uint64_t>> all;
  for (const PatternCounts* part : parts) all.insert(all.end(), part->begin(), part->end());
  std::sort(all.begin(), all.end());
  size_t distinct = 0;
  for (size_t k = 0; k < all.size(); ++k) {
    if (distinct > 0 && all[distinct - 1].first == all[k].first) {
      all[distinct - 1].second += all[k].second;
    } else {
      all[distinct++] = all[k];
    }
  }
  all.resize(distinct);
  // The same size and the same insertions whatever the number of parts: the same bucket layout.
  PatternCounts merged;
  merged.reserve(distinct);
  for (const auto& [key, count] : all) merged.emplace(key, count);
  return merged;
}

}  // namespace

LinkResult RunLinkage(const std::vector<Record>& records, const Schema& schema,
                       const std::vector<std::unique_ptr<NameStage>>& stages,
                       const LinkOptions& options) {
  LinkResult out;
  out.prepared = Prepare(records, schema, stages);
  const Prepared& p = out.prepared;
  const uint32_t n = static_cast<uint32_t>(p.size());
  Comparer comparer(&p);
  const int nf = comparer.nfields();
  const int threads = WorkerCount(options.threads);
  Blocker blocker(&p, DefaultRules(p, options.blocking), options.blocking, threads);

  // Random pairs: the starting u.
  PatternCounts random_counts;
  if (n >= 2) {
    std::mt19937_64 rng(options.seed);
    std::uniform_int_distribution<uint32_t> pick(0, n - 1);
    Levels lv{};
    size_t drawn = 0, tries = 0;
    while (drawn < options.random_pairs && tries < options.random_pairs * 4) {
      ++tries;
      uint32_t i = pick(rng), j = pick(rng);
      if (i == j) continue;
      if (options.blocking.link_only && p.source[i] == p.source[j]) continue;
      comparer.Compare(i, j, &lv);
      ++random_counts[PatternKey(lv, nf)];
      ++drawn;
    }
  }

  // Pass 1: pattern counts of candidate pairs. The top bit of a key marks pairs inside one list
  // (EM reads only the field bits; the lambda step below uses the mark).
  constexpr uint64_t kSameList = uint64_t{1} << 63;
  // With per-rule EM, the same pass counts each rule's patterns (the rule's fields left out) for
  // every rule that covers the pair (TrainPerRule).
  PatternCounts counts;
  const std::vector<BlockRule>& rules = blocker.rules();
  std::vector<PatternCounts> rule_counts(options.em_per_rule ? rules.size() : 0);
  std::vector<uint64_t> rule_pairs(rule_counts.size(), 0);
  std::vector<std::vector<bool>> left_out(rules.size(), std::vector<bool>(nf, false));
  for (size_t r = 0; r < rules.size(); ++r) {
    for (int f : rules[r].fields) {
      if (f >= 0 && f < nf) left_out[r][f] = true;
    }
  }
  // Each pair's pattern is also recorded, per work unit in the order the blocker visits its
  // pairs, as an index into its worker's distinct patterns (4 bytes a pair): the scoring pass
  // reads it back instead of comparing the pair again. Past kMaxCachedPairs the scoring pass
  // compares again. Units run on `threads` workers; counts are sums, merged in key order.
  const size_t units = blocker.units();
  std::vector<PassOneWorker> workers(static_cast<size_t>(threads));
  for (PassOneWorker& w : workers) {
    w.rule_counts.resize(rule_counts.size());
    w.rule_pairs.assign(rule_counts.size(), 0);
  }
  std::vector<PassOneUnit> unit_out(units);
  std::atomic<uint64_t> cached_pairs{0};
  ParallelFor(units, threads, [&](int worker, size_t u) {
    PassOneWorker& w = workers[static_cast<size_t>(worker)];
    PassOneUnit& uo = unit_out[u];
    uo.worker = worker;
    Levels lv{};
    // The unit's rule covers its pairs, and the blocker only visits a pair no earlier rule
    // covers: only the later rules need checking.
    const size_t rule = blocker.unit_rule(u);
    uo.pairs = blocker.ForEachPairIn(u, [&](uint32_t i, uint32_t j) {
      comparer.Compare(i, j, &lv);
      const uint64_t key = PatternKey(lv, nf);
      ++w.counts[key | (p.source[i] == p.source[j] ? kSameList : 0)];
      auto [it, inserted] = w.id.try_emplace(key, static_cast<uint32_t>(w.levels.size()));
      if (inserted) w.levels.push_back(lv);
      uo.patterns.push_back(it->second);
      for (size_t r = rule; r < w.rule_counts.size(); ++r) {
        if (r != rule && !blocker.RuleCovers(r, i, j)) continue;
        uint64_t rkey = 0;
        for (int f = 0; f < nf; ++f) {
          if (!left_out[r][f]) rkey |= uint64_t{lv[f]} << (kLevelBits * f);
        }
        ++w.rule_counts[r][rkey];
        ++w.rule_pairs[r];
      }
    });
    const uint64_t size = uo.patterns.size();
    if (cached_pairs.fetch_add(size) + size <= kMaxCachedPairs) {
      uo.cached = true;
      uo.patterns.shrink_to_fit();
    } else {
      uo.patterns = std::vector<uint32_t>();
    }
  });
  out.rule_stats = blocker.Stats();
  for (size_t u = 0; u < units; ++u) {
    out.candidate_pairs += unit_out[u].pairs;
    out.rule_stats[blocker.unit_rule(u)].new_pairs += unit_out[u].pairs;
  }
  {
    std::vector<const PatternCounts*> parts;
    for (const PassOneWorker& w : workers) parts.push_back(&w.counts);
    counts = MergeCounts(parts);
    for (PassOneWorker& w : workers) w.counts = PatternCounts();
    for (size_t r = 0; r < rule_counts.size(); ++r) {
      parts.clear();
      for (const PassOneWorker& w : workers) {
        parts.push_back(&w.rule_counts[r]);
        rule_pairs[r] += w.rule_pairs[r];
      }
      rule_counts[r] = MergeCounts(parts);
    }
    for (PassOneWorker& w : workers) w.rule_counts.clear();
  }
  // Pairs inside one list and across lists.
  double same_pairs = 0, cross_pairs = 0;
  {
    std::unordered_map<int, double> per_source;
    for (int s : p.source) ++per_source[s];
    for (const auto& [s, c] : per_source) same_pairs += c * (c - 1) / 2;
    cross_pairs = static_cast<double>(n) * (n - 1) / 2 - same_pairs;
  }
  const bool several_lists = cross_pairs > 0 && same_pairs > 0 && !options.blocking.link_only;
  out.distinct_patterns = counts.size();
  out.model = InitialModel(p, random_counts, options.fixed);
  out.model.tf_adjust = options.tf_adjust;
  Model initial = out.model;
  if (options.em_per_rule) {
    TrainPerRule(rule_counts, rule_pairs, left_out, nf, options, &out.model);
    rule_counts.clear();
    // m is now fixed; EM on all candidates estimates the share of matches among them (and the
    // candidates' own u, discarded below).
    for (auto& f : out.model.fields) f.fixed_m = true;
  }
  FitEm(counts, nf, &out.model, options.em_max_iterations);
  for (size_t f = 0; f < out.model.fields.size(); ++f) {
    out.model.fields[f].fixed_m = initial.fields[f].fixed_m;
  }
  // Score with population parameters (docs/linkage.md#scoring): m from EM on the candidates, u
  // from random pairs, and the prior rescaled from "matches among candidates" to "matches among
  // all pairs". Scores then do not depend on which blocking rules produced a pair.
  for (size_t f = 0; f < out.model.fields.size(); ++f) {
    if (!out.model.fields[f].fixed_u) out.model.fields[f].u = initial.fields[f].u;
  }
  if (!out.model.fixed_lambda && out.candidate_pairs > 0) {
    // In link mode only pairs across lists count.
    double all_pairs = options.blocking.link_only ? cross_pairs : same_pairs + cross_pairs;
    all_pairs = std::max(all_pairs, 1.0);
    double matches = out.model.lambda * static_cast<double>(out.candidate_pairs);
    out.model.lambda = std::clamp(matches / all_pairs, 1e-12, 0.5);
    if (options.em_per_rule) {
      // With m and the population u fixed, the share of matches among all pairs is the fixed
      // point of lambda = (expected matches among the candidates) / (all pairs): pairs no rule
      // proposes are taken as non-matches (EM for the mixing weight alone).
      out.model.UpdateWeights();
      // With several lists the shares inside one list (duplicates a list holds) and across
      // lists (the same person in two lists) are estimated separately: organisations rarely
      // record one victim twice, and the data say how rarely.
      // The model's error-count term (score.h) is estimated in the same EM: how many fields
      // records of one person disagree on is a property of the matches as a whole.
      std::vector<PatternStratum> strata(several_lists ? 2 : 1);  // [1] inside one list
      strata[0].pairs = several_lists ? std::max(cross_pairs, 1.0) : all_pairs;
      if (several_lists) strata[1].pairs = std::max(same_pairs, 1.0);
      for (const auto& [key, c] : counts) {
        Levels lv{};
        for (int f = 0; f < nf; ++f) lv[f] = static_cast<uint8_t>(PatternLevel(key, f));
        const int s = several_lists && (key & kSameList) ? 1 : 0;
        strata[s].patterns.emplace_back(lv, static_cast<double>(c));
      }
      const std::vector<double> lambda =
          FitSharesAndErrors(strata, options.error_dependence, &out.model);
      out.model.lambda = lambda[0];
      if (several_lists) out.model.lambda_same_list = lambda[1];
    }
  }
  out.model.UpdateWeights();

  // Pass 2: score and keep the links at or above the threshold, unit by unit on the workers;
  // the units' links are joined in unit order.
  std::vector<Link> links;
  {
    const double thr = options.cluster.threshold;
    struct PassTwoUnit {
      std::vector<Link> links, kept;
    };
    std::vector<PassTwoUnit> scored(units);
    ParallelFor(units, threads, [&](int, size_t u) {
      PassOneUnit& uo = unit_out[u];
      PassTwoUnit& so = scored[u];
      const std::vector<Levels>& levels = workers[static_cast<size_t>(uo.worker)].levels;
      Levels lv{};
      uint64_t k = 0;
      blocker.ForEachPairIn(u, [&](uint32_t i, uint32_t j) {
        if (uo.cached) {
          lv = levels[uo.patterns[k++]];
        } else {
          comparer.Compare(i, j, &lv);
        }
        double prob = out.model.Probability(out.model.Weight(lv, &p, i, j));
        if (prob >= thr) so.links.push_back(Link{i, j, static_cast<float>(prob)});
        if (options.keep_floor >= 0 && prob >= options.keep_floor) {
          so.kept.push_back(Link{i, j, static_cast<float>(prob)});
        }
      });
      uo.patterns = std::vector<uint32_t>();
    });
    size_t nl = 0, nk = 0;
    for (const PassTwoUnit& so : scored) {
      nl += so.links.size();
      nk += so.kept.size();
    }
    links.reserve(nl);
    out.kept_pairs.reserve(nk);
    for (PassTwoUnit& so : scored) {
      links.insert(links.end(), so.links.begin(), so.links.end());
      out.kept_pairs.insert(out.kept_pairs.end(), so.kept.begin(), so.kept.end());
      so = PassTwoUnit();
    }
  }
  unit_out.clear();
  workers.clear();
  auto pair_probability = [&](uint32_t i, uint32_t j) {
    Levels lv{};
    comparer.Compare(i, j, &lv);
    return out.model.Probability(out.model.Weight(lv, &p, i, j));
  };
  ClusterOptions cluster_options = options.cluster;
  cluster_options.prior_log_odds = std::log(out.model.lambda / (1 - out.model.lambda));
  out.clustering = Cluster(n, links, p.source, pair_probability, cluster_options);
  return out;
}

}  // namespace recount::linkage
