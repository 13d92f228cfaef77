// NameModel: draws Korean names (surname + two-syllable given name) from the frequency tables in
// SimData, and renders a drawn name in North or South Korean Hangul.
//
// Contract: the model borrows `data`, which must outlive it. Sampling is deterministic for a given
// Rng state. Immutable after construction; thread-safe for concurrent Sample calls with separate
// Rngs.
#pragma once

#include <cstdint>
#include <string>

#include "sim/rng.h"
#include "sim/sim_data.h"

namespace recount::sim {

// Indices into SimData::surnames and SimData::given.
struct KoreanName {
  uint16_t surname = 0;
  uint16_t given1 = 0;
  uint16_t given2 = 0;
};

class NameModel {
 public:
  explicit NameModel(const SimData& data);

  KoreanName Sample(bool female, Rng& rng) const;

  // Hangul forms. North: 리순희; South applies the initial-sound rule to the surname and to the
  // first syllable of the given name: 이순희.
  std::string Surname(const KoreanName& n, bool north) const;
  std::string Given(const KoreanName& n, bool north) const;
  // The given name's syllables separately (north forms; the South form of syllable 1 if !north).
  std::string GivenSyllable(const KoreanName& n, int position, bool north) const;

 private:
  const SimData& data_;
  Categorical surname_;
  std::vector<uint16_t> idx_[2][2];  // [female][position-1] -> indices into data_.given
  Categorical given_[2][2];
};

}  // namespace recount::sim
