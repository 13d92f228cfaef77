// Intake endpoints: a testimony entered in the web form (POST /api/records, app/intake_record.h),
// place type-ahead over the gazetteer (GET /api/places, app/place_search.h) and the form's
// choices from the controlled vocabularies (GET /api/vocabularies) and the key the page encrypts
// its drafts with (GET /api/draft-key, crypto/draft_key.h) (docs/http-api.md, "Intake").
#include <nlohmann/json.hpp>

#include "app/data_dir.h"
#include "app/intake_record.h"
#include "app/place_search.h"
#include "crypto/draft_key.h"
#include "crypto/encoding.h"
#include "http/api_handlers.h"
#include "model/vocabulary.h"

namespace recount::http {
namespace {

// A JSON object of strings (numbers are taken as their text) -> map; kInvalidArgument otherwise.
Result<std::map<std::string, std::string>> StringFields(const nlohmann::json& j,
                                                        const std::string& where) {
  if (!j.is_object()) return InvalidArgument(where + " must be an object of text fields");
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : j.items()) {
    if (v.is_string()) {
      out[k] = v.get<std::string>();
    } else if (v.is_number_integer()) {
      out[k] = std::to_string(v.get<int64_t>());
    } else if (!v.is_null()) {
      return InvalidArgument(where + "." + k + " must be text");
    }
  }
  return out;
}

// The vocabularies' terms as the form offers them: {"act_types": [{"code", "en", "ko"}, ...], ...}.
// The files do not change while the server runs, so this is built once.
Result<std::string> VocabulariesJson() {
  ASSIGN_OR_RETURN(model::Vocabularies v, model::Vocabularies::Load(app::DataDir()));
  nlohmann::json out = nlohmann::json::object();
  const std::pair<const char*, const model::Vocabulary*> kServed[] = {
      {"act_types", &v.act_types},
      {"perpetrator_types", &v.perpetrator_types},
      {"involvement_degrees", &v.involvement_degrees},
      {"source_connections", &v.source_connections},
      {"reliability", &v.reliability},
      {"sexes", &v.sexes},
      {"roles", &v.roles},
      {"consent", &v.consent}};
  for (const auto& [key, voc] : kServed) {
    nlohmann::json terms = nlohmann::json::array();
    for (const model::Term& t : voc->terms()) {
      terms.push_back({{"code", t.code}, {"en", t.en}, {"ko", t.ko}});
    }
    out[key] = std::move(terms);
  }
  return out.dump();
}

}  // namespace

Result<Response> HandleVocabularies(Call&) {
  static const Result<std::string> kBody = VocabulariesJson();
  RETURN_IF_ERROR(kBody.status());
  return JsonResponse(200, *kBody);
}

Result<Response> HandleDraftKey(Call& call) {
  ASSIGN_OR_RETURN(crypto::SecretBytes key,
                   crypto::DeriveDraftKey(call.keys.master_key, call.user->user.id));
  // The key leaves the server only in this response (Cache-Control: no-store, over TLS when
  // deployed behind nginx); the page keeps it in memory as a non-extractable CryptoKey.
  nlohmann::json out = {{"algorithm", "AES-256-GCM"},
                        {"key", crypto::Base64Encode(crypto::ByteSpan(key.data(), key.size()))}};
  return JsonResponse(200, out.dump());
}

Result<Response> HandleIntake(Call& call) {
  nlohmann::json body = nlohmann::json::parse(call.request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object() || !body.contains("source") ||
      !body["source"].is_string() || !body.contains("record") || !body.contains("acts") ||
      !body["acts"].is_array()) {
    return InvalidArgument(
        "the body must be {\"source\": text, \"record\": {field: text, ...}, \"acts\": "
        "[{field: text, ...}, ...]} with the fields of docs/import-format.md");
  }
  if (call.keys.legacy_plain_identities || !call.keys.vault_key) {
    return FailedPrecondition(
        "identities are locked on this server: it was started without "
        "the identity-vault key, so a testimony cannot be sealed");
  }
  app::IntakeRequest req;
  req.source = body["source"].get<std::string>();
  ASSIGN_OR_RETURN(req.record, StringFields(body["record"], "record"));
  for (size_t i = 0; i < body["acts"].size(); ++i) {
    ASSIGN_OR_RETURN(auto act, StringFields(body["acts"][i], "acts[" + std::to_string(i) + "]"));
    req.acts.push_back(std::move(act));
  }
  ASSIGN_OR_RETURN(std::unique_ptr<app::IdentityVault> vault,
                   app::IdentityVault::FromVaultKey(*call.keys.vault_key));
  ASSIGN_OR_RETURN(std::unique_ptr<app::RecordSealer> sealer,
                   app::RecordSealer::FromMasterKey(call.keys.master_key));
  ASSIGN_OR_RETURN(app::IntakeResult r, app::IntakeRecord(call.store(), req, *vault, *sealer));
  nlohmann::json out = {{"id", r.id},
                        {"source", req.source},
                        {"record_id", r.record_id},
                        {"acts", r.acts},
                        {"unresolved_places", r.unresolved_places}};
  return JsonResponse(201, out.dump());
}

Result<Response> HandlePlaces(Call& call) {
  const std::string q = call.request.Query("q");
  if (q.size() > 100) return InvalidArgument("q: at most 100 bytes");
  ASSIGN_OR_RETURN(int64_t limit, IntQuery(call, "limit", 10, 1, 50));
  ASSIGN_OR_RETURN(std::vector<app::PlaceSuggestion> hits,
                   app::SearchPlaces(q, static_cast<size_t>(limit)));
  nlohmann::json out = {{"places", nlohmann::json::array()}};
  for (const auto& h : hits) {
    out["places"].push_back({{"id", h.id},
                             {"kind", h.kind},
                             {"label", {{"en", h.label_en}, {"ko", h.label_ko}}},
                             {"matched", h.matched},
                             {"within", h.within}});
  }
  return JsonResponse(200, out.dump());
}

}  // namespace recount::http
