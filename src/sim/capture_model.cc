#include "sim/capture_model.h"

#include <algorithm>

namespace recount::sim {

CaptureModel::CaptureModel(const SimData& data, const std::vector<SourceProfile>& profiles,
                           uint64_t seed)
    : profiles_(profiles), seed_(seed) {
  for (const auto& s : profiles) {
    std::vector<double> eff(data.provinces.size(), 0.0);
    for (const auto& [name, value] : s.capture.province) {
      for (size_t i = 0; i < data.provinces.size(); ++i) {
        if (data.provinces[i].name_en == name) eff[i] = value;
      }
    }
    province_effect_.push_back(std::move(eff));
  }
}

double CaptureModel::Logit(const Person& p, int k, bool in_safety, bool late) const {
  const CaptureParams& c = profiles_[k].capture;
  double eta = c.intercept + c.visibility_loading * p.visibility;
  if (p.church_contact) eta += c.church_contact;
  if (!p.female) eta += c.male;
  if (p.minor_at_crossing) eta += c.minor;
  if (!in_safety) eta += c.not_in_safety;
  if (p.died) eta += c.died;
  if (late) eta -= 0.5;
  eta += province_effect_[k][p.province];
  bool seen[kActTypeCount] = {};
  for (const auto& a : p.acts) {
    const int t = static_cast<int>(a.type);
    if (!seen[t]) eta += c.act[t];
    seen[t] = true;
  }
  return eta;
}

void CaptureModel::Decide(const Person& p, std::vector<Capture>* out) const {
  out->assign(profiles_.size(), Capture());
  Rng rng(DeriveSeed(seed_, {2, p.id}));
  const SimAct& first = p.acts.front();
  const SimAct& last = p.acts.back();
  const bool safe = p.exit_year != 0 && !p.died;
  for (size_t k = 0; k < profiles_.size(); ++k) {
    const CaptureParams& c = profiles_[k].capture;
    Capture cap;
    int year, min_month;
    bool in_safety = safe, late = false;
    if (c.records_in_china) {
      // Interviewed in a shelter while in China, after the first act.
      in_safety = true;
      year = first.year + rng.Between(0, 2);
      min_month = year == first.year ? first.month : 1;
      cap.connection = Connection::kVictim;
      if (p.exit_year != 0 && year > p.exit_year) year = p.exit_year;
      if (year < first.year) year = first.year;
    } else if (safe) {
      static constexpr int kLag[] = {0, 0, 0, 1, 1, 1, 2, 2, 3, 5};
      year = p.exit_year + kLag[rng.Below(10)];
      if (year < last.year) year = last.year;
      min_month = year == last.year ? last.month : 1;
      cap.connection = Connection::kVictim;
    } else {
      // Reported by family or others who reached safety.
      year = last.year + rng.Between(1, 6);
      min_month = 1;
      cap.connection = rng.Bernoulli(0.6) ? Connection::kFamily : Connection::kHearsay;
    }
    if (year < c.first_year) {
      year = c.first_year + rng.Between(0, 4);
      min_month = 1;
      late = true;
    }
    cap.year = static_cast<uint16_t>(year);
    cap.month = static_cast<uint8_t>(rng.Between(min_month, 12));
    cap.day = static_cast<uint8_t>(rng.Between(1, 28));
    const double prob = Logistic(Logit(p, static_cast<int>(k), in_safety, late));
    const bool draw = rng.Bernoulli(prob);
    cap.recorded = draw && year <= c.last_year && year <= kLastYear + 1;
    (*out)[k] = cap;
  }
}

}  // namespace recount::sim
