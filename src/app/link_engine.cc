#include "app/link_engine.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "linkage/compare.h"
#include "linkage/korean_normalize.h"
#include "linkage/union_find.h"

namespace recount::app {
namespace {

uint64_t PairKey(uint32_t i, uint32_t j) {
  if (i > j) std::swap(i, j);
  return (static_cast<uint64_t>(i) << 32) | j;
}

std::string ModelJson(const linkage::Model& m, size_t records) {
  nlohmann::json fields = nlohmann::json::array();
  for (const linkage::FieldModel& f : m.fields) {
    std::vector<double> mm(f.m.begin(), f.m.begin() + f.levels);
    std::vector<double> uu(f.u.begin(), f.u.begin() + f.levels);
    fields.push_back({{"name", f.name}, {"levels", f.levels}, {"m", mm}, {"u", uu}});
  }
  nlohmann::json j{{"version", 1}, {"lambda", m.lambda}, {"records", records}, {"fields", fields}};
  // The share of matches among pairs inside one list (several lists only; absent otherwise and
  // in models saved before it was kept).
  if (m.lambda_same_list >= 0) j["lambda_same_list"] = m.lambda_same_list;
  // The error-count term (absent in models saved before it existed: plain Fellegi-Sunter).
  j["error_beta"] = std::vector<double>(m.error_beta.begin(), m.error_beta.end());
  return j.dump();
}

// The stored model on the structure of `p`; nullopt (with the reason) when it does not fit.
std::optional<linkage::Model> ModelFromJson(const std::string& text, const linkage::Prepared& p,
                                            bool tf_adjust, std::string* why) {
  nlohmann::json j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_object() || j.value("version", 0) != 1 || !j.contains("fields") ||
      !j["fields"].is_array()) {
    *why = "the saved model is unreadable";
    return std::nullopt;
  }
  linkage::Model m = linkage::InitialModel(p, {}, {});
  m.tf_adjust = tf_adjust;
  if (j["fields"].size() != m.fields.size()) {
    *why = "the records now have other fields than when the model was estimated";
    return std::nullopt;
  }
  try {
    for (size_t f = 0; f < m.fields.size(); ++f) {
      const auto& jf = j["fields"][f];
      linkage::FieldModel& fm = m.fields[f];
      if (jf.at("name").get<std::string>() != fm.name || jf.at("levels").get<int>() != fm.levels) {
        *why = "field " + fm.name + " changed since the model was estimated";
        return std::nullopt;
      }
      auto mm = jf.at("m").get<std::vector<double>>();
      auto uu = jf.at("u").get<std::vector<double>>();
      if (mm.size() != static_cast<size_t>(fm.levels) || uu.size() != mm.size()) {
        *why = "the saved model is damaged";
        return std::nullopt;
      }
      for (int l = 0; l < fm.levels; ++l) {
        fm.m[l] = mm[l];
        fm.u[l] = uu[l];
      }
    }
    // Matches grow with the number of records n, all pairs with n^2: the share of matches among
    // all pairs scales as 1/n.
    double old_n = j.at("records").get<double>();
    double lambda = j.at("lambda").get<double>();
    double same = j.value("lambda_same_list", -1.0);
    if (old_n > 0 && p.size() > 0) {
      lambda *= old_n / static_cast<double>(p.size());
      if (same >= 0) same *= old_n / static_cast<double>(p.size());
    }
    m.lambda = std::clamp(lambda, 1e-12, 0.5);
    // Without it pairs inside one list would be scored with the across-lists share, far larger
    // (organisations rarely record one victim twice), and an incremental run would link them.
    if (same >= 0) m.lambda_same_list = std::clamp(same, 1e-12, 0.5);
    if (j.contains("error_beta")) {
      auto beta = j.at("error_beta").get<std::vector<double>>();
      if (beta.size() != m.error_beta.size()) {
        *why = "the saved model is damaged";
        return std::nullopt;
      }
      std::copy(beta.begin(), beta.end(), m.error_beta.begin());
    }
  } catch (const nlohmann::json::exception&) {
    *why = "the saved model is damaged";
    return std::nullopt;
  }
  m.UpdateWeights();
  return m;
}

using linkage::UnionFind;

void Renumber(std::vector<uint32_t>* cluster_of, uint32_t* clusters) {
  std::unordered_map<uint32_t, uint32_t> ids;
  for (uint32_t& c : *cluster_of) {
    auto [it, inserted] = ids.emplace(c, static_cast<uint32_t>(ids.size()));
    c = it->second;
  }
  *clusters = static_cast<uint32_t>(ids.size());
}

LinkEngineOutput Full(const LinkEngineInput& in, const linkage::LinkOptions& options,
                      const std::vector<std::unique_ptr<linkage::NameStage>>& stages) {
  LinkEngineOutput out;
  // Every candidate pair above the floor comes from the scoring pass itself, plus the links the
  // clustering scored on demand.
  linkage::LinkOptions keep = options;
  keep.keep_floor = kKeepPairFloor;
  linkage::LinkResult r = linkage::RunLinkage(in.records, in.schema, stages, keep);
  out.cluster_of = r.clustering.cluster_of;
  out.clusters = r.clustering.clusters;
  out.candidate_pairs = r.candidate_pairs;
  out.pairs = std::move(r.kept_pairs);
  std::unordered_set<uint64_t> seen;
  seen.reserve(out.pairs.size());
  for (const linkage::Link& l : out.pairs) seen.insert(PairKey(l.i, l.j));
  for (const linkage::Link& l : r.clustering.links) {
    if (!seen.count(PairKey(l.i, l.j))) out.pairs.push_back(l);
  }
  out.model_json = ModelJson(r.model, in.records.size());
  return out;
}

}  // namespace

