#include "app/linkage_uncertainty.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <numeric>
#include <sstream>
#include <unordered_map>

#include "linkage/union_find.h"

namespace recount::app {
namespace {

// SplitMix64 (Steele, Lea & Flood 2014): a small, well-mixed generator, seeded per draw.
class SplitMix {
 public:
  explicit SplitMix(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

 private:
  uint64_t state_;
};

using linkage::UnionFind;

double Quantile(const std::vector<double>& sorted, double q) {
  if (sorted.empty()) return 0;
  double pos = q * static_cast<double>(sorted.size() - 1);
  size_t lo = static_cast<size_t>(pos);
  size_t hi = std::min(lo + 1, sorted.size() - 1);
  return sorted[lo] + (pos - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

}  // namespace

Result<LinkageUncertaintyReport> EstimateWithLinkageUncertainty(
    storage::Store& store, const std::vector<stats::Method>& methods,
    const stats::MseOptions& options, const LinkageUncertaintyOptions& lu) {
  if (lu.draws < 2 || lu.draws > 10000) {
    return InvalidArgument("--draws must be between 2 and 10000 (got " + std::to_string(lu.draws) +
                           ")");
  }
  ASSIGN_OR_RETURN(std::vector<int64_t> runs, store.LinkRunIds());
  if (runs.empty()) {
    return FailedPrecondition(
        "--linkage-uncertainty draws linkages from the scored pairs of "
        "'recount link'; run it first");
  }
  ASSIGN_OR_RETURN(auto sources, store.ListSources());
  std::vector<std::string> lists;
  std::map<std::string, int> list_index;
  for (const model::Source& s : sources) {
    list_index[s.name] = static_cast<int>(lists.size());
    lists.push_back(s.name);
  }
  if (lists.size() < 3 || lists.size() > static_cast<size_t>(stats::kMaxLists)) {
    return FailedPrecondition("estimation needs 3 to " + std::to_string(stats::kMaxLists) +
                              " sources (lists); the store has " + std::to_string(lists.size()));
  }
  // Records, their lists and their stored persons.
  std::vector<uint32_t> bit;
  std::unordered_map<model::RowId, uint32_t> index_of;
  std::map<std::string, uint32_t> stored_person;
  std::vector<uint32_t> person_of;
  RETURN_IF_ERROR(store.ScanRecords({}, [&](storage::StoredRecord&& sr) -> Status {
    const model::Record& r = sr.record;
    index_of[r.id] = static_cast<uint32_t>(bit.size());
    bit.push_back(1u << list_index.at(r.source));
    std::string key = r.cluster_id.empty() ? "r" + std::to_string(r.id) : "c" + r.cluster_id;
    person_of.push_back(stored_person.emplace(key, stored_person.size()).first->second);
    return Status();
  }));
  const size_t n = bit.size();
  LinkageUncertaintyReport out;
  out.draws = lu.draws;
  out.stored_persons = static_cast<int64_t>(stored_person.size());

  // The estimate on the stored linkage.
  {
    std::vector<uint32_t> masks(stored_person.size(), 0);
    for (size_t i = 0; i < n; ++i) masks[person_of[i]] |= bit[i];
    ASSIGN_OR_RETURN(stats::CaptureTable table, stats::CaptureTable::FromHistories(lists, masks));
    ASSIGN_OR_RETURN(out.stored, EstimateTable(table, "stored linkage", methods, options));
  }

  // Pairs and decisions.
  struct Pair {
    uint32_t i, j;
    double p;
  };
  std::vector<Pair> pairs;
  ASSIGN_OR_RETURN(std::vector<storage::LinkPair> stored_pairs, store.LatestLinkPairs());
  ASSIGN_OR_RETURN(auto history, store.ListReviewDecisions());
  auto standing = storage::StandingDecisions(history);
  std::vector<std::pair<uint32_t, uint32_t>> accepted, rejected;
  for (const auto& [ab, d] : standing) {
    auto a = index_of.find(ab.first), b = index_of.find(ab.second);
    if (a == index_of.end() || b == index_of.end()) continue;
    (d.verdict == storage::ReviewVerdict::kAccept ? accepted : rejected)
        .emplace_back(a->second, b->second);
  }
  for (const storage::LinkPair& lp : stored_pairs) {
    if (standing.count(std::minmax(lp.a, lp.b))) continue;
    auto a = index_of.find(lp.a), b = index_of.find(lp.b);
    if (a == index_of.end() || b == index_of.end()) continue;
    pairs.push_back({a->second, b->second, lp.probability});
  }
  out.pairs = pairs.size();
  out.accepted = accepted.size();
  out.rejected = rejected.size();

  std::map<stats::Method, std::vector<double>> pooled;
  std::map<stats::Method, int> draws_ok;
  for (int d = 0; d < lu.draws; ++d) {
    SplitMix rng(lu.seed * 0x100000001B3ull + static_cast<uint64_t>(d) + 1);
    UnionFind uf(n);
    auto joins_rejected = [&](uint32_t a, uint32_t b) {
      uint32_t ra = uf.Find(a), rb = uf.Find(b);
      if (ra == rb) return false;
      for (const auto& [x, y] : rejected) {
        uint32_t rx = uf.Find(x), ry = uf.Find(y);
        if ((rx == ra && ry == rb) || (rx == rb && ry == ra)) return true;
      }
      return false;
    };
    for (const auto& [a, b] : accepted) {
      if (!joins_rejected(a, b)) uf.Union(a, b);
    }
    for (const Pair& p : pairs) {
      if (rng.Uniform() >= p.p) continue;
      if (rejected.empty() || !joins_rejected(p.i, p.j)) uf.Union(p.i, p.j);
    }
    std::unordered_map<uint32_t, uint32_t> mask_of_root;
    for (uint32_t i = 0; i < n; ++i) mask_of_root[uf.Find(i)] |= bit[i];
    std::vector<uint32_t> masks;
    masks.reserve(mask_of_root.size());
    for (const auto& [root, mask] : mask_of_root) masks.push_back(mask);
    out.persons_per_draw.push_back(static_cast<int64_t>(masks.size()));
    Result<stats::CaptureTable> table = stats::CaptureTable::FromHistories(lists, masks);
    if (!table.ok()) {
      out.notes.push_back("linkage draw " + std::to_string(d + 1) + ": " +
                          table.status().message());
      continue;
    }
    stats::MseOptions o = options;
    o.seed = options.seed + static_cast<uint64_t>(d) + 1;
    Result<EstimateReport> rep =
        EstimateTable(*table, "linkage draw " + std::to_string(d + 1), methods, o);
    if (!rep.ok()) {
      out.notes.push_back("linkage draw " + std::to_string(d + 1) + ": " + rep.status().message());
      continue;
    }
    for (const stats::Estimate& e : rep->estimates) {
      if (!e.ok || e.draws.empty()) continue;
      pooled[e.method].insert(pooled[e.method].end(), e.draws.begin(), e.draws.end());
      ++draws_ok[e.method];
    }
  }
  for (const stats::Estimate& base : out.stored.estimates) {
    auto it = pooled.find(base.method);
    if (it == pooled.end() || it->second.empty()) {
      out.notes.push_back(std::string(stats::MethodName(base.method)) +
                          ": no posterior or bootstrap draws to pool (enable --bootstrap for "
                          "log-linear), so linkage uncertainty is not shown for it");
      continue;
    }
    std::vector<double>& v = it->second;
    std::sort(v.begin(), v.end());
    stats::Estimate e;
    e.method = base.method;
    e.ok = true;
    e.observed = base.observed;
    e.point = Quantile(v, 0.5);
    e.lower = Quantile(v, 0.025);
    e.upper = Quantile(v, 0.975);
    e.point_kind = "median of pooled draws";
    e.interval_kind =
        "95% of pooled draws over " + std::to_string(draws_ok[base.method]) + " linkages";
    double base_width = base.upper - base.lower;
    out.widening.push_back(base.ok && base_width > 0 ? (e.upper - e.lower) / base_width : 0);
    out.pooled.push_back(std::move(e));
  }
  return out;
}

std::string FormatLinkageUncertainty(const LinkageUncertaintyReport& r) {
  std::ostringstream os;
  std::vector<int64_t> persons = r.persons_per_draw;
  std::sort(persons.begin(), persons.end());
  os << "Linkage uncertainty: " << r.draws << " linkages drawn from " << r.pairs
     << " scored pairs (each linked with its match probability; " << r.accepted << " accepted and "
     << r.rejected << " rejected pairs fixed).\n";
  if (!persons.empty()) {
    os << "Persons per drawn linkage: median " << persons[persons.size() / 2] << " (range "
       << persons.front() << " - " << persons.back() << "); stored linkage: " << r.stored_persons
       << ".\n";
  }
  os << "\n"
     << std::left << std::setw(12) << "method" << std::right << std::setw(10) << "estimate"
     << std::setw(22) << "95% with linkage" << std::setw(10) << "stored" << std::setw(22)
     << "95% stored linkage" << std::setw(10) << "wider"
     << "\n";
  for (size_t k = 0; k < r.pooled.size(); ++k) {
    const stats::Estimate& e = r.pooled[k];
    const stats::Estimate* base = nullptr;
    for (const stats::Estimate& b : r.stored.estimates) {
      if (b.method == e.method) base = &b;
    }
    auto rng = [](double lo, double hi) {
      return std::to_string(static_cast<int64_t>(std::llround(lo))) + " - " +
             std::to_string(static_cast<int64_t>(std::llround(hi)));
    };
    os << std::left << std::setw(12) << stats::MethodName(e.method) << std::right << std::setw(10)
       << std::llround(e.point) << std::setw(22) << rng(e.lower, e.upper);
    if (base) {
      os << std::setw(10) << std::llround(base->point) << std::setw(22)
         << rng(base->lower, base->upper);
    }
    std::ostringstream w;
    w << "x" << std::fixed << std::setprecision(2) << r.widening[k];
    os << std::setw(10) << (r.widening[k] > 0 ? w.str() : "-") << "\n";
  }
  os << "(wider: interval width with linkage uncertainty / width from the stored linkage; "
        "docs/linkage.md#linkage-uncertainty)\n";
  for (const std::string& n : r.notes) os << "note: " << n << "\n";
  return os.str();
}

std::string LinkageUncertaintyJson(const LinkageUncertaintyReport& r) {
  nlohmann::json pooled = nlohmann::json::array();
  for (size_t k = 0; k < r.pooled.size(); ++k) {
    const stats::Estimate& e = r.pooled[k];
    nlohmann::json j = {{"method", std::string(stats::MethodName(e.method))},
                        {"estimate", e.point},
                        {"lower", e.lower},
                        {"upper", e.upper},
                        {"widening", r.widening[k]}};
    for (const stats::Estimate& b : r.stored.estimates) {
      if (b.method == e.method) {
        j["stored"] = {{"estimate", b.point}, {"lower", b.lower}, {"upper", b.upper}};
      }
    }
    pooled.push_back(j);
  }
  return nlohmann::json{{"draws", r.draws},
                        {"pairs", r.pairs},
                        {"accepted", r.accepted},
                        {"rejected", r.rejected},
                        {"stored_persons", r.stored_persons},
                        {"persons_per_draw", r.persons_per_draw},
                        {"estimates", pooled},
                        {"notes", r.notes}}
      .dump();
}

}  // namespace recount::app
