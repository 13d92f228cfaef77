#include "app/record_json.h"

#include "app/record_seal.h"

namespace recount::app {

nlohmann::json RecordToJson(const model::Record& r, const model::Identity* identity) {
  nlohmann::json j;
  j["id"] = r.id;
  j["source"] = r.source;
  j["record_id"] = r.external_id;
  auto put = [&j](const char* key, const std::string& v) {
    if (!v.empty()) j[key] = v;
  };
  put("person_ref", r.person_ref);
  put("cluster_id", r.cluster_id);
  put("testimony_date", r.testimony_date.ToString());
  put("language", r.language);
  put("connection", r.connection);
  put("reliability", r.reliability);
  put("consent", r.consent);
  if (IsSealedNarrative(r.narrative)) {
    j["narrative_sealed"] = true;  // never the ciphertext: the caller opens it when it may
  } else {
    put("narrative", r.narrative);
  }
  put("sex", r.sex);
  put("birth_date", r.birth.ToString());
  put("origin", r.origin_text);
  put("origin_place_id", r.origin_place_id);
  if (identity != nullptr) {
    nlohmann::json id = nlohmann::json::object();
    if (!identity->full_name.empty()) id["full_name"] = identity->full_name;
    if (!identity->surname.empty()) id["surname"] = identity->surname;
    if (!identity->given_name.empty()) id["given_name"] = identity->given_name;
    if (!identity->name_variants.empty()) id["name_variants"] = identity->name_variants;
    if (!identity->interviewer.empty()) id["interviewer"] = identity->interviewer;
    j["identity"] = std::move(id);
  }
  nlohmann::json acts = nlohmann::json::array();
  for (const model::Act& a : r.acts) {
    nlohmann::json ja;
    ja["act"] = a.act_type;
    if (a.date.known()) ja["date"] = a.date.ToString();
    if (!a.place_text.empty()) ja["place"] = a.place_text;
    if (!a.place_id.empty()) ja["place_id"] = a.place_id;
    if (a.age) ja["age"] = *a.age;
    nlohmann::json invs = nlohmann::json::array();
    for (const model::Involvement& inv : a.involvements) {
      nlohmann::json ji;
      if (!inv.perpetrator_type.empty()) ji["perpetrator"] = inv.perpetrator_type;
      if (!inv.degree.empty()) ji["involvement"] = inv.degree;
      invs.push_back(std::move(ji));
    }
    if (!invs.empty()) ja["involvements"] = std::move(invs);
    acts.push_back(std::move(ja));
  }
  j["acts"] = std::move(acts);
  return j;
}

nlohmann::json AuditEntryToJson(const storage::AuditEntry& e) {
  return {{"seq", e.seq},       {"time", e.time},     {"actor", e.actor},
          {"op", e.op},         {"record", e.record}, {"version", e.version},
          {"digest", e.digest}, {"detail", e.detail}};
}

}  // namespace recount::app
