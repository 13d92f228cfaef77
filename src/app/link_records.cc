#include "app/link_records.h"

#include <algorithm>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <unordered_map>

#include "app/link_engine.h"

namespace recount::app {
namespace {

linkage::PartialDate ToLinkageDate(const PartialDate& d) {
  if (!d.known()) return {};
  if (d.precision() == DatePrecision::kDay) {
    return linkage::PartialDate::Ymd(d.start().year, d.start().month, d.start().day);
  }
  linkage::PartialDate out{d.EarliestYear(), d.LatestYear(), 0, 0};
  if (d.precision() == DatePrecision::kMonth) out.month = d.start().month;
  return out;
}

}  // namespace

Result<LinkSummary> LinkRecords(storage::Store& store, const linkage::LinkOptions& options,
                                IdentityReader& identities, bool full) {
  if (identities.locked()) {
    return FailedPrecondition("linkage compares names, so it needs the identity vault unlocked "
                              "(set RECOUNT_VAULT_PASSPHRASE or RECOUNT_VAULT_KEY_FILE, or type "
                              "the passphrase at a terminal)");
  }
  ASSIGN_OR_RETURN(auto sources, store.ListSources());
  std::map<std::string, int> source_index;
  LinkSummary summary;
  for (const model::Source& s : sources) {
    source_index[s.name] = static_cast<int>(summary.sources.size());
    summary.sources.push_back(s.name);
  }
  LinkEngineInput in;
  std::vector<linkage::Record>& records = in.records;
  std::vector<model::RowId> row_ids;
  linkage::Schema& schema = in.schema;
  in.full = full;
  schema.other.push_back({"act_years", linkage::FieldKind::kNumberSet});
  schema.other.push_back({"act_places", linkage::FieldKind::kPlaceSet});
  RETURN_IF_ERROR(store.ScanRecords({}, [&](storage::StoredRecord&& sr) -> Status {
    ASSIGN_OR_RETURN(std::optional<model::Identity> read, identities.Read(sr));
    const model::Identity id = read ? std::move(*read) : model::Identity();
    const model::Record& r = sr.record;
    linkage::Record lr;
    lr.id = std::to_string(r.id);
    lr.source = source_index.at(r.source);
    if (!id.full_name.empty()) lr.full_names.push_back(id.full_name);
    for (const std::string& v : id.name_variants) lr.full_names.push_back(v);
    if (id.full_name.empty() && (!id.surname.empty() || !id.given_name.empty())) {
      lr.full_names.push_back(id.surname + " " + id.given_name);
    }
    // Names are compared as full names: lists differ in whether they split surname and given
    // name, and a Korean name's order is surname first.
    if (r.sex == "female") lr.sex = "f";
    if (r.sex == "male") lr.sex = "m";
    lr.birth = ToLinkageDate(r.birth);
    if (!r.origin_place_id.empty()) {
      lr.places.push_back(r.origin_place_id);
    } else if (!r.origin_text.empty()) {
      lr.places.push_back(r.origin_text);
    }
    // The years and places (gazetteer ids, resolved from any script at import) of all the
    // record's acts, compared as sets: lists recording the same victim usually share some of
    // them, though each records a different part of her story (docs/linkage.md#comparison).
    std::set<int> years;
    std::set<std::string> places;
    for (const model::Act& a : r.acts) {
      if (a.date.known() && a.date.LatestYear() - a.date.EarliestYear() <= 3) {
        for (int y = a.date.EarliestYear(); y <= a.date.LatestYear(); ++y) years.insert(y);
      }
      if (!a.place_id.empty()) places.insert(a.place_id);
    }
    std::string year_set, place_set;
    for (int y : years) year_set += (year_set.empty() ? "" : "|") + std::to_string(y);
    for (const std::string& pl : places) place_set += (place_set.empty() ? "" : "|") + pl;
    lr.other.push_back(year_set);
    lr.other.push_back(place_set);
    schema.has_full_name |= !lr.full_names.empty();
    schema.has_surname |= !lr.surnames.empty();
    schema.has_given |= !lr.given_names.empty();
    schema.has_sex |= !lr.sex.empty();
    schema.has_birth |= lr.birth.known();
    schema.has_place |= !lr.places.empty();
    records.push_back(std::move(lr));
    row_ids.push_back(r.id);
    in.previous_cluster.push_back(r.cluster_id);
    return Status();
  }));
  if (records.empty()) return FailedPrecondition("the store has no records to link; import first");

  // What the previous run left (docs/linkage.md#incremental-linking) and the reviewers' decisions
  // (#review-queue), as record indices.
  std::unordered_map<model::RowId, uint32_t> index_of;
  for (size_t i = 0; i < row_ids.size(); ++i) index_of[row_ids[i]] = static_cast<uint32_t>(i);
  ASSIGN_OR_RETURN(std::vector<storage::LinkPair> previous, store.LatestLinkPairs());
  for (const storage::LinkPair& lp : previous) {
    auto a = index_of.find(lp.a), b = index_of.find(lp.b);
    if (a == index_of.end() || b == index_of.end()) continue;
    in.previous_pairs.push_back({a->second, b->second, static_cast<float>(lp.probability)});
  }
  ASSIGN_OR_RETURN(in.previous_model, store.GetSetting(kLinkModelSetting));
  ASSIGN_OR_RETURN(std::vector<storage::ReviewDecision> history, store.ListReviewDecisions());
  for (const auto& [pair, d] : storage::StandingDecisions(history)) {
    auto a = index_of.find(pair.first), b = index_of.find(pair.second);
    if (a == index_of.end() || b == index_of.end()) continue;
    (d.verdict == storage::ReviewVerdict::kAccept ? in.accepted : in.rejected)
        .emplace_back(a->second, b->second);
  }
  LinkEngineOutput result = RunLinkEngine(in, options);

  // Cluster ids from the smallest record id in each cluster: stable across runs.
  std::vector<model::RowId> min_row(result.clusters, 0);
  for (size_t i = 0; i < records.size(); ++i) {
    model::RowId& m = min_row[result.cluster_of[i]];
    if (m == 0 || row_ids[i] < m) m = row_ids[i];
  }
  storage::LinkageRun run;
  run.description = "recount link: " + std::to_string(records.size()) + " records, " +
                    (result.incremental ? "incremental" : "full");
  for (size_t i = 0; i < records.size(); ++i) {
    run.clusters.emplace_back(row_ids[i], "P" + std::to_string(min_row[result.cluster_of[i]]));
  }
  for (const linkage::Link& l : result.pairs) {
    model::RowId a = row_ids[l.i], b = row_ids[l.j];
    run.pairs.push_back({std::min(a, b), std::max(a, b), l.probability});
  }
  ASSIGN_OR_RETURN(summary.run_id, store.SaveLinkage(run));
  RETURN_IF_ERROR(store.PutSetting(kLinkModelSetting, result.model_json));
  summary.incremental = result.incremental;
  summary.mode = result.mode_note;
  summary.new_records = static_cast<int64_t>(result.new_records);
  summary.reclustered_records = static_cast<int64_t>(result.reclustered_records);
  summary.decisions = result.decisions;
  summary.accepted = static_cast<int64_t>(in.accepted.size());
  summary.rejected = static_cast<int64_t>(in.rejected.size());

  size_t k = summary.sources.size();
  summary.records = static_cast<int64_t>(records.size());
  summary.persons = result.clusters;
  summary.candidate_pairs = result.candidate_pairs;
  summary.links = result.links;
  summary.records_per_source.assign(k, 0);
  summary.persons_per_source.assign(k, 0);
  summary.overlap.assign(k, std::vector<int64_t>(k, 0));
  std::vector<std::set<int>> sources_of(result.clusters);
  for (size_t i = 0; i < records.size(); ++i) {
    ++summary.records_per_source[records[i].source];
    sources_of[result.cluster_of[i]].insert(records[i].source);
  }
  for (const auto& set : sources_of) {
    for (int a : set) {
      ++summary.persons_per_source[a];
      for (int b : set) {
        if (a != b) ++summary.overlap[a][b];
      }
    }
  }
  return summary;
}

std::string FormatLinkSummary(const LinkSummary& s) {
  std::ostringstream os;
  os << "Linked " << s.records << " records into " << s.persons << " unique persons ("
     << s.links << " links kept from " << s.candidate_pairs << " candidate pairs scored).\n";
  os << "Mode: " << s.mode << ".\n";
  if (s.accepted + s.rejected > 0) {
    os << "Reviewed decisions: " << s.accepted << " accepted (" << s.decisions.accepted_applied
       << " merged clusters the model kept apart), " << s.rejected << " rejected ("
       << s.decisions.rejected_split << " split clusters the model had joined)";
    if (s.decisions.conflicts > 0) {
      os << "; " << s.decisions.conflicts
         << " accepted pairs not merged because a rejected pair would have ended up together";
    }
    os << ".\n";
  }
  os << "\n";
  size_t width = 10;
  for (const std::string& n : s.sources) width = std::max(width, n.size() + 2);
  os << std::left << std::setw(static_cast<int>(width)) << "source" << std::right
     << std::setw(9) << "records" << std::setw(9) << "persons";
  for (size_t j = 0; j < s.sources.size(); ++j) os << std::setw(6) << ("L" + std::to_string(j + 1));
  os << "\n";
  for (size_t i = 0; i < s.sources.size(); ++i) {
    os << std::left << std::setw(static_cast<int>(width))
       << ("L" + std::to_string(i + 1) + " " + s.sources[i]) << std::right << std::setw(9)
       << s.records_per_source[i] << std::setw(9) << s.persons_per_source[i];
    for (size_t j = 0; j < s.sources.size(); ++j) {
      os << std::setw(6) << (i == j ? std::string("-") : std::to_string(s.overlap[i][j]));
    }
    os << "\n";
  }
  os << "(Lk columns: persons recorded by both lists.) Next: recount estimate\n";
  return os.str();
}

std::string LinkSummaryJson(const LinkSummary& s) {
  nlohmann::json j = {{"records", s.records},
                      {"persons", s.persons},
                      {"links", s.links},
                      {"candidate_pairs", s.candidate_pairs},
                      {"sources", s.sources},
                      {"records_per_source", s.records_per_source},
                      {"persons_per_source", s.persons_per_source},
                      {"overlap", s.overlap},
                      {"run_id", s.run_id},
                      {"incremental", s.incremental},
                      {"mode", s.mode},
                      {"new_records", s.new_records},
                      {"reclustered_records", s.reclustered_records},
                      {"review",
                       {{"accepted", s.accepted},
                        {"rejected", s.rejected},
                        {"accepted_merged", s.decisions.accepted_applied},
                        {"rejected_split", s.decisions.rejected_split},
                        {"conflicts", s.decisions.conflicts}}}};
  return j.dump();
}

}  // namespace recount::app
