#include "app/review_queue.h"

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace recount::app {

Result<ReviewQueue> BuildReviewQueue(storage::Store& store, const ReviewBand& band,
                                     const Viewer& viewer) {
  if (!(band.low >= 0 && band.low < band.high && band.high <= 1)) {
    return InvalidArgument("the review band must satisfy 0 <= low < high <= 1 (got " +
                           std::to_string(band.low) + " - " + std::to_string(band.high) + ")");
  }
  ReviewQueue q;
  ASSIGN_OR_RETURN(std::vector<int64_t> runs, store.LinkRunIds());
  if (runs.empty()) return q;
  q.run_id = runs.back();
  ASSIGN_OR_RETURN(std::vector<storage::LinkPair> pairs, store.LatestLinkPairs());
  q.pairs = pairs.size();
  ASSIGN_OR_RETURN(auto history, store.ListReviewDecisions());
  auto standing = storage::StandingDecisions(history);
  ASSIGN_OR_RETURN(auto assignment, store.ClusterAssignment());
  std::map<model::RowId, std::string> cluster(assignment.begin(), assignment.end());
  ASSIGN_OR_RETURN(std::set<model::RowId> hidden, HiddenRecords(store, viewer));
  for (const storage::LinkPair& p : pairs) {
    if (p.probability < band.low || p.probability > band.high) continue;
    if (hidden.count(p.a) || hidden.count(p.b)) continue;
    if (standing.count(std::minmax(p.a, p.b))) {
      ++q.decided;
      continue;
    }
    ReviewItem item{p.a, p.b, p.probability, cluster[p.a], cluster[p.b]};
    q.items.push_back(std::move(item));
  }
  std::sort(q.items.begin(), q.items.end(), [](const ReviewItem& x, const ReviewItem& y) {
    double dx = std::abs(x.probability - 0.5), dy = std::abs(y.probability - 0.5);
    if (dx != dy) return dx < dy;
    bool sx = x.cluster_a == x.cluster_b, sy = y.cluster_a == y.cluster_b;
    if (sx != sy) return !sx;
    return std::tie(x.a, x.b) < std::tie(y.a, y.b);
  });
  return q;
}

Result<storage::ReviewDecision> DecidePair(storage::Store& store, model::RowId a, model::RowId b,
                                           storage::ReviewVerdict verdict, std::string note,
                                           const Viewer& viewer) {
  if (a == b) return InvalidArgument("a review decision needs two different records");
  RETURN_IF_ERROR(CheckRecordVisible(store, viewer, a));
  RETURN_IF_ERROR(CheckRecordVisible(store, viewer, b));
  if (a > b) std::swap(a, b);
  ASSIGN_OR_RETURN(auto history, store.ListReviewDecisions());
  auto standing = storage::StandingDecisions(history);
  if (verdict == storage::ReviewVerdict::kUndo && !standing.count({a, b})) {
    return FailedPrecondition("pair " + std::to_string(a) + "," + std::to_string(b) +
                              " has no standing decision to undo; 'recount review --history' "
                              "lists the decisions");
  }
  storage::ReviewDecision d;
  d.a = a;
  d.b = b;
  d.verdict = verdict;
  d.note = std::move(note);
  ASSIGN_OR_RETURN(std::vector<storage::LinkPair> pairs, store.LatestLinkPairs());
  for (const storage::LinkPair& p : pairs) {
    if (std::min(p.a, p.b) == a && std::max(p.a, p.b) == b) d.probability = p.probability;
  }
  return store.SaveReviewDecision(std::move(d));
}

namespace {

std::string ActsText(const model::Record& r) {
  std::set<std::string> parts;
  for (const model::Act& a : r.acts) {
    std::string s = a.act_type;
    if (a.date.known()) s += " " + a.date.ToString();
    std::string place = a.place_id.empty() ? a.place_text : a.place_id;
    if (!place.empty()) s += " @" + place;
    parts.insert(s);
  }
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : "; ") + p;
  return out;
}

std::string Join(const std::vector<std::string>& v) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : " | ") + s;
  return out;
}

}  // namespace

std::vector<FieldComparison> CompareForReview(const model::Record& a, const model::Record& b,
                                              const model::Identity* ia,
                                              const model::Identity* ib) {
  std::vector<FieldComparison> rows;
  auto add = [&](std::string field, std::string l, std::string r, bool compare = true) {
    bool differs = compare && !l.empty() && !r.empty() && l != r;
    rows.push_back({std::move(field), std::move(l), std::move(r), differs});
  };
  add("record", std::to_string(a.id), std::to_string(b.id), false);
  add("source", a.source, b.source, false);
  add("source id", a.external_id, b.external_id, false);
  if (ia != nullptr && ib != nullptr) {
    add("full name", ia->full_name, ib->full_name);
    add("surname", ia->surname, ib->surname);
    add("given name", ia->given_name, ib->given_name);
    add("name variants", Join(ia->name_variants), Join(ib->name_variants));
  }
  add("sex", a.sex, b.sex);
  add("birth", a.birth.known() ? a.birth.ToString() : "",
      b.birth.known() ? b.birth.ToString() : "");
  add("origin", a.origin_place_id.empty() ? a.origin_text : a.origin_place_id,
      b.origin_place_id.empty() ? b.origin_text : b.origin_place_id);
  add("acts", ActsText(a), ActsText(b));
  add("person ref", a.person_ref, b.person_ref);
  add("cluster", a.cluster_id, b.cluster_id, false);
  return rows;
}

std::string ReviewQueueJson(const ReviewQueue& q) {
  nlohmann::json items = nlohmann::json::array();
  for (const ReviewItem& i : q.items) {
    items.push_back({{"a", i.a},
                     {"b", i.b},
                     {"probability", i.probability},
                     {"cluster_a", i.cluster_a},
                     {"cluster_b", i.cluster_b}});
  }
  return nlohmann::json{
      {"run_id", q.run_id}, {"pairs", q.pairs}, {"decided", q.decided}, {"queue", items}}
      .dump();
}

std::string FormatReviewQueue(const ReviewQueue& q, size_t limit) {
  std::ostringstream os;
  if (q.run_id == 0) return "No linkage yet: run 'recount link' first.\n";
  os << q.items.size() << " pairs to review (latest link run " << q.run_id << ", " << q.pairs
     << " scored pairs kept, " << q.decided << " in the band already decided).\n";
  if (q.items.empty()) return os.str();
  os << std::setw(10) << "record A" << std::setw(10) << "record B" << std::setw(13) << "probability"
     << "  clusters\n";
  for (size_t k = 0; k < q.items.size() && k < limit; ++k) {
    const ReviewItem& i = q.items[k];
    os << std::setw(10) << i.a << std::setw(10) << i.b << std::setw(13) << std::fixed
       << std::setprecision(3) << i.probability << "  "
       << (i.cluster_a == i.cluster_b ? "same (" + i.cluster_a + ")"
                                      : i.cluster_a + " / " + i.cluster_b)
       << "\n";
  }
  if (q.items.size() > limit) os << "... " << (q.items.size() - limit) << " more (--limit)\n";
  os << "Decide with: recount review (at a terminal), or recount review --decide A,B "
        "accept|reject\n";
  return os.str();
}

}  // namespace recount::app
