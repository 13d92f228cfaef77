#include "sim/source_profile.h"

#include "sim/rng.h"

namespace recount::sim {

namespace {

constexpr int A(ActType t) { return static_cast<int>(t); }

// Romanisation systems in the order of korean::RomanizationSystem:
// Revised, McCune-Reischauer, McCune ASCII, DPRK, Yale, common spelling.
SourceProfile KoreanNgo() {
  SourceProfile s;
  s.name = "kr_ngo";
  s.organisation = "Seoul research NGO: Korean headers and labels, South Korean Hangul";
  auto& c = s.capture;
  c.intercept = -1.3;
  c.visibility_loading = 1.0;
  c.church_contact = -0.2;
  c.not_in_safety = -2.2;
  c.act[A(ActType::kArbitraryDetention)] = 0.4;
  c.act[A(ActType::kForcedRepatriation)] = 0.5;
  c.act[A(ActType::kTorture)] = 0.3;
  c.first_year = 2003;
  c.act_recorded = 0.75;
  c.act_focus[A(ActType::kArbitraryDetention)] = 0.2;
  c.act_focus[A(ActType::kForcedRepatriation)] = 0.2;
  c.act_focus[A(ActType::kTorture)] = 0.15;
  auto& r = s.style;
  r.hangul_alias = 0.9;
  r.columns = {{"record_id", "사례번호"},
               {"full_name", "성명"},
               {"sex", "성별"},
               {"birth_date", "생년월일"},
               {"age", "나이"},
               {"origin", "출신지"},
               {"act", "피해유형"},
               {"event_date", "발생일"},
               {"event_place", "발생장소"},
               {"perpetrator", "가해자"},
               {"testimony_date", "면담일"},
               {"interviewer", "면담자"},
               {"connection", "정보출처"},
               {"reliability", "신뢰도"},
               {"consent", "공개동의"},
               {"-", "비고"}};
  r.record_prefix = "NK-";
  r.record_id_has_year = true;
  r.record_digits = 4;
  r.name_script = {0.85, 0.1, 0.05};
  r.romanization = {0.6, 0, 0.2, 0, 0, 0.2};
  r.name_typo = 0.02;
  r.name_variant = 0.05;
  r.sex_label = {0, 0, 0.6, 0.4};
  r.birth_date = 0.6;
  r.age = 0.25;
  r.birth_precision = {0.4, 0.2, 0.4};
  r.korean_dates = true;
  r.date_precision = {0.2, 0.45, 0.3, 0.03, 0.02};
  r.act_label = {0, 0, 0.8, 0.2};
  r.perp_label = {0, 0, 0.7, 0.3};
  r.perp_missing = 0.15;
  r.place_script = {0, 0.3, 0.6, 0.05, 0, 0.05};
  r.label_testimony = {0, 0, 0.8, 0.2};
  r.repeat_person_fields = true;
  r.language = "ko";
  return s;
}

SourceProfile InternationalNgo() {
  SourceProfile s;
  s.name = "intl_ngo";
  s.organisation = "International anti-trafficking NGO: English headers, romanised names";
  auto& c = s.capture;
  c.intercept = -1.9;
  c.visibility_loading = 0.8;
  c.male = -1.5;
  c.minor = 0.6;
  c.not_in_safety = -1.5;
  c.act[A(ActType::kTrafficking)] = 0.8;
  c.act[A(ActType::kSexualExploitation)] = 1.0;
  c.act[A(ActType::kForcedMarriage)] = 0.4;
  c.province = {{"North Hamgyong", -0.2}, {"Ryanggang", 0.2}};
  c.first_year = 2008;
  c.act_recorded = 0.7;
  c.act_focus[A(ActType::kTrafficking)] = 0.25;
  c.act_focus[A(ActType::kSexualExploitation)] = 0.25;
  c.act_focus[A(ActType::kForcedMarriage)] = 0.2;
  c.act_focus[A(ActType::kRape)] = 0.1;
  c.act_focus[A(ActType::kInvasiveSearch)] = -0.4;
  auto& r = s.style;
  r.hangul_alias = 0.03;
  r.columns = {{"record_id", "Case ID"},
               {"full_name", "Name"},
               {"name_variants", "Also known as"},
               {"sex", "Gender"},
               {"birth_date", "DOB"},
               {"age", "Age"},
               {"origin", "Hometown"},
               {"act", "Violation"},
               {"event_date", "Date"},
               {"event_place", "Location"},
               {"perpetrator", "Perpetrator"},
               {"testimony_date", "Interview date"},
               {"language", "Language"},
               {"connection", "Source type"},
               {"consent", "Consent"}};
  r.record_prefix = "TIP/";
  r.record_digits = 6;
  r.name_script = {0.07, 0.03, 0.9};
  r.romanization = {0.2, 0, 0.3, 0, 0, 0.5};
  r.western_order = 0.6;
  r.upper_surname = 0.2;
  r.given_hyphen = 0.4;
  r.given_space = 0.2;
  r.name_variant = 0.15;
  r.name_typo = 0.04;
  r.sex_label = {0, 0.5, 0, 0.5};
  r.birth_date = 0.3;
  r.age = 0.6;
  r.birth_precision = {0.2, 0.2, 0.6};
  r.date_precision = {0.15, 0.4, 0.35, 0.05, 0.05};
  r.act_label = {0, 0.7, 0, 0.3};
  r.perp_label = {0, 0.6, 0, 0.4};
  r.perp_missing = 0.3;
  r.place_script = {0.6, 0, 0, 0.1, 0.2, 0.1};
  r.place_missing = 0.15;
  r.label_testimony = {0, 0.6, 0, 0.4};
  r.language = "en";
  return s;
}

SourceProfile LegalTeam() {
  SourceProfile s;
  s.name = "legal_team";
  s.organisation = "Legal team preparing UN submissions: standard field names, vocabulary codes";
  auto& c = s.capture;
  c.intercept = -3.0;
  c.visibility_loading = 1.3;
  c.not_in_safety = -3.0;
  c.died = 0.5;
  c.act[A(ActType::kTorture)] = 0.8;
  c.act[A(ActType::kForcedAbortion)] = 1.2;
  c.act[A(ActType::kSexualViolence)] = 0.8;
  c.act[A(ActType::kDeathInCustody)] = 0.8;
  c.act[A(ActType::kInfanticide)] = 1.0;
  c.first_year = 2014;
  c.act_recorded = 0.9;
  auto& r = s.style;
  r.hangul_alias = 0;
  r.columns = {{"record_id", "record_id"},
               {"surname", "surname"},
               {"given_name", "given_name"},
               {"sex", "sex"},
               {"birth_date", "birth_date"},
               {"origin", "origin"},
               {"act", "act"},
               {"event_date", "event_date"},
               {"event_place", "event_place"},
               {"perpetrator", "perpetrator"},
               {"involvement", "involvement"},
               {"testimony_date", "testimony_date"},
               {"interviewer", "interviewer"},
               {"language", "language"},
               {"connection", "connection"},
               {"reliability", "reliability"},
               {"consent", "consent"}};
  r.record_prefix = "LT-";
  r.record_digits = 5;
  r.name_script = {0.3, 0, 0.7};
  r.romanization = {0.6, 0.2, 0.2, 0, 0, 0};
  r.given_hyphen = 0.7;
  r.given_space = 0;
  r.name_typo = 0.005;
  r.name_missing = 0;
  r.sex_label = {1, 0, 0, 0};
  r.sex_missing = 0;
  r.birth_date = 0.85;
  r.age = 0;
  r.birth_precision = {0.6, 0.2, 0.2};
  r.date_precision = {0.6, 0.3, 0.1, 0, 0};
  r.date_error = 0.01;
  r.date_missing = 0;
  r.act_label = {1, 0, 0, 0};
  r.perp_label = {1, 0, 0, 0};
  r.perp_missing = 0.05;
  r.involvement = 0.8;
  r.place_script = {0.8, 0, 0, 0, 0.2, 0};
  r.place_missing = 0.02;
  r.origin_missing = 0.02;
  r.repeat_person_fields = false;
  r.label_testimony = {1, 0, 0, 0};
  r.language = "ko";
  return s;
}

SourceProfile ChurchNetwork() {
  SourceProfile s;
  s.name = "church_network";
  s.organisation =
      "Korean-Chinese church shelter network in Yanbian: North/Yanbian Hangul, ages, years";
  auto& c = s.capture;
  c.intercept = -2.0;
  c.visibility_loading = 0.5;
  c.church_contact = 2.2;
  c.male = -0.5;
  c.not_in_safety = 0;
  c.province = {{"North Hamgyong", 0.5}, {"Ryanggang", 0.2}};
  c.act[A(ActType::kTrafficking)] = 0.4;
  c.act[A(ActType::kForcedMarriage)] = 0.6;
  c.act[A(ActType::kForcedRepatriation)] = -0.4;
  c.first_year = 2000;
  c.last_year = 2019;
  c.records_in_china = true;
  c.act_recorded = 0.65;
  c.act_focus[A(ActType::kTrafficking)] = 0.3;
  c.act_focus[A(ActType::kForcedMarriage)] = 0.3;
  auto& r = s.style;
  r.hangul_alias = 0.9;
  r.columns = {{"record_id", "번호"},     {"full_name", "이름"},
               {"sex", "성별"},           {"age", "나이"},
               {"origin", "고향"},        {"act", "피해"},
               {"event_date", "시기"},    {"event_place", "장소"},
               {"perpetrator", "가해자"}, {"testimony_date", "기록일"}};
  r.record_prefix = "YB";
  r.record_digits = 4;
  r.name_script = {0.15, 0.85, 0};
  r.name_typo = 0.03;
  r.name_missing = 0.05;
  r.sex_label = {0, 0, 0.3, 0.7};
  r.birth_date = 0;
  r.age = 0.9;
  r.korean_dates = true;
  r.date_precision = {0.02, 0.2, 0.6, 0.15, 0.03};
  r.date_error = 0.06;
  r.date_missing = 0.08;
  r.act_label = {0, 0, 0.5, 0.5};
  r.perp_label = {0, 0, 0.4, 0.6};
  r.perp_missing = 0.35;
  r.place_script = {0, 0.6, 0.05, 0.3, 0, 0.05};
  r.place_missing = 0.2;
  r.origin_missing = 0.2;
  r.repeat_person_fields = false;
  r.language = "ko";
  return s;
}

SourceProfile EscapeeAssociation() {
  SourceProfile s;
  s.name = "diaspora_assoc";
  s.organisation =
      "Escapee association: mixed scripts, DPRK romanisation, many blanks, ';' separated";
  auto& c = s.capture;
  c.intercept = -1.8;
  c.visibility_loading = 0.7;
  c.church_contact = 0.8;
  c.male = 0.5;
  c.not_in_safety = -2.5;
  c.province = {{"Ryanggang", 0.9}, {"North Hamgyong", 0.3}, {"South Hamgyong", 0.3}};
  c.act[A(ActType::kForcedLabour)] = 0.4;
  c.act[A(ActType::kArbitraryDetention)] = 0.3;
  c.first_year = 2010;
  c.act_recorded = 0.6;
  auto& r = s.style;
  r.hangul_alias = 0.5;
  r.columns = {{"record_id", "No"},    {"full_name", "Name (이름)"},
               {"sex", "Sex"},         {"birth_date", "Born"},
               {"origin", "Province"}, {"act", "Incident"},
               {"event_date", "When"}, {"event_place", "Where"},
               {"perpetrator", "Who"}, {"testimony_date", "Recorded"},
               {"-", "Notes"}};
  r.delimiter = ';';
  r.record_prefix = "";
  r.record_digits = 1;
  r.name_script = {0.3, 0.3, 0.4};
  r.romanization = {0.1, 0, 0.3, 0.5, 0, 0.1};
  r.western_order = 0.3;
  r.given_hyphen = 0.3;
  r.given_space = 0.4;
  r.name_typo = 0.08;
  r.name_missing = 0.03;
  r.sex_label = {0, 0.3, 0.3, 0.4};
  r.sex_missing = 0.1;
  r.birth_date = 0.7;
  r.age = 0;
  r.birth_precision = {0.1, 0.1, 0.8};
  r.date_precision = {0.05, 0.25, 0.55, 0.1, 0.05};
  r.date_error = 0.06;
  r.date_missing = 0.1;
  r.act_label = {0.1, 0.4, 0.3, 0.2};
  r.perp_label = {0, 0.4, 0.3, 0.3};
  r.perp_missing = 0.4;
  r.place_script = {0.3, 0.3, 0.2, 0.05, 0.05, 0.1};
  r.place_missing = 0.25;
  r.origin_missing = 0.15;
  r.repeat_person_fields = true;
  r.language = "ko";
  return s;
}

}  // namespace

std::vector<SourceProfile> MakeSourceProfiles(int k, uint64_t seed) {
  std::vector<SourceProfile> out;
  Rng rng(DeriveSeed(seed, {7}));
  for (int i = 0; i < k; ++i) {
    SourceProfile p;
    switch (i % 5) {
      case 0:
        p = KoreanNgo();
        break;
      case 1:
        p = InternationalNgo();
        break;
      case 2:
        p = LegalTeam();
        break;
      case 3:
        p = ChurchNetwork();
        break;
      default:
        p = EscapeeAssociation();
        break;
    }
    const int copy = i / 5;
    if (copy > 0) {
      // A further organisation of the same kind: its own name, size and years of activity.
      p.name += "_" + std::to_string(copy + 1);
      p.organisation += " (" + std::to_string(copy + 1) + ")";
      p.capture.intercept += (rng.Uniform() - 0.5) * 1.2 - 0.3;
      p.capture.visibility_loading *= 0.7 + 0.6 * rng.Uniform();
      p.capture.first_year += rng.Between(0, 8);
      if (p.capture.first_year > p.capture.last_year - 3)
        p.capture.first_year = p.capture.last_year - 3;
      if (!p.style.record_prefix.empty()) {
        p.style.record_prefix.insert(
            p.style.record_prefix.size() -
                (p.style.record_prefix.back() == '-' || p.style.record_prefix.back() == '/' ? 1
                                                                                            : 0),
            std::to_string(copy + 1));
      }
    }
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace recount::sim
