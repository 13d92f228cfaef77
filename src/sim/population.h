// PopulationModel: the true population of the simulation. Each person (a North Korean woman or
// girl, or sometimes a man, who crossed into China between 2000 and 2024) gets a name, sex, birth
// date, province of origin and a chronological list of acts committed against them: trafficking
// and what follows it in China, arrest and forced repatriation, detention and what happens in
// North Korean holding centres and camps. The generative story and every probability are in
// docs/simulator.md, "Population".
//
// Contract: Generate(id) is a pure function of (seed, id): any person can be regenerated alone,
// in any order, on any thread, with identical results. The model borrows `data` and `names`,
// which must outlive it. Thread-safe (const).
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "sim/name_model.h"
#include "sim/rng.h"
#include "sim/sim_data.h"

namespace recount::sim {

// Act types, a subset of data/vocab/act_types.csv (codes from ActCode).
enum class ActType : uint8_t {
  kTrafficking,
  kForcedMarriage,
  kRape,
  kSexualViolence,
  kSexualExploitation,
  kForcedLabour,
  kForcedAbortion,
  kInfanticide,
  kInvasiveSearch,
  kTorture,
  kArbitraryDetention,
  kForcedRepatriation,
  kDeathInCustody,
  kFamilySeparation,
};
inline constexpr int kActTypeCount = 14;
std::string_view ActCode(ActType t);

// Perpetrator types, codes of data/vocab/perpetrator_types.csv (PerpetratorCode).
enum class Perpetrator : uint8_t {
  kTrafficker,
  kBroker,
  kBuyer,
  kBuyerFamily,
  kEmployer,
  kPoliceCn,
  kBorderGuardCn,
  kPoliceKp,
  kStateSecurity,
  kPrisonGuard,
  kDetentionOfficial,
  kUnknown,
};
std::string_view PerpetratorCode(Perpetrator p);

struct SimAct {
  ActType type;
  Perpetrator perpetrator;
  uint16_t year;
  uint8_t month;   // 1..12
  uint8_t day;     // 1..28
  uint16_t place;  // index into SimData::places
};

struct Person {
  uint32_t id = 0;  // 0-based; written as P followed by id+1
  bool female = true;
  KoreanName name;
  uint16_t birth_year = 0;
  uint8_t birth_month = 1, birth_day = 1;
  uint8_t province = 0;  // index into SimData::provinces
  uint16_t crossing_year = 0;
  uint16_t exit_year =
      0;  // year the person reached safety (South Korea or a third country); 0: never
  bool died = false;
  bool minor_at_crossing = false;
  bool church_contact = false;  // latent: known to the church shelter network
  double visibility = 0;        // latent visibility z ~ N(0,1) (approximately)
  std::vector<SimAct> acts;     // chronological, at least one

  bool Has(ActType t) const;
};

inline constexpr int kFirstYear = 2000;
inline constexpr int kLastYear = 2024;

class PopulationModel {
 public:
  PopulationModel(const SimData& data, const NameModel& names, uint64_t seed);

  // Fills *out with person `id` (its acts vector is reused to avoid allocation).
  void Generate(uint32_t id, Person* out) const;

  const SimData& data() const { return data_; }

 private:
  const SimData& data_;
  const NameModel& names_;
  uint64_t seed_;
  Categorical province_, crossing_year_;
  std::vector<int> crossing_years_;
  Categorical stage_[4];  // china, arrest, border, camp
  std::vector<uint16_t> stage_idx_[4];
};

}  // namespace recount::sim
