#include "sim/source_writer.h"

#include <cstdio>

namespace recount::sim {

namespace {

enum Field : int {
  kIgnored,
  kRecordId,
  kFullName,
  kSurname,
  kGivenName,
  kNameVariants,
  kSex,
  kBirthDate,
  kAge,
  kOrigin,
  kAct,
  kEventDate,
  kEventPlace,
  kPerpetrator,
  kInvolvement,
  kTestimonyDate,
  kInterviewer,
  kLanguage,
  kConnection,
  kReliability,
  kConsent,
  kFieldCount,
};

constexpr std::string_view kFieldNames[kFieldCount] = {
    "-",           "record_id",   "full_name",   "surname",        "given_name",  "name_variants",
    "sex",         "birth_date",  "age",         "origin",         "act",         "event_date",
    "event_place", "perpetrator", "involvement", "testimony_date", "interviewer", "language",
    "connection",  "reliability", "consent"};

// Involvement vocabulary: direct perpetrators, or those who ordered (state security officers
// ordering a beating).
const VocabTerm* FindOrNull(const std::vector<VocabTerm>& v, std::string_view code) {
  return SimData::Find(v, code);
}

}  // namespace

void AppendCsvField(std::string_view field, char delimiter, std::string* out) {
  bool quote = false;
  for (char c : field) {
    if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  }
  if (!field.empty() && (field.front() == ' ' || field.back() == ' ')) quote = true;
  if (!quote) {
    out->append(field);
    return;
  }
  out->push_back('"');
  for (char c : field) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

Result<SourceWriter> SourceWriter::Create(const SimData& data, const NameModel& names,
                                          const SpellingNoise& noise, const SourceProfile& profile,
                                          int source_index, uint64_t seed) {
  SourceWriter w;
  w.data_ = &data;
  w.names_ = &names;
  w.noise_ = &noise;
  w.profile_ = &profile;
  w.index_ = source_index;
  w.seed_ = seed;
  for (const auto& [field, header] : profile.style.columns) {
    int id = -1;
    for (int f = 0; f < kFieldCount; ++f) {
      if (kFieldNames[f] == field) id = f;
    }
    if (id < 0) return Internal("source profile " + profile.name + ": unknown field " + field);
    w.fields_.push_back(id);
  }
  auto need = [](const std::vector<VocabTerm>& v, std::string_view code,
                 std::string_view file) -> Result<const VocabTerm*> {
    const VocabTerm* t = FindOrNull(v, code);
    if (t == nullptr) {
      return InvalidArgument("data/vocab/" + std::string(file) + " has no code '" +
                             std::string(code) + "', which the simulator uses; restore the file");
    }
    return t;
  };
  for (int a = 0; a < kActTypeCount; ++a) {
    ASSIGN_OR_RETURN(const VocabTerm* t,
                     need(data.acts, ActCode(static_cast<ActType>(a)), "act_types.csv"));
    w.acts_.push_back(t);
  }
  for (int p = 0; p <= static_cast<int>(Perpetrator::kUnknown); ++p) {
    ASSIGN_OR_RETURN(const VocabTerm* t,
                     need(data.perpetrators, PerpetratorCode(static_cast<Perpetrator>(p)),
                          "perpetrator_types.csv"));
    w.perps_.push_back(t);
  }
  ASSIGN_OR_RETURN(w.sex_[0], need(data.sexes, "male", "sexes.csv"));
  ASSIGN_OR_RETURN(w.sex_[1], need(data.sexes, "female", "sexes.csv"));
  for (const char* code : {"victim", "family", "hearsay"}) {
    ASSIGN_OR_RETURN(const VocabTerm* t, need(data.connections, code, "source_connections.csv"));
    w.connection_.push_back(t);
  }
  for (const char* code : {"high", "medium", "low"}) {
    ASSIGN_OR_RETURN(const VocabTerm* t, need(data.reliability, code, "reliability.csv"));
    w.reliability_.push_back(t);
  }
  for (const char* code : {"public", "anonymised", "internal", "restricted"}) {
    ASSIGN_OR_RETURN(const VocabTerm* t, need(data.consent, code, "consent.csv"));
    w.consent_.push_back(t);
  }
  // The involvement vocabulary is not loaded by SimData; write codes.
  return w;
}

std::string SourceWriter::Header() const {
  std::string out;
  for (size_t i = 0; i < profile_->style.columns.size(); ++i) {
    if (i > 0) out.push_back(profile_->style.delimiter);
    AppendCsvField(profile_->style.columns[i].second, profile_->style.delimiter, &out);
  }
  out.push_back('\n');
  return out;
}

std::string SourceWriter::MappingFile(const std::string& csv_name) const {
  const auto& st = profile_->style;
  std::string out = "# Mapping for " + csv_name + ": " + profile_->organisation + "\n";
  out += "# Written by `recount simulate`; import with\n";
  out += "#   recount import --source " + profile_->name + " --mapping " + profile_->name +
         ".map " + csv_name + "\n";
  bool ignored = false;
  for (const auto& [field, header] : st.columns) {
    if (field == "-") {
      ignored = true;
      continue;
    }
    out += field + " = " + header + "\n";
  }
  if (st.delimiter != ',') out += std::string("delimiter = ") + st.delimiter + "\n";
  if (ignored) out += "ignore_unknown = true\n";
  return out;
}

std::string SourceWriter::RecordId(uint64_t sequence, int testimony_year) const {
  const auto& st = profile_->style;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*llu", st.record_digits,
                static_cast<unsigned long long>(sequence));
  std::string id = st.record_prefix;
  if (st.record_id_has_year) id += std::to_string(testimony_year) + "-";
  return id + buf;
}

size_t SourceWriter::WriteRecord(const Person& p, const Capture& cap, const std::string& record_id,
                                 std::string* out) const {
  Rng rng(DeriveSeed(seed_, {3, static_cast<uint64_t>(index_), p.id}));
  const RenderStyle& st = profile_->style;
  const CaptureParams& cp = profile_->capture;
  const char delim = st.delimiter;

  // Which acts this source writes down: only those before the testimony, each with the source's
  // probability for its type; at least one.
  SimAct chosen[64];
  size_t n = 0;
  const uint32_t limit = cap.year * 16u + cap.month;
  int first_eligible = -1;
  for (size_t i = 0; i < p.acts.size() && n < 64; ++i) {
    const SimAct& a = p.acts[i];
    if (a.year * 16u + a.month > limit) continue;
    if (first_eligible < 0) first_eligible = static_cast<int>(i);
    const int t = static_cast<int>(a.type);
    if (rng.Bernoulli(cp.act_recorded + cp.act_focus[t])) chosen[n++] = a;
  }
  if (n == 0) chosen[n++] = p.acts[first_eligible < 0 ? 0 : first_eligible];

  // Person fields, rendered once per record.
  const RenderedName name = noise_->Name(p.name, st, rng);
  std::string sex;
  if (!rng.Bernoulli(st.sex_missing)) {
    sex = Label(*sex_[p.female ? 1 : 0], static_cast<LabelStyle>(PickIndex(st.sex_label, rng)), rng,
                st.hangul_alias);
    // "girl" and "boy" only for those who were children at the time.
    const bool child = chosen[0].year - p.birth_year < 18;
    if (!child && (sex == "girl" || sex == "boy")) sex = sex_[p.female ? 1 : 0]->en;
  }
  std::string birth, age;
  {
    const double u = rng.Uniform();
    if (u < st.birth_date) {
      const auto prec = static_cast<DatePrecision>(PickIndex(st.birth_precision, rng));
      int year = p.birth_year;
      if (rng.Bernoulli(st.date_error)) year += rng.Bernoulli(0.5) ? 1 : -1;
      birth = FormatDate(year, p.birth_month, p.birth_day, prec, st.korean_dates, rng);
    } else if (u < st.birth_date + st.age) {
      const SimAct& a = chosen[0];
      int years = a.year - p.birth_year - (a.month < p.birth_month ? 1 : 0);
      if (rng.Bernoulli(st.date_error)) years += rng.Bernoulli(0.5) ? 1 : -1;
      if (years < 0) years = 0;
      age = std::to_string(years);
    }
  }
  std::string origin;
  if (!rng.Bernoulli(st.origin_missing)) {
    origin = PlaceName(data_->provinces[p.province],
                       static_cast<PlaceScript>(PickIndex(st.place_script, rng)), rng);
  }
  // Testimony fields.
  std::string testimony = FormatDate(
      cap.year, cap.month, cap.day,
      rng.Bernoulli(0.8) ? DatePrecision::kDay : DatePrecision::kMonth, st.korean_dates, rng);
  std::string interviewer;
  {
    const uint64_t staff = rng.Below(8);
    if (st.language == "en") {
      interviewer = "Staff " + std::to_string(staff + 1);
    } else {
      Rng staff_rng(DeriveSeed(seed_, {4, static_cast<uint64_t>(index_), staff}));
      KoreanName sn = names_->Sample(staff_rng.Bernoulli(0.6), staff_rng);
      interviewer = names_->Surname(sn, false) + "OO";
    }
  }
  const LabelStyle tstyle = static_cast<LabelStyle>(PickIndex(st.label_testimony, rng));
  const std::string connection(
      Label(*connection_[static_cast<int>(cap.connection)], tstyle, rng, st.hangul_alias));
  int rel = cap.connection == Connection::kVictim   ? (rng.Bernoulli(0.6) ? 0 : 1)
            : cap.connection == Connection::kFamily ? (rng.Bernoulli(0.7) ? 1 : 2)
                                                    : (rng.Bernoulli(0.6) ? 2 : 1);
  const std::string reliability(Label(*reliability_[rel], tstyle, rng, st.hangul_alias));
  static constexpr std::array<double, 4> kConsentWeights{0.2, 0.5, 0.2, 0.1};
  const std::string consent(
      Label(*consent_[PickIndex(kConsentWeights, rng)], tstyle, rng, st.hangul_alias));

  for (size_t r = 0; r < n; ++r) {
    const SimAct& a = chosen[r];
    const bool person_fields = r == 0 || st.repeat_person_fields;
    for (size_t c = 0; c < fields_.size(); ++c) {
      if (c > 0) out->push_back(delim);
      switch (fields_[c]) {
        case kRecordId:
          AppendCsvField(record_id, delim, out);
          break;
        case kFullName:
          if (person_fields) AppendCsvField(name.full, delim, out);
          break;
        case kSurname:
          if (person_fields) AppendCsvField(name.surname, delim, out);
          break;
        case kGivenName:
          if (person_fields) AppendCsvField(name.given, delim, out);
          break;
        case kNameVariants:
          if (person_fields) AppendCsvField(name.variant, delim, out);
          break;
        case kSex:
          if (person_fields) AppendCsvField(sex, delim, out);
          break;
        case kBirthDate:
          if (person_fields) AppendCsvField(birth, delim, out);
          break;
        case kAge:
          // Age at this row's event: written on the first row only, whose act it was computed
          // for (the importer reads age per act).
          if (r == 0) AppendCsvField(age, delim, out);
          break;
        case kOrigin:
          if (person_fields) AppendCsvField(origin, delim, out);
          break;
        case kAct:
          AppendCsvField(
              Label(*acts_[static_cast<int>(a.type)],
                    static_cast<LabelStyle>(PickIndex(st.act_label, rng)), rng, st.hangul_alias),
              delim, out);
          break;
        case kEventDate:
          if (!rng.Bernoulli(st.date_missing)) {
            int year = a.year;
            if (rng.Bernoulli(st.date_error)) year += rng.Bernoulli(0.5) ? 1 : -1;
            AppendCsvField(FormatDate(year, a.month, a.day,
                                      static_cast<DatePrecision>(PickIndex(st.date_precision, rng)),
                                      st.korean_dates, rng),
                           delim, out);
          }
          break;
        case kEventPlace:
          if (!rng.Bernoulli(st.place_missing)) {
            AppendCsvField(
                PlaceName(data_->places[a.place],
                          static_cast<PlaceScript>(PickIndex(st.place_script, rng)), rng),
                delim, out);
          }
          break;
        case kPerpetrator:
          if (!rng.Bernoulli(st.perp_missing)) {
            AppendCsvField(
                Label(*perps_[static_cast<int>(a.perpetrator)],
                      static_cast<LabelStyle>(PickIndex(st.perp_label, rng)), rng, st.hangul_alias),
                delim, out);
          }
          break;
        case kInvolvement:
          if (rng.Bernoulli(st.involvement)) {
            const bool ordered = a.perpetrator == Perpetrator::kStateSecurity && rng.Bernoulli(0.3);
            out->append(ordered ? "ordered" : "direct");
          }
          break;
        case kTestimonyDate:
          if (person_fields) AppendCsvField(testimony, delim, out);
          break;
        case kInterviewer:
          if (person_fields) AppendCsvField(interviewer, delim, out);
          break;
        case kLanguage:
          if (person_fields) out->append(st.language);
          break;
        case kConnection:
          if (person_fields) AppendCsvField(connection, delim, out);
          break;
        case kReliability:
          if (person_fields) AppendCsvField(reliability, delim, out);
          break;
        case kConsent:
          if (person_fields) AppendCsvField(consent, delim, out);
          break;
        case kIgnored:
        default:
          if (rng.Bernoulli(0.05)) {
            static constexpr std::string_view kNotes[] = {"확인 필요", "재입국", "see file",
                                                          "follow-up"};
            out->append(kNotes[rng.Below(4)]);
          }
          break;
      }
    }
    out->push_back('\n');
  }
  return n;
}

}  // namespace recount::sim
