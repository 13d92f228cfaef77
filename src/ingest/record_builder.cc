#include "ingest/record_builder.h"

#include <charconv>

#include "base/utf8.h"

namespace recount::ingest {

RecordBuilder::RecordBuilder(const model::Vocabularies& vocab, PlaceResolver places,
                             int current_year)
    : vocab_(vocab), places_(std::move(places)), current_year_(current_year) {}

std::string RecordBuilder::ResolvePlace(const std::string& text) const {
  if (!places_) return std::string();
  auto it = place_cache_.find(text);
  if (it != place_cache_.end()) return it->second;
  if (place_cache_.size() >= kMaxCached) place_cache_.clear();
  std::string id = places_(text);
  place_cache_.emplace(text, id);
  return id;
}

Result<std::string> RecordBuilder::ResolveTerm(const model::Vocabulary& vocab,
                                               const std::string& text) const {
  auto& cache = term_cache_[&vocab];
  auto it = cache.find(text);
  if (it != cache.end()) return it->second;
  if (cache.size() >= kMaxCached) cache.clear();
  Result<const model::Term*> t = vocab.Resolve(text);
  Result<std::string> code = t.ok() ? Result<std::string>((*t)->code) : Result<std::string>(t.status());
  cache.emplace(text, code);
  return code;
}

bool RecordBuilder::Build(const Row& row, std::string_view file, model::Record* out,
                          std::vector<RowProblem>* problems) const {
  size_t before = problems->size();
  auto problem = [&](Field f, const std::string& what) {
    problems->push_back({row.line, std::string(FieldName(f)),
                         std::string(file) + ":" + std::to_string(row.line) + ": " +
                             std::string(FieldName(f)) + ": " + what});
  };
  auto text = [&](Field f) -> std::string {
    const std::string& v = row.Get(f);
    if (v.empty()) return v;
    Result<std::string> nfc = NormalizeNfc(v);
    if (!nfc.ok()) {
      problem(f, nfc.status().message());
      return std::string();
    }
    return std::move(nfc).value();
  };
  auto term = [&](Field f, const model::Vocabulary& vocab) -> std::string {
    const std::string& v = row.Get(f);
    if (v.empty()) return std::string();
    Result<std::string> code = ResolveTerm(vocab, v);
    if (!code.ok()) {
      problem(f, code.status().message());
      return std::string();
    }
    return *code;
  };
  auto date = [&](Field f, bool not_future) -> PartialDate {
    const std::string& v = row.Get(f);
    Result<PartialDate> d = PartialDate::Parse(v);
    if (!d.ok()) {
      problem(f, d.status().message());
      return PartialDate();
    }
    if (not_future && d->known() && d->EarliestYear() > current_year_) {
      problem(f, "'" + v + "' is in the future; check the year");
      return PartialDate();
    }
    return *d;
  };

  model::Record r;
  r.external_id = text(Field::kRecordId);
  if (r.external_id.empty()) problem(Field::kRecordId, "is empty; every row needs the source's id");
  r.person_ref = text(Field::kPersonRef);
  r.identity.full_name = text(Field::kFullName);
  r.identity.surname = text(Field::kSurname);
  r.identity.given_name = text(Field::kGivenName);
  for (std::string& v : SplitList(text(Field::kNameVariants), ';')) {
    r.identity.name_variants.push_back(std::move(v));
  }
  r.identity.interviewer = text(Field::kInterviewer);
  r.sex = term(Field::kSex, vocab_.sexes);
  r.birth = date(Field::kBirthDate, true);
  r.origin_text = text(Field::kOrigin);
  if (!r.origin_text.empty()) r.origin_place_id = ResolvePlace(r.origin_text);
  r.testimony_date = date(Field::kTestimonyDate, true);
  r.language = text(Field::kLanguage);
  r.connection = term(Field::kConnection, vocab_.source_connections);
  r.reliability = term(Field::kReliability, vocab_.reliability);
  r.consent = term(Field::kConsent, vocab_.consent);
  r.narrative = text(Field::kNarrative);

  model::Act act;
  if (row.Get(Field::kAct).empty()) {
    problem(Field::kAct, "is empty; say what was done (see data/vocab/act_types.csv)");
  } else {
    act.act_type = term(Field::kAct, vocab_.act_types);
  }
  act.date = date(Field::kEventDate, true);
  act.place_text = text(Field::kEventPlace);
  if (!act.place_text.empty()) act.place_id = ResolvePlace(act.place_text);
  if (const std::string& age = row.Get(Field::kAge); !age.empty()) {
    int v = -1;
    auto [ptr, ec] = std::from_chars(age.data(), age.data() + age.size(), v);
    if (ec != std::errc() || ptr != age.data() + age.size() || v < 0 || v > 120) {
      problem(Field::kAge, "'" + age + "' is not an age; write a whole number from 0 to 120");
    } else {
      act.age = v;
      // An age with a dated event gives a birth range when no birth date was given.
      if (!r.birth.known() && act.date.known()) {
        Result<PartialDate> b = BirthRangeFromAge(v, act.date);
        if (b.ok()) r.birth = *b;
      }
    }
  }
  if (r.birth.known() && act.date.known() && r.birth.EarliestDay() > act.date.LatestDay()) {
    problem(Field::kBirthDate, "born " + r.birth.ToString() + ", after the event on " +
                                   act.date.ToString() + "; check both dates");
  }
  std::string perpetrator = term(Field::kPerpetrator, vocab_.perpetrator_types);
  std::string degree = term(Field::kInvolvement, vocab_.involvement_degrees);
  if (!perpetrator.empty() || !degree.empty()) act.involvements.push_back({perpetrator, degree});
  r.acts.push_back(std::move(act));

  if (problems->size() != before) return false;
  *out = std::move(r);
  return true;
}

}  // namespace recount::ingest