LinkEngineOutput RunLinkEngine(const LinkEngineInput& in, const linkage::LinkOptions& options) {
  std::vector<std::unique_ptr<linkage::NameStage>> stages;
  stages.push_back(linkage::MakeKoreanNameStage());
  const size_t n = in.records.size();
  size_t new_records = 0;
  for (const std::string& c : in.previous_cluster) new_records += c.empty();

  LinkEngineOutput out;
  std::string why_full;
  std::optional<linkage::Model> model;
  linkage::Prepared p;
  if (in.full) {
    why_full = "--full";
  } else if (!in.previous_model || new_records == n) {
    why_full = "first linkage of this store";
  } else {
    p = linkage::Prepare(in.records, in.schema, stages);
    model = ModelFromJson(*in.previous_model, p, options.tf_adjust, &why_full);
  }
  if (!model) {
    out = Full(in, options, stages);
    out.mode_note = "full linkage (" + why_full + ")";
    out.new_records = new_records;
    out.reclustered_records = n;
  } else {
    out.incremental = true;
    out.new_records = new_records;
    out.model_json = *in.previous_model;
    std::vector<char> is_new(n);
    for (size_t i = 0; i < n; ++i) is_new[i] = in.previous_cluster[i].empty();
    // Old clusters as groups.
    std::vector<uint32_t> old_group(n);
    {
      std::unordered_map<std::string, uint32_t> id;
      for (uint32_t i = 0; i < n; ++i) {
        if (is_new[i]) {
          old_group[i] = i;
        } else {
          old_group[i] = id.emplace(in.previous_cluster[i], i).first->second;
        }
      }
    }
    // Carried-over pairs (between old records), then new pairs.
    std::unordered_map<uint64_t, float> prob_of;
    for (const linkage::Link& l : in.previous_pairs) {
      if (l.i < n && l.j < n && !is_new[l.i] && !is_new[l.j]) {
        out.pairs.push_back(l);
        prob_of[PairKey(l.i, l.j)] = l.probability;
      }
    }
    linkage::Comparer comparer(&p);
    auto score = [&](uint32_t i, uint32_t j) {
      linkage::Levels lv{};
      comparer.Compare(i, j, &lv);
      return model->Probability(model->Weight(lv, &p, i, j));
    };
    if (new_records > 0) {
      linkage::Blocker blocker(&p, linkage::DefaultRules(p, options.blocking), options.blocking);
      blocker.ForEachPair([&](uint32_t i, uint32_t j) {
        if (!is_new[i] && !is_new[j]) return;
        ++out.candidate_pairs;
        double prob = score(i, j);
        if (prob >= kKeepPairFloor) {
          out.pairs.push_back({i, j, static_cast<float>(prob)});
          prob_of[PairKey(i, j)] = static_cast<float>(prob);
        }
      });
    }
    // Components over old clusters + new links that hold a new record are re-clustered.
    const double thr = options.cluster.threshold;
    UnionFind uf(n);
    for (uint32_t i = 0; i < n; ++i) uf.Union(i, old_group[i]);
    for (const linkage::Link& l : out.pairs) {
      if (l.probability >= thr && (is_new[l.i] || is_new[l.j])) uf.Union(l.i, l.j);
    }
    std::vector<char> root_has_new(n, 0);
    for (uint32_t i = 0; i < n; ++i) {
      if (is_new[i]) root_has_new[uf.Find(i)] = 1;
    }
    std::vector<uint32_t> local(n, UINT32_MAX), members;
    for (uint32_t i = 0; i < n; ++i) {
      if (root_has_new[uf.Find(i)]) {
        local[i] = static_cast<uint32_t>(members.size());
        members.push_back(i);
      }
    }
    out.cluster_of = old_group;
    if (!members.empty()) {
      std::vector<linkage::Link> sub_links;
      for (const linkage::Link& l : out.pairs) {
        if (l.probability >= thr && local[l.i] != UINT32_MAX && local[l.j] != UINT32_MAX) {
          sub_links.push_back({local[l.i], local[l.j], l.probability});
        }
      }
      std::vector<int> source(members.size());
      for (size_t k = 0; k < members.size(); ++k) source[k] = p.source[members[k]];
      auto pair_probability = [&](uint32_t a, uint32_t b) -> double {
        auto it = prob_of.find(PairKey(members[a], members[b]));
        if (it != prob_of.end()) return it->second;
        return score(members[a], members[b]);
      };
      linkage::ClusterOptions cluster_options = options.cluster;
      cluster_options.prior_log_odds = std::log(model->lambda / (1 - model->lambda));
      linkage::Clustering sub =
          linkage::Cluster(members.size(), sub_links, source, pair_probability, cluster_options);
      // Sub-cluster ids placed after every record index, so they never collide with old groups.
      for (size_t k = 0; k < members.size(); ++k) {
        out.cluster_of[members[k]] = static_cast<uint32_t>(n) + sub.cluster_of[k];
      }
    }
    out.reclustered_records = members.size();
    Renumber(&out.cluster_of, &out.clusters);
    out.mode_note = "incremental: " + std::to_string(new_records) +
                    " new records scored against "
                    "all; " +
                    std::to_string(members.size()) + " records re-clustered, the other " +
                    std::to_string(n - members.size()) +
                    " kept their clusters (--full redoes "
                    "everything)";
  }
  // Reviewed decisions.
  std::vector<linkage::Link> links;
  for (const linkage::Link& l : out.pairs) {
    if (l.probability >= options.cluster.threshold) links.push_back(l);
  }
  out.links = links.size();
  if (!in.accepted.empty() || !in.rejected.empty()) {
    linkage::ConstrainedClustering c =
        linkage::ApplyPairConstraints(out.cluster_of, links, in.accepted, in.rejected);
    out.cluster_of = std::move(c.cluster_of);
    out.clusters = c.clusters;
    out.decisions = c.stats;
  }
  std::sort(out.pairs.begin(), out.pairs.end(), [](const linkage::Link& a, const linkage::Link& b) {
    return std::minmax(a.i, a.j) < std::minmax(b.i, b.j);
  });
  return out;
}

}  // namespace recount::app
