// Link review endpoints: the queue, a pair side by side, decisions (docs/http-api.md, "Review").
#include <nlohmann/json.hpp>

#include "app/identity_reads.h"
#include "app/review_queue.h"
#include "http/api_handlers.h"

namespace recount::http {

Result<Response> HandleReviewQueue(Call& call) {
  ASSIGN_OR_RETURN(int64_t limit, IntQuery(call, "limit", 50, 1, 1000));
  ASSIGN_OR_RETURN(app::ReviewQueue q, app::BuildReviewQueue(call.store(), app::ReviewBand{},
                                                           call.viewer()));
  if (q.items.size() > static_cast<size_t>(limit)) q.items.resize(static_cast<size_t>(limit));
  return JsonResponse(200, app::ReviewQueueJson(q));
}

Result<Response> HandleReviewPair(Call& call) {
  ASSIGN_OR_RETURN(int64_t a, IdParam(call, "a"));
  ASSIGN_OR_RETURN(int64_t b, IdParam(call, "b"));
  ASSIGN_OR_RETURN(storage::StoredRecord ra, app::LoadVisibleRecord(call.store(), call.viewer(), a));
  ASSIGN_OR_RETURN(storage::StoredRecord rb, app::LoadVisibleRecord(call.store(), call.viewer(), b));
  // Reviewers see names side by side (their role may read identities); the reads are logged.
  ASSIGN_OR_RETURN(app::IdentityReader reader, call.Identities());
  ASSIGN_OR_RETURN(std::optional<model::Identity> ia, reader.Read(ra));
  ASSIGN_OR_RETURN(std::optional<model::Identity> ib, reader.Read(rb));
  RETURN_IF_ERROR(app::LogIdentityReads(call.store(), reader, "web review"));
  std::vector<app::FieldComparison> rows = app::CompareForReview(
      ra.record, rb.record, ia ? &*ia : nullptr, ib ? &*ib : nullptr);
  nlohmann::json out = {{"a", a}, {"b", b}, {"identities_locked", reader.locked()},
                        {"fields", nlohmann::json::array()}};
  for (const auto& f : rows) {
    out["fields"].push_back(
        {{"field", f.field}, {"left", f.left}, {"right", f.right}, {"differs", f.differs}});
  }
  return JsonResponse(200, out.dump());
}

Result<Response> HandleDecide(Call& call) {
  nlohmann::json body = nlohmann::json::parse(call.request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("a") || !body.contains("b") ||
      !body["a"].is_number_integer() || !body["b"].is_number_integer() ||
      !body.contains("verdict") || !body["verdict"].is_string()) {
    return InvalidArgument(
        "the body must be {\"a\": record id, \"b\": record id, \"verdict\": "
        "\"accept\"|\"reject\"|\"undo\", \"note\": optional text}");
  }
  ASSIGN_OR_RETURN(storage::ReviewVerdict verdict,
                   storage::ParseReviewVerdict(body["verdict"].get<std::string>()));
  std::string note = body.contains("note") && body["note"].is_string()
                         ? body["note"].get<std::string>()
                         : std::string();
  if (note.size() > 2000) return InvalidArgument("the note is longer than 2,000 bytes");
  ASSIGN_OR_RETURN(storage::ReviewDecision d,
                   app::DecidePair(call.store(), body["a"].get<int64_t>(),
                                   body["b"].get<int64_t>(), verdict, note, call.viewer()));
  nlohmann::json out = {{"id", d.id},
                        {"a", d.a},
                        {"b", d.b},
                        {"verdict", std::string(storage::ReviewVerdictName(d.verdict))},
                        {"actor", d.actor},
                        {"decided_at", d.decided_at}};
  return JsonResponse(201, out.dump());
}

}  // namespace recount::http
