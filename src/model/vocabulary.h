// Controlled vocabularies with Korean and English labels (act types, perpetrator types, degrees
// of involvement, source connection, reliability, sex, roles, consent, date types) and the legal
// provisions acts may violate. They ship as CSV files in data/vocab/ (docs/schema.md lists them).
//
// Resolve() accepts a term's code, its English or Korean label or any alias, compared after
// FoldForSearch (case, accents, spacing and punctuation do not matter).
//
// Immutable after loading; safe to share between threads.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"

namespace recount::model {

struct Term {
  std::string code;
  std::string en;
  std::string ko;
  std::vector<std::string> aliases;
  std::vector<std::string> legal;  // legal provision codes (act types only)
};

class Vocabulary {
 public:
  Vocabulary() = default;
  // Reads `path` (columns code,en,ko[,aliases][,legal]); `name` is used in messages.
  static Result<Vocabulary> Load(std::string name, const std::string& path);

  const std::string& name() const { return name_; }
  const std::vector<Term>& terms() const { return terms_; }

  // The term `text` names, or an error listing the valid codes.
  Result<const Term*> Resolve(std::string_view text) const;
  // The term with exactly this code, or nullptr.
  const Term* Find(std::string_view code) const;
  // Label in "ko" or "en" (anything else: English); the code itself if unknown.
  std::string Label(std::string_view code, std::string_view language) const;

 private:
  std::string name_;
  std::vector<Term> terms_;
  std::unordered_map<std::string, size_t> by_key_;  // folded code/label/alias -> index
};

struct LegalProvision {
  std::string code;
  std::string instrument;
  std::string article;
  std::string en;
  std::string ko;
};

// All vocabularies of one data directory.
struct Vocabularies {
  Vocabulary act_types;
  Vocabulary perpetrator_types;
  Vocabulary involvement_degrees;
  Vocabulary source_connections;
  Vocabulary reliability;
  Vocabulary sexes;
  Vocabulary roles;
  Vocabulary consent;
  Vocabulary date_types;
  std::map<std::string, LegalProvision> legal_provisions;

  // Loads data_dir/vocab/*.csv; every act type's legal codes must exist.
  static Result<Vocabularies> Load(const std::string& data_dir);
};

}  // namespace recount::model
