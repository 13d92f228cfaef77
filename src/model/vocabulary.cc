#include "model/vocabulary.h"

#include "base/csv_reader.h"
#include "base/utf8.h"

namespace recount::model {
namespace {

Result<std::vector<std::vector<std::string>>> ReadTable(const std::string& path,
                                                        std::vector<std::string>* header) {
  ASSIGN_OR_RETURN(auto reader, CsvReader::Open(path));
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> fields;
  ASSIGN_OR_RETURN(bool has_header, reader->Next(header));
  if (!has_header) return InvalidArgument(path + ": empty file; it needs a header line");
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader->Next(&fields));
    if (!more) break;
    if (fields.size() != header->size()) {
      return InvalidArgument(path + ":" + std::to_string(reader->record_line()) + ": " +
                             std::to_string(fields.size()) + " fields, the header has " +
                             std::to_string(header->size()));
    }
    rows.push_back(fields);
  }
  return rows;
}

int ColumnIndex(const std::vector<std::string>& header, std::string_view name) {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return static_cast<int>(i);
  }
  return -1;
}

}  // namespace

Result<Vocabulary> Vocabulary::Load(std::string name, const std::string& path) {
  std::vector<std::string> header;
  ASSIGN_OR_RETURN(auto rows, ReadTable(path, &header));
  int c_code = ColumnIndex(header, "code"), c_en = ColumnIndex(header, "en"),
      c_ko = ColumnIndex(header, "ko"), c_alias = ColumnIndex(header, "aliases"),
      c_legal = ColumnIndex(header, "legal");
  if (c_code < 0 || c_en < 0 || c_ko < 0) {
    return InvalidArgument(path + ": header must have the columns code,en,ko");
  }
  Vocabulary v;
  v.name_ = std::move(name);
  for (size_t r = 0; r < rows.size(); ++r) {
    const auto& row = rows[r];
    Term t;
    t.code = row[c_code];
    t.en = row[c_en];
    t.ko = row[c_ko];
    if (c_alias >= 0) t.aliases = SplitList(row[c_alias], ';');
    if (c_legal >= 0) t.legal = SplitList(row[c_legal], ';');
    if (t.code.empty()) {
      return InvalidArgument(path + ": row " + std::to_string(r + 2) + " has an empty code");
    }
    size_t index = v.terms_.size();
    std::vector<std::string> keys = {t.code, t.en, t.ko};
    keys.insert(keys.end(), t.aliases.begin(), t.aliases.end());
    for (const std::string& k : keys) {
      std::string folded = FoldForSearch(k);
      if (folded.empty()) continue;
      auto [it, inserted] = v.by_key_.emplace(folded, index);
      if (!inserted && it->second != index) {
        return InvalidArgument(path + ": '" + k + "' names both '" + v.terms_[it->second].code +
                               "' and '" + t.code + "'; make it name one term");
      }
    }
    v.terms_.push_back(std::move(t));
  }
  return v;
}

Result<const Term*> Vocabulary::Resolve(std::string_view text) const {
  auto it = by_key_.find(FoldForSearch(text));
  if (it != by_key_.end()) return &terms_[it->second];
  std::string codes;
  for (const Term& t : terms_) codes += (codes.empty() ? "" : ", ") + t.code;
  return InvalidArgument("'" + std::string(text) + "' is not a known " + name_ +
                         " term; use one of: " + codes +
                         " (or their English/Korean labels, see data/vocab/)");
}

const Term* Vocabulary::Find(std::string_view code) const {
  for (const Term& t : terms_) {
    if (t.code == code) return &t;
  }
  return nullptr;
}

std::string Vocabulary::Label(std::string_view code, std::string_view language) const {
  const Term* t = Find(code);
  if (t == nullptr) return std::string(code);
  return language == "ko" ? t->ko : t->en;
}

Result<Vocabularies> Vocabularies::Load(const std::string& data_dir) {
  const std::string dir = data_dir + "/vocab/";
  Vocabularies v;
  struct Entry {
    Vocabulary* target;
    const char* name;
    const char* file;
  };
  const Entry entries[] = {
      {&v.act_types, "act type", "act_types.csv"},
      {&v.perpetrator_types, "perpetrator type", "perpetrator_types.csv"},
      {&v.involvement_degrees, "degree of involvement", "involvement_degrees.csv"},
      {&v.source_connections, "source connection", "source_connections.csv"},
      {&v.reliability, "reliability", "reliability.csv"},
      {&v.sexes, "sex", "sexes.csv"},
      {&v.roles, "role", "roles.csv"},
      {&v.consent, "consent", "consent.csv"},
      {&v.date_types, "date type", "date_types.csv"},
  };
  for (const Entry& e : entries) {
    ASSIGN_OR_RETURN(*e.target, Vocabulary::Load(e.name, dir + e.file));
  }
  std::vector<std::string> header;
  const std::string legal_path = dir + "legal_provisions.csv";
  ASSIGN_OR_RETURN(auto rows, ReadTable(legal_path, &header));
  if (header.size() < 5) {
    return InvalidArgument(legal_path + ": expected code,instrument,article,en,ko");
  }
  for (const auto& row : rows) {
    v.legal_provisions[row[0]] = LegalProvision{row[0], row[1], row[2], row[3], row[4]};
  }
  for (const Term& t : v.act_types.terms()) {
    for (const std::string& code : t.legal) {
      if (!v.legal_provisions.count(code)) {
        return InvalidArgument(dir + "act_types.csv: act '" + t.code +
                               "' refers to unknown legal provision '" + code + "'");
      }
    }
  }
  return v;
}

}  // namespace recount::model
