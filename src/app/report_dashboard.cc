#include "app/report_dashboard.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "app/audit_verify.h"
#include "app/count_acts.h"
#include "app/data_dir.h"
#include "app/estimate_store.h"
#include "app/places.h"
#include "base/clock.h"
#include "crypto/encoding.h"
#include "crypto/sha256.h"
#include "model/vocabulary.h"
#include "report/html_page.h"
#include "report/web_assets.h"
#include "storage/review_decision.h"

namespace recount::app {
namespace {

// Labels of a stratum key in both languages, from the vocabularies and the gazetteer.
report::Label StratumLabel(const std::string& by, const std::string& key,
                           const model::Vocabularies& vocab, const PlaceIndex& places) {
  if (key == "unknown" || key.empty()) return {"(unknown)", "(미상)"};
  if (by == "act") return {vocab.act_types.Label(key, "en"), vocab.act_types.Label(key, "ko")};
  if (by == "place") return {places.Label(key, "en"), places.Label(key, "ko")};
  if (by == "sex") return {vocab.sexes.Label(key, "en"), vocab.sexes.Label(key, "ko")};
  if (by.empty()) return {"All persons", "전체"};
  return {key, key};
}

struct Documented {
  int64_t records = -1, acts = -1;
};

// Documented counts per stratum key (`recount stats --by <by>`), keyed as EstimateStore keys.
Result<std::map<std::string, Documented>> DocumentedBy(storage::Store& store,
                                                       const std::string& by) {
  std::map<std::string, Documented> out;
  if (by != "year" && by != "place" && by != "act" && by != "sex") return out;
  ASSIGN_OR_RETURN(CountTable t, CountActs(store, {by}, "en"));
  for (const CountTable::Row& r : t.rows) {
    std::string key = r.keys[0].empty() ? "unknown" : r.keys[0];
    Documented& d = out[key];
    d.records = (d.records < 0 ? 0 : d.records) + r.victims;
    d.acts = (d.acts < 0 ? 0 : d.acts) + r.acts;
  }
  return out;
}

report::StratumResult Stratum(const std::string& by, const std::string& key,
                              const EstimateReport& r, const model::Vocabularies& vocab,
                              const PlaceIndex& places,
                              const std::map<std::string, Documented>& documented) {
  report::StratumResult s;
  s.key = key;
  s.label = StratumLabel(by, key, vocab, places);
  s.documented_persons = r.observed;
  auto it = documented.find(key);
  if (it != documented.end()) {
    s.documented_records = it->second.records;
    s.documented_acts = it->second.acts;
  }
  s.estimates = r.estimates;
  for (stats::Estimate& e : s.estimates) e.draws.clear();  // not shown; can be large
  s.warnings = r.warnings;
  return s;
}

Result<report::LinkageInput> GatherLinkage(storage::Store& store, const ReviewBand& band,
                                           int64_t persons) {
  report::LinkageInput l;
  l.band_low = band.low;
  l.band_high = band.high;
  l.persons = persons;
  ASSIGN_OR_RETURN(std::vector<int64_t> runs, store.LinkRunIds());
  l.runs = static_cast<int64_t>(runs.size());
  l.run_id = runs.empty() ? 0 : runs.back();
  ASSIGN_OR_RETURN(l.records, store.CountRecords({}));
  ASSIGN_OR_RETURN(auto clusters, store.ClusterAssignment());
  std::map<std::string, int64_t> size;
  for (const auto& [record, cluster] : clusters) {
    if (!cluster.empty()) ++size[cluster];
  }
  for (const auto& [cluster, n] : size) {
    if (n >= 2) l.linked_records += n;
  }
  ASSIGN_OR_RETURN(std::vector<storage::LinkPair> pairs, store.LatestLinkPairs());
  l.pairs_scored = static_cast<int64_t>(pairs.size());
  l.probability_histogram.assign(10, 0);
  for (const storage::LinkPair& p : pairs) {
    int bin = static_cast<int>(p.probability * 10);
    ++l.probability_histogram[std::clamp(bin, 0, 9)];
  }
  ASSIGN_OR_RETURN(ReviewQueue queue, BuildReviewQueue(store, band));
  l.pairs_pending = static_cast<int64_t>(queue.items.size());
  l.pairs_in_band = static_cast<int64_t>(queue.items.size() + queue.decided);
  ASSIGN_OR_RETURN(std::vector<storage::ReviewDecision> history, store.ListReviewDecisions());
  l.decisions = static_cast<int64_t>(history.size());
  for (const auto& [pair, d] : storage::StandingDecisions(history)) {
    ++(d.verdict == storage::ReviewVerdict::kAccept ? l.standing_accepted : l.standing_rejected);
  }
  return l;
}

Result<report::AuditInput> GatherAudit(storage::Store& store, const DashboardOptions& o) {
  report::AuditInput a;
  ASSIGN_OR_RETURN(storage::LogTreeHead head, store.AuditTreeHead());
  a.entries = head.size;
  ASSIGN_OR_RETURN(std::vector<storage::StoredCheckpoint> cps, store.ListCheckpoints());
  if (!cps.empty()) {
    const storage::StoredCheckpoint* latest = &cps.front();
    for (const auto& c : cps) {
      if (c.size >= latest->size) latest = &c;
    }
    a.checkpoint_size = latest->size;
    a.checkpoint_created_at = latest->created_at;
    a.checkpoint_note = latest->note;
  }
  if (!o.verify_audit) return a;
  AuditVerifyOptions vo;
  vo.log_key = o.log_key;
  ASSIGN_OR_RETURN(AuditReport r, VerifyAudit(store, vo));
  a.verified = true;
  a.ok = r.ok();
  a.entries = r.entries;
  a.records_checked = r.records;
  a.checkpoints_verified = r.checkpoints;
  a.signed_size = r.signed_size;
  a.root_hex = r.root_hex;
  a.log_key_source = o.log_key_source.empty() ? r.log_key_source : o.log_key_source;
  a.problems = r.problems;
  return a;
}

std::string CspHash(std::string_view text) {
  crypto::Sha256Digest d = crypto::Sha256(crypto::AsBytes(text));
  return "sha256-" + crypto::Base64Encode(d);
}

}  // namespace

Result<report::DashboardInput> GatherDashboard(storage::Store& store, const DashboardOptions& o) {
  ASSIGN_OR_RETURN(model::Vocabularies vocab, model::Vocabularies::Load(DataDir()));
  ASSIGN_OR_RETURN(std::shared_ptr<const PlaceIndex> places, LoadPlaceIndex());
  report::DashboardInput in;
  in.generated_at = o.generated_at.empty() ? NowRfc3339() : o.generated_at;
  in.store = std::filesystem::path(store.location()).filename().string();
  in.settings = o.settings;

  auto stopped = [&o]() -> Status {
    if (o.stop && o.stop()) return FailedPrecondition("the dashboard's computation was stopped");
    return Status();
  };
  RETURN_IF_ERROR(stopped());
  // The estimation itself asks `stop` too (before each model fit and bootstrap replicate).
  stats::MseOptions mse = o.mse;
  if (o.stop) mse.stop = o.stop;
  ASSIGN_OR_RETURN(StratifiedEstimate all, EstimateStore(store, "", o.methods, mse));
  if (all.reports.empty()) {
    std::string why = all.notes.empty() ? "no persons" : all.notes.front();
    return FailedPrecondition("cannot estimate the store's total: " + why);
  }
  const EstimateReport& overall = all.reports.front();
  ASSIGN_OR_RETURN(int64_t records, store.CountRecords({}));
  ASSIGN_OR_RETURN(CountTable acts, CountActs(store, {"act"}, "en"));
  std::map<std::string, Documented> whole = {{"all", {records, acts.total_acts}}};
  in.overall = Stratum("", "all", overall, vocab, *places, whole);

  for (const std::string& by : o.by) {
    RETURN_IF_ERROR(stopped());
    ASSIGN_OR_RETURN(StratifiedEstimate e, EstimateStore(store, by, o.methods, mse));
    ASSIGN_OR_RETURN(auto documented, DocumentedBy(store, by));
    report::Breakdown b;
    b.by = by;
    for (size_t i = 0; i < e.reports.size(); ++i) {
      b.strata.push_back(Stratum(by, e.keys[i], e.reports[i], vocab, *places, documented));
    }
    b.totals = e.totals;
    for (stats::Estimate& t : b.totals) t.draws.clear();
    b.notes = e.notes;
    in.breakdowns.push_back(std::move(b));
  }

  in.overlap.lists = overall.list_names;
  in.overlap.patterns = overall.pattern_counts;
  ASSIGN_OR_RETURN(CountTable by_source, CountActs(store, {"source"}, "en"));
  std::map<std::string, int64_t> records_of;
  for (const auto& r : by_source.rows) records_of[r.keys[0]] += r.victims;
  for (const std::string& l : overall.list_names) {
    in.overlap.records_per_list.push_back(records_of.count(l) ? records_of[l] : 0);
  }

  ASSIGN_OR_RETURN(report::LinkageInput linkage, GatherLinkage(store, o.band, overall.observed));
  in.linkage = std::move(linkage);
  ASSIGN_OR_RETURN(report::AuditInput audit, GatherAudit(store, o));
  in.audit = std::move(audit);
  return in;
}

Result<std::string> DashboardJson(storage::Store& store, const DashboardOptions& options) {
  ASSIGN_OR_RETURN(report::DashboardInput in, GatherDashboard(store, options));
  return report::DashboardModelJson(in);
}

std::string DashboardHtml(const std::string& model_json, const std::string& lang,
                          const std::string& title) {
  report::HtmlPage page;
  page.lang = lang;
  page.title = title;
  page.model_json = model_json;
  page.scripts = {report::ScriptText(report::assets::D3Js()),
                  report::ScriptText(report::assets::PlotJs()),
                  report::ScriptText(report::assets::DashboardJs()), report::BootScript()};
  for (const std::string& s : page.scripts) page.script_hashes.push_back(CspHash(s));
  page.style = std::string(report::assets::DashboardCss());
  page.style_hash = CspHash(page.style);
  return report::RenderHtmlPage(page);
}

namespace {

// The checks both functions below make before writing, with messages saying what to do.
Status CheckTarget(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path target(path);
  if (path.empty() || target.filename().empty()) {
    return InvalidArgument("'" + path + "' names no file; give a file name such as report.html");
  }
  if (fs::is_directory(target, ec)) {
    return InvalidArgument(path + " is a directory; give a file name such as " + path +
                           "/report.html");
  }
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  if (!fs::is_directory(dir, ec)) {
    return NotFound(path + ": the folder " + dir.string() + " does not exist; create it first");
  }
  return Status();
}

Status WriteTemporary(const std::string& path, const std::string& tmp, std::string_view contents) {
  std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
  if (!out) {
    return IoError(path +
                   ": cannot create a file there (permission denied or read-only?); "
                   "choose another place");
  }
  out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
  out.close();
  if (!out) {
    std::error_code ec;
    std::filesystem::remove(tmp, ec);
    return IoError(tmp + ": writing failed (disk full?)");
  }
  return Status();
}

}  // namespace

Status CheckCanWrite(const std::string& path) {
  RETURN_IF_ERROR(CheckTarget(path));
  std::string tmp = path + ".tmp";
  RETURN_IF_ERROR(WriteTemporary(path, tmp, ""));
  std::error_code ec;
  std::filesystem::remove(tmp, ec);
  return Status();
}

Status WriteFileAtomically(const std::string& path, std::string_view contents) {
  RETURN_IF_ERROR(CheckTarget(path));
  std::string tmp = path + ".tmp";
  RETURN_IF_ERROR(WriteTemporary(path, tmp, contents));
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::string why = ec.message();
    std::filesystem::remove(tmp, ec);
    return IoError(path + ": cannot replace the file: " + why);
  }
  return Status();
}

}  // namespace recount::app
