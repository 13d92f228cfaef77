// Normalisation stage: turns Records into Prepared columns the later stages compare cheaply.
//
// Each name variant is folded (recount::FoldForSearch: NFKC, case fold, accents and punctuation
// removed), then passed through the optional NameStages in order (for example the Korean stage in
// korean_normalize.h, which adds romanised and South-Korean-initial forms of Hangul names), and
// full names get their tokens sorted so that word order does not matter. Variants of one field are
// stored joined by '|' (a character folding removes from the text). docs/linkage.md#normalisation.
//
// Thread-safety: Prepare is a pure function of its inputs; stages must be stateless or const.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "linkage/record.h"

namespace recount::linkage {

// A pluggable name-normalisation pass. Apply may rewrite or append variants in place.
class NameStage {
 public:
  virtual ~NameStage() = default;
  virtual std::string_view name() const = 0;
  virtual void Apply(std::vector<std::string>* variants) const = 0;
};

// What a comparison field holds and how it is compared (compare.h).
enum class CompareKind : uint8_t {
  kName,    // Jaro-Winkler levels over variants, term-frequency adjusted when exact
  kString,  // Jaro-Winkler levels
  kExact,   // equal or not
  kNumber,  // equal / off by one / differ
  kDate,    // partial birth date levels
  kSet,        // '|'-joined items: share one or not
  kNumberSet,  // '|'-joined numbers: share one / within 1 / none close
  kPlaceSet,   // '|'-joined gazetteer ids: share one / same area (hierarchy) / disjoint
};

struct FieldSpec {
  std::string name;
  CompareKind kind;
};

// Column store of normalised values, one column per comparison field.
struct Prepared {
  std::vector<FieldSpec> fields;
  std::vector<std::vector<std::string>> text;  // [field][record]; empty for the date field
  std::vector<PartialDate> birth;              // [record], when a date field exists
  int date_field = -1;
  int surname_field = -1;
  int given_field = -1;
  // Phonetic keys of the first surname / given-name variant (block.h).
  std::vector<std::string> surname_key, given_key;
  // Phonetic (surname, given name) keys of up to kKeyVariants variants of each: a record's
  // variants (readings of a romanised name, a second column) each get blocked, so a pair that
  // agrees on any of them is compared.
  std::vector<std::vector<std::pair<std::string, std::string>>> name_keys;
  std::vector<int> source;
  std::vector<std::string> ids;
  // Relative frequency of each record's first variant within its field (kName fields only;
  // empty vectors for others): the term-frequency adjustment of score.h.
  std::vector<std::vector<float>> tf;

  size_t size() const { return ids.size(); }
};

inline constexpr size_t kKeyVariants = 4;

// Folds a name and sorts its tokens ("Park  Ji-hye" -> "hye ji park").
std::string SortTokens(std::string_view folded);

// A Soundex-style key (first letter + 3 digit classes, vowels dropped). Empty for empty input;
// non-ASCII letters are kept as they are (so Hangul keys are the first syllable).
std::string PhoneticKey(std::string_view folded);

Prepared Prepare(const std::vector<Record>& records, const Schema& schema,
                 const std::vector<std::unique_ptr<NameStage>>& stages);

// Splits a '|'-joined variant list; calls f(variant) for each non-empty one.
template <typename F>
inline void ForEachVariant(std::string_view joined, F&& f) {
  size_t start = 0;
  while (start <= joined.size()) {
    size_t bar = joined.find('|', start);
    if (bar == std::string_view::npos) bar = joined.size();
    if (bar > start) f(joined.substr(start, bar - start));
    start = bar + 1;
  }
}

}  // namespace recount::linkage
