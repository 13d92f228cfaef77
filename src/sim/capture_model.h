// CaptureModel: decides which sources record which person, and when each source took the
// testimony. Capture is heterogeneous and the lists are dependent, as in real documentation:
//   logit P(source k records person i) = a_k + b_k z_i + c_k w_i + x_i' beta_k
// with a latent visibility z_i ~ N(0,1) shared by every list (positive dependence between all
// lists), a second latent factor w_i (contact with the church shelter network) that only some
// lists load on, and list-specific covariate effects (sex, minor, province, act types, whether
// the person reached safety or died). Each list is also active only in some years. Details and
// references: docs/simulator.md, "Capture".
//
// Contract: Decide() is a pure function of (seed, person, profiles). Thread-safe (const).
#pragma once

#include <cstdint>
#include <vector>

#include "sim/population.h"
#include "sim/source_profile.h"

namespace recount::sim {

enum class Connection : uint8_t { kVictim, kFamily, kHearsay };

struct Capture {
  bool recorded = false;
  uint16_t year = 0;  // testimony date
  uint8_t month = 0;
  uint8_t day = 0;
  Connection connection = Connection::kVictim;
  // Sort key in intake order: year, month, day.
  uint32_t Key() const { return (static_cast<uint32_t>(year) * 16 + month) * 32 + day; }
};

class CaptureModel {
 public:
  CaptureModel(const SimData& data, const std::vector<SourceProfile>& profiles, uint64_t seed);

  // Fills (*out)[k] for every source k.
  void Decide(const Person& p, std::vector<Capture>* out) const;

  // The linear predictor (logit of the capture probability) of source k for person p when the
  // testimony would be taken in `testimony_year` and `in_safety` tells whether the person had
  // reached safety and speaks for themself. Exposed for tests and docs.
  double Logit(const Person& p, int k, bool in_safety, bool late) const;

 private:
  const std::vector<SourceProfile>& profiles_;
  uint64_t seed_;
  std::vector<std::vector<double>> province_effect_;  // [source][province]
};

}  // namespace recount::sim
