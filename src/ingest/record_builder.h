// RecordBuilder: validates one input row and turns it into a model::Record (one act), resolving
// vocabulary terms and places. Every problem in the row is reported, each naming the file, line,
// field and what to do.
//
// Holds references to the vocabularies and the place resolver; both must outlive it.
// Not thread-safe.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/result.h"
#include "ingest/row_source.h"
#include "model/record.h"
#include "model/vocabulary.h"

namespace recount::ingest {

// Maps place text in any script to a gazetteer id, or "" when unknown (kept as free text).
using PlaceResolver = std::function<std::string(std::string_view)>;

struct RowProblem {
  int64_t line = 0;
  std::string field;    // recount field name, or "" for the whole row
  std::string message;  // "file:line: field: what is wrong; what to do"
};

class RecordBuilder {
 public:
  RecordBuilder(const model::Vocabularies& vocab, PlaceResolver places, int current_year);

  // Builds the record for `row` read from `file`; on failure appends to *problems and returns
  // false. Text is normalised to Unicode NFC.
  bool Build(const Row& row, std::string_view file, model::Record* out,
             std::vector<RowProblem>* problems) const;

 private:
  // Memoised lookups: the same few place names and vocabulary labels recur on most rows.
  // Bounded: cleared when they reach kMaxCached entries.
  std::string ResolvePlace(const std::string& text) const;
  Result<std::string> ResolveTerm(const model::Vocabulary& vocab, const std::string& text) const;
  static constexpr size_t kMaxCached = 1 << 16;

  const model::Vocabularies& vocab_;
  PlaceResolver places_;
  int current_year_;
  mutable std::unordered_map<std::string, std::string> place_cache_;
  mutable std::unordered_map<const model::Vocabulary*,
                             std::unordered_map<std::string, Result<std::string>>>
      term_cache_;
};

}  // namespace recount::ingest
