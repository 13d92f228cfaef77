#include "report/dashboard_model.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <nlohmann/json.hpp>

namespace recount::report {
namespace {

using nlohmann::json;

// JSON has no NaN or infinity: such values (a diagnostic that does not apply) become null.
json Number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json LabelJson(const Label& l) {
  return {{"en", l.en.empty() ? l.ko : l.en}, {"ko", l.ko.empty() ? l.en : l.ko}};
}

json Count(int64_t v) { return v < 0 ? json(nullptr) : json(v); }

// The same fields, names and values as `recount estimate --json` gives for one method
// (app/estimate_table.cc), so a reader can check one against the other.
json EstimateJson(const stats::Estimate& e) {
  json x;
  x["method"] = std::string(stats::MethodName(e.method));
  x["ok"] = e.ok;
  x["observed"] = e.observed;
  if (!e.ok) {
    x["error"] = e.error;
    return x;
  }
  x["estimate"] = Number(e.point);
  x["lower"] = Number(e.lower);
  x["upper"] = e.upper_unbounded ? json(nullptr) : Number(e.upper);
  x["upper_unbounded"] = e.upper_unbounded;
  x["unobserved"] = Number(e.unobserved());
  x["estimate_kind"] = e.point_kind;
  x["interval_kind"] = e.interval_kind;
  json models = json::array();
  for (const auto& m : e.models) {
    models.push_back(
        {{"model", m.name}, {"score", Number(m.score)}, {"estimate", Number(m.estimate)}});
  }
  x["models"] = models;
  json d = json::object();
  for (const auto& diag : e.diagnostics) d[diag.name] = Number(diag.value);
  x["diagnostics"] = d;
  x["warnings"] = e.warnings;
  return x;
}

json EstimatesJson(const std::vector<stats::Estimate>& estimates) {
  json a = json::array();
  for (const stats::Estimate& e : estimates) a.push_back(EstimateJson(e));
  return a;
}

json StratumJson(const StratumResult& s) {
  return {{"key", s.key},
          {"label", LabelJson(s.label)},
          {"documented_persons", s.documented_persons},
          {"documented_records", Count(s.documented_records)},
          {"documented_acts", Count(s.documented_acts)},
          {"estimates", EstimatesJson(s.estimates)},
          {"warnings", s.warnings}};
}

json OverlapJson(const OverlapInput& o) {
  size_t k = o.lists.size();
  std::vector<stats::PatternCount> sorted;
  for (const auto& p : o.patterns) {
    if (p.count > 0) sorted.push_back(p);
  }
  // UpSet order: largest intersections first; ties by fewer lists, then by mask, so the order
  // is the same on every run.
  std::sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) {
    if (a.count != b.count) return a.count > b.count;
    int pa = std::popcount(a.mask), pb = std::popcount(b.mask);
    if (pa != pb) return pa < pb;
    return a.mask < b.mask;
  });
  json patterns = json::array();
  int64_t observed = 0;
  for (const auto& p : sorted) {
    json members = json::array();
    for (size_t j = 0; j < k; ++j) {
      if (p.mask & (1u << j)) members.push_back(j);
    }
    patterns.push_back({{"lists", members}, {"count", p.count}});
    observed += p.count;
  }
  std::vector<int64_t> sizes = SetSizes(k, o.patterns);
  std::vector<std::vector<int64_t>> pairs = PairOverlaps(k, o.patterns);
  json lists = json::array();
  for (size_t j = 0; j < k; ++j) {
    json l = {{"name", o.lists[j]}, {"persons", sizes[j]}};
    l["records"] = j < o.records_per_list.size() ? json(o.records_per_list[j]) : json(nullptr);
    // Persons no other list recorded: the list's own share of the total.
    int64_t only = 0;
    for (const auto& p : o.patterns) {
      if (p.mask == (1u << j)) only += p.count;
    }
    l["only_this_list"] = only;
    lists.push_back(l);
  }
  json pair_rows = json::array();
  for (size_t a = 0; a < k; ++a) {
    for (size_t b = a + 1; b < k; ++b) {
      pair_rows.push_back({{"a", a}, {"b", b}, {"persons", pairs[a][b]}});
    }
  }
  return {{"lists", lists}, {"observed", observed}, {"patterns", patterns}, {"pairs", pair_rows}};
}

