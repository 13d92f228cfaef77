#include "storage/review_decision.h"

#include <algorithm>
#include <charconv>

#include "crypto/encoding.h"
#include "crypto/sha256.h"

namespace recount::storage {
namespace {

void PutReviewField(std::string* out, char tag, std::string_view value) {
  out->push_back(tag);
  out->append(std::to_string(value.size()));
  out->push_back(':');
  out->append(value);
  out->push_back('\n');
}

}  // namespace

std::string_view ReviewVerdictName(ReviewVerdict v) {
  switch (v) {
    case ReviewVerdict::kAccept:
      return "accept";
    case ReviewVerdict::kReject:
      return "reject";
    case ReviewVerdict::kUndo:
      return "undo";
  }
  return "?";
}

Result<ReviewVerdict> ParseReviewVerdict(std::string_view text) {
  if (text == "accept") return ReviewVerdict::kAccept;
  if (text == "reject") return ReviewVerdict::kReject;
  if (text == "undo") return ReviewVerdict::kUndo;
  return InvalidArgument("'" + std::string(text) +
                         "' is not a review decision; use accept, reject or undo");
}

std::string ReviewDecisionDigest(const ReviewDecision& d) {
  std::string c = "recount-review/v1\n";
  PutReviewField(&c, 'i', std::to_string(d.id));
  PutReviewField(&c, 'a', std::to_string(d.a));
  PutReviewField(&c, 'b', std::to_string(d.b));
  PutReviewField(&c, 'v', ReviewVerdictName(d.verdict));
  char buf[64];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, d.probability);
  PutReviewField(&c, 'p', std::string_view(buf, ec == std::errc() ? end - buf : 0));
  PutReviewField(&c, 'n', d.note);
  PutReviewField(&c, 'w', d.actor);
  PutReviewField(&c, 't', d.decided_at);
  return "sha256:" + crypto::HexEncode(crypto::Sha256(crypto::AsBytes(c)));
}

std::map<std::pair<model::RowId, model::RowId>, ReviewDecision> StandingDecisions(
    const std::vector<ReviewDecision>& history) {
  std::map<std::pair<model::RowId, model::RowId>, ReviewDecision> out;
  for (const ReviewDecision& d : history) {
    std::pair<model::RowId, model::RowId> key = std::minmax(d.a, d.b);
    if (d.verdict == ReviewVerdict::kUndo) {
      out.erase(key);
    } else {
      out[key] = d;
    }
  }
  return out;
}

}  // namespace recount::storage
