#include "app/estimate_store.h"

#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "app/places.h"
#include "stats/stop.h"

namespace recount::app {
namespace {

std::string PersonKey(const model::Record& r) {
  if (!r.cluster_id.empty()) return "c:" + r.cluster_id;
  if (!r.person_ref.empty()) return "p:" + r.person_ref;
  return "r:" + std::to_string(r.id);
}

}  // namespace

Result<StratifiedEstimate> EstimateStore(storage::Store& store, const std::string& by,
                                         const std::vector<stats::Method>& methods,
                                         const stats::MseOptions& options) {
  if (!by.empty() && by != "year" && by != "place" && by != "act" && by != "sex") {
    return InvalidArgument("cannot estimate by '" + by + "'; use year, place, act or sex");
  }
  ASSIGN_OR_RETURN(auto sources, store.ListSources());
  std::vector<std::string> lists;
  std::map<std::string, int> list_index;
  for (const model::Source& s : sources) {
    list_index[s.name] = static_cast<int>(lists.size());
    lists.push_back(s.name);
  }
  if (lists.size() < 3) {
    return FailedPrecondition("estimation needs at least 3 sources (lists); the store has " +
                              std::to_string(lists.size()) + ". Import more lists first.");
  }
  if (lists.size() > static_cast<size_t>(stats::kMaxLists)) {
    return FailedPrecondition("too many sources for estimation (" + std::to_string(lists.size()) +
                              "; at most " + std::to_string(stats::kMaxLists) + ")");
  }
  ASSIGN_OR_RETURN(std::shared_ptr<const PlaceIndex> places, LoadPlaceIndex());

  // stratum -> person -> capture mask
  std::map<std::string, std::map<std::string, uint32_t>> histories;
  int64_t linked = 0;
  RETURN_IF_ERROR(store.ScanRecords({}, [&](storage::StoredRecord&& sr) -> Status {
    const model::Record& r = sr.record;
    if (!r.cluster_id.empty() || !r.person_ref.empty()) ++linked;
    uint32_t bit = 1u << list_index.at(r.source);
    std::string person = PersonKey(r);
    if (by.empty()) {
      histories[""][person] |= bit;
    } else if (by == "sex") {
      histories[r.sex.empty() ? "unknown" : r.sex][person] |= bit;
    } else {
      for (const model::Act& a : r.acts) {
        std::string stratum;
        if (by == "year") {
          stratum = a.date.known() ? std::to_string(a.date.EarliestYear()) : "unknown";
        } else if (by == "act") {
          stratum = a.act_type;
        } else {
          stratum = a.place_id.empty() ? "unknown" : places->Province(a.place_id);
        }
        histories[stratum][person] |= bit;
      }
    }
    return Status();
  }));
  if (linked == 0) {
    return FailedPrecondition("no record is linked to a person yet, so the lists' overlap is "
                              "unknown; run 'recount link' first (or import a person_ref column)");
  }

  StratifiedEstimate out;
  out.by = by;
  std::map<stats::Method, std::vector<stats::Estimate>> by_method;
  for (const auto& [stratum, persons] : histories) {
    if (stats::StopRequested(options.stop)) return stats::EstimationStopped();
    std::vector<uint32_t> masks;
    masks.reserve(persons.size());
    for (const auto& [person, mask] : persons) masks.push_back(mask);
    std::string label = by.empty() ? "all" : stratum;
    if (by == "place" && stratum != "unknown") label = places->Label(stratum, "en");
    Result<stats::CaptureTable> table = stats::CaptureTable::FromHistories(lists, masks);
    if (!table.ok()) {
      out.notes.push_back(label + ": " + table.status().message());
      continue;
    }
    Result<EstimateReport> report = EstimateTable(*table, label, methods, options);
    if (stats::StopRequested(options.stop)) return stats::EstimationStopped();
    if (!report.ok()) {
      out.notes.push_back(label + ": " + report.status().message());
      continue;
    }
    for (const stats::Estimate& e : report->estimates) by_method[e.method].push_back(e);
    out.strata.push_back(label);
    out.keys.push_back(by.empty() ? "all" : stratum);
    out.reports.push_back(std::move(report).value());
  }
  if (!by.empty()) {
    for (auto& [method, estimates] : by_method) {
      Result<stats::Estimate> total = stats::SumOverStrata(estimates);
      if (total.ok()) {
        out.totals.push_back(std::move(total).value());
      } else {
        out.notes.push_back(std::string("total for ") + std::string(stats::MethodName(method)) +
                            ": " + total.status().message());
      }
    }
  }
  return out;
}

std::string FormatStratifiedEstimate(const StratifiedEstimate& e) {
  std::ostringstream os;
  for (size_t i = 0; i < e.reports.size(); ++i) {
    if (!e.by.empty()) os << "=== " << e.by << ": " << e.strata[i] << "\n";
    os << FormatEstimateReport(e.reports[i]) << "\n";
  }
  if (!e.by.empty()) {
    os << "=== total over " << e.strata.size() << " strata (summed draws, not summed bounds)\n";
    for (const stats::Estimate& t : e.totals) {
      os << "  " << stats::MethodName(t.method) << ": " << static_cast<int64_t>(t.point + 0.5)
         << "  95% " << static_cast<int64_t>(t.lower + 0.5) << " - "
         << static_cast<int64_t>(t.upper + 0.5) << "  (observed " << t.observed << ")\n";
    }
  }
  for (const std::string& n : e.notes) os << "note: " << n << "\n";
  return os.str();
}

std::string StratifiedEstimateJson(const StratifiedEstimate& e) {
  nlohmann::json j;
  j["by"] = e.by;
  nlohmann::json strata = nlohmann::json::array();
  for (size_t i = 0; i < e.reports.size(); ++i) {
    nlohmann::json s = nlohmann::json::parse(EstimateReportJson(e.reports[i]), nullptr, false);
    s["stratum"] = e.strata[i];
    strata.push_back(s);
  }
  j["strata"] = strata;
  nlohmann::json totals = nlohmann::json::array();
  for (const stats::Estimate& t : e.totals) {
    totals.push_back({{"method", std::string(stats::MethodName(t.method))},
                      {"estimate", t.point},
                      {"lower", t.lower},
                      {"upper", t.upper},
                      {"observed", t.observed}});
  }
  j["totals"] = totals;
  j["notes"] = e.notes;
  return j.dump();
}

}  // namespace recount::app
