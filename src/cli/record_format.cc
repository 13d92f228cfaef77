#include "cli/record_format.h"

#include <iomanip>
#include <ostream>
#include <set>

namespace recount::cli {

std::string DisplayName(const model::Identity& id) {
  if (!id.full_name.empty()) return id.full_name;
  std::string n = id.surname;
  if (!id.given_name.empty()) n += (n.empty() ? "" : " ") + id.given_name;
  return n;
}

void PrintRecordHeader(std::ostream& out, bool with_names) {
  out << std::left << std::setw(8) << "id" << std::setw(18) << "source" << std::setw(14)
      << "record" << std::setw(8) << "sex" << std::setw(11) << "born";
  if (with_names) out << std::setw(20) << "name";
  out << "acts\n";
}

void PrintRecordLine(std::ostream& out, const model::Record& r, const std::string* name) {
  out << std::left << std::setw(8) << r.id << std::setw(18) << r.source.substr(0, 17)
      << std::setw(14) << r.external_id.substr(0, 13) << std::setw(8)
      << (r.sex.empty() ? "-" : r.sex) << std::setw(11)
      << (r.birth.known() ? r.birth.ToString() : "-");
  if (name != nullptr) out << *name << "  ";
  std::string acts;
  for (const model::Act& a : r.acts) {
    if (!acts.empty()) acts += ", ";
    acts += a.act_type;
    if (a.date.known()) acts += " " + a.date.ToString();
  }
  out << acts << "\n";
}

void PrintRecordDetail(std::ostream& out, const model::Record& r, const model::Identity* identity,
                       const model::Vocabularies& vocab, const std::string& language,
                       bool identity_locked) {
  bool ko = language == "ko";
  auto line = [&out](const char* label, const std::string& value) {
    if (!value.empty()) out << "  " << std::left << std::setw(16) << label << value << "\n";
  };
  out << "Record " << r.id << " (" << r.source << " / " << r.external_id << ")\n";
  if (identity != nullptr) {
    line(ko ? "이름" : "name", DisplayName(*identity));
    std::string variants;
    for (const auto& v : identity->name_variants) variants += (variants.empty() ? "" : "; ") + v;
    line(ko ? "다른 표기" : "also written", variants);
    line(ko ? "면담자" : "interviewer", identity->interviewer);
  } else if (identity_locked) {
    out << "  [identity locked]\n";
  } else {
    out << "  (identity hidden; use --names to show it)\n";
  }
  line(ko ? "성별" : "sex", r.sex.empty() ? "" : vocab.sexes.Label(r.sex, language));
  line(ko ? "출생" : "born", r.birth.ToString());
  line(ko ? "출신지" : "origin",
       r.origin_text + (r.origin_place_id.empty() ? "" : " [" + r.origin_place_id + "]"));
  line(ko ? "인물 참조" : "person ref", r.person_ref);
  line(ko ? "연결된 인물" : "linked person", r.cluster_id);
  line(ko ? "증언 일자" : "testimony date", r.testimony_date.ToString());
  line(ko ? "언어" : "language", r.language);
  line(ko ? "정보 출처" : "connection",
       r.connection.empty() ? "" : vocab.source_connections.Label(r.connection, language));
  line(ko ? "신뢰도" : "reliability",
       r.reliability.empty() ? "" : vocab.reliability.Label(r.reliability, language));
  line(ko ? "공개 동의" : "consent",
       r.consent.empty() ? "" : vocab.consent.Label(r.consent, language));
  line(ko ? "요약" : "narrative", r.narrative);
  out << (ko ? "  피해 행위:\n" : "  acts:\n");
  std::set<std::string> legal;
  for (const model::Act& a : r.acts) {
    out << "    - " << vocab.act_types.Label(a.act_type, language);
    if (a.date.known()) out << ", " << a.date.ToString();
    if (!a.place_text.empty()) out << ", " << a.place_text;
    if (a.age) out << (ko ? ", 당시 " : ", age ") << *a.age;
    for (const model::Involvement& inv : a.involvements) {
      out << "; " << (ko ? "가해자: " : "perpetrator: ")
          << vocab.perpetrator_types.Label(inv.perpetrator_type, language);
      if (!inv.degree.empty()) {
        out << " (" << vocab.involvement_degrees.Label(inv.degree, language) << ")";
      }
    }
    out << "\n";
    if (const model::Term* t = vocab.act_types.Find(a.act_type)) {
      legal.insert(t->legal.begin(), t->legal.end());
    }
  }
  if (!legal.empty()) {
    out << (ko ? "  관련 법 조항:\n" : "  may violate:\n");
    for (const std::string& code : legal) {
      auto it = vocab.legal_provisions.find(code);
      if (it == vocab.legal_provisions.end()) continue;
      out << "    - " << it->second.instrument << " " << it->second.article << ": "
          << (ko ? it->second.ko : it->second.en) << "\n";
    }
  }
}

}  // namespace recount::cli
