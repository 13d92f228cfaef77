#include "app/link_records.h"

#include <algorithm>
#include <iomanip>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "linkage/korean_normalize.h"

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
                                IdentityReader& identities) {
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
  std::vector<linkage::Record> records;
  std::vector<model::RowId> row_ids;
  linkage::Schema schema;
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
    return Status();
  }));
  if (records.empty()) return FailedPrecondition("the store has no records to link; import first");

  std::vector<std::unique_ptr<linkage::NameStage>> stages;
  stages.push_back(linkage::MakeKoreanNameStage());
  linkage::LinkResult result = linkage::RunLinkage(records, schema, stages, options);

  // Cluster ids from the smallest record id in each cluster: stable across runs.
  std::vector<model::RowId> min_row(result.clustering.clusters, 0);
  for (size_t i = 0; i < records.size(); ++i) {
    model::RowId& m = min_row[result.clustering.cluster_of[i]];
    if (m == 0 || row_ids[i] < m) m = row_ids[i];
  }
  storage::LinkageRun run;
  run.description = "recount link: " + std::to_string(records.size()) + " records";
  for (size_t i = 0; i < records.size(); ++i) {
    run.clusters.emplace_back(row_ids[i],
                              "P" + std::to_string(min_row[result.clustering.cluster_of[i]]));
  }
  for (const linkage::Link& l : result.clustering.links) {
    run.pairs.push_back({row_ids[l.i], row_ids[l.j], l.probability});
  }
  ASSIGN_OR_RETURN(summary.run_id, store.SaveLinkage(run));

  size_t k = summary.sources.size();
  summary.records = static_cast<int64_t>(records.size());
  summary.persons = result.clustering.clusters;
  summary.candidate_pairs = result.candidate_pairs;
  summary.links = result.clustering.links.size();
  summary.records_per_source.assign(k, 0);
  summary.persons_per_source.assign(k, 0);
  summary.overlap.assign(k, std::vector<int64_t>(k, 0));
  std::vector<std::set<int>> sources_of(result.clustering.clusters);
  for (size_t i = 0; i < records.size(); ++i) {
    ++summary.records_per_source[records[i].source];
    sources_of[result.clustering.cluster_of[i]].insert(records[i].source);
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
     << s.links << " links kept from " << s.candidate_pairs << " candidate pairs).\n\n";
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
                      {"run_id", s.run_id}};
  return j.dump();
}

}  // namespace recount::app