json LinkageJson(const LinkageInput& l) {
  return {{"runs", l.runs},
          {"run_id", l.run_id},
          {"records", l.records},
          {"persons", l.persons},
          {"linked_records", l.linked_records},
          {"pairs_scored", l.pairs_scored},
          {"review_band", {{"low", l.band_low}, {"high", l.band_high}}},
          {"pairs_in_band", l.pairs_in_band},
          {"pairs_pending_review", l.pairs_pending},
          {"decisions", l.decisions},
          {"standing_accepted", l.standing_accepted},
          {"standing_rejected", l.standing_rejected},
          {"probability_histogram", l.probability_histogram}};
}

json AuditJson(const AuditInput& a) {
  json j = {{"verified", a.verified},
            {"entries", a.entries},
            {"latest_checkpoint",
             {{"size", a.checkpoint_size},
              {"created_at", a.checkpoint_created_at},
              {"note", a.checkpoint_note}}}};
  if (a.verified) {
    j["ok"] = a.ok;
    j["records_checked"] = a.records_checked;
    j["checkpoints_verified"] = a.checkpoints_verified;
    j["signed_size"] = a.signed_size;
    j["unsigned_entries"] = a.entries > a.signed_size ? a.entries - a.signed_size : 0;
    j["root_sha256_hex"] = a.root_hex;
    j["log_key"] = a.log_key_source;
    j["problems"] = a.problems;
  } else {
    j["ok"] = nullptr;
  }
  return j;
}

}  // namespace

std::vector<int64_t> SetSizes(size_t lists, const std::vector<stats::PatternCount>& patterns) {
  std::vector<int64_t> sizes(lists, 0);
  for (const auto& p : patterns) {
    for (size_t j = 0; j < lists; ++j) {
      if (p.mask & (1u << j)) sizes[j] += p.count;
    }
  }
  return sizes;
}

std::vector<std::vector<int64_t>> PairOverlaps(size_t lists,
                                               const std::vector<stats::PatternCount>& patterns) {
  std::vector<std::vector<int64_t>> m(lists, std::vector<int64_t>(lists, 0));
  for (const auto& p : patterns) {
    for (size_t a = 0; a < lists; ++a) {
      if (!(p.mask & (1u << a))) continue;
      for (size_t b = 0; b < lists; ++b) {
        if (p.mask & (1u << b)) m[a][b] += p.count;
      }
    }
  }
  return m;
}

std::string DashboardModelJson(const DashboardInput& in) {
  json j;
  j["schema"] = kDashboardSchema;
  j["generated_at"] = in.generated_at;
  j["store"] = in.store;
  j["recount_version"] = in.recount_version;
  json settings = json::object();
  for (const auto& [name, value] : in.settings) settings[name] = value;
  j["settings"] = settings;
  j["overall"] = StratumJson(in.overall);
  json breakdowns = json::object();
  json order = json::array();
  for (const Breakdown& b : in.breakdowns) {
    order.push_back(b.by);
    json strata = json::array();
    for (const StratumResult& s : b.strata) strata.push_back(StratumJson(s));
    breakdowns[b.by] = {
        {"strata", strata}, {"totals", EstimatesJson(b.totals)}, {"notes", b.notes}};
  }
  j["by"] = breakdowns;
  j["by_order"] = order;  // JSON objects have no order; the dashboard shows them in this one
  j["overlap"] = OverlapJson(in.overlap);
  j["linkage"] = in.linkage ? LinkageJson(*in.linkage) : json(nullptr);
  j["audit"] = in.audit ? AuditJson(*in.audit) : json(nullptr);
  // Invalid UTF-8 from the data is replaced rather than failing the whole report.
  return j.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace recount::report
