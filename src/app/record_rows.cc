#include "app/record_rows.h"

namespace recount::app {

RowValues RecordRowValues(const model::Record& r, const model::Identity& id, const model::Act& a) {
  using ingest::Field;
  RowValues v;
  auto set = [&v](Field f, std::string s) { v[static_cast<int>(f)] = std::move(s); };
  set(Field::kRecordId, r.external_id);
  set(Field::kPersonRef, r.person_ref);
  set(Field::kFullName, id.full_name);
  set(Field::kSurname, id.surname);
  set(Field::kGivenName, id.given_name);
  std::string variants;
  for (const std::string& n : id.name_variants) variants += (variants.empty() ? "" : ";") + n;
  set(Field::kNameVariants, variants);
  set(Field::kSex, r.sex);
  // The birth date as stored; an age-derived range goes out with the age too, which re-derives
  // the same range when read back.
  set(Field::kBirthDate, r.birth.ToString());
  set(Field::kAge, a.age ? std::to_string(*a.age) : "");
  set(Field::kOrigin, r.origin_text);
  set(Field::kAct, a.act_type);
  set(Field::kEventDate, a.date.ToString());
  set(Field::kEventPlace, a.place_text);
  if (!a.involvements.empty()) {
    set(Field::kPerpetrator, a.involvements[0].perpetrator_type);
    set(Field::kInvolvement, a.involvements[0].degree);
  }
  set(Field::kTestimonyDate, r.testimony_date.ToString());
  set(Field::kInterviewer, id.interviewer);
  set(Field::kLanguage, r.language);
  set(Field::kConnection, r.connection);
  set(Field::kReliability, r.reliability);
  set(Field::kConsent, r.consent);
  set(Field::kNarrative, r.narrative);
  return v;
}

bool IsActField(ingest::Field f) {
  using ingest::Field;
  return f == Field::kAct || f == Field::kEventDate || f == Field::kEventPlace ||
         f == Field::kPerpetrator || f == Field::kInvolvement || f == Field::kAge;
}

bool IsIdentityField(ingest::Field f) {
  using ingest::Field;
  return f == Field::kFullName || f == Field::kSurname || f == Field::kGivenName ||
         f == Field::kNameVariants || f == Field::kInterviewer;
}

}  // namespace recount::app
