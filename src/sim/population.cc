#include "sim/population.h"

#include <algorithm>

namespace recount::sim {

std::string_view ActCode(ActType t) {
  static constexpr std::string_view kCodes[kActTypeCount] = {
      "trafficking",      "forced_marriage",     "rape",
      "sexual_violence",  "sexual_exploitation", "forced_labour",
      "forced_abortion",  "infanticide",         "invasive_search",
      "torture",          "arbitrary_detention", "forced_repatriation",
      "death_in_custody", "family_separation"};
  return kCodes[static_cast<int>(t)];
}

std::string_view PerpetratorCode(Perpetrator p) {
  static constexpr std::string_view kCodes[] = {
      "trafficker",         "broker",          "buyer",     "buyer_family",   "employer",
      "police_cn",          "border_guard_cn", "police_kp", "state_security", "prison_guard",
      "detention_official", "unknown"};
  return kCodes[static_cast<int>(p)];
}

bool Person::Has(ActType t) const {
  for (const auto& a : acts) {
    if (a.type == t) return true;
  }
  return false;
}

namespace {

enum Stage { kChina = 0, kArrest = 1, kBorder = 2, kCamp = 3 };
constexpr const char* kStageNames[4] = {"china", "arrest", "border", "camp"};
constexpr int kLastMonth = (kLastYear - kFirstYear) * 12 + 11;  // December 2024

// Builds one person's story in months since January 2000; acts past December 2024 are not added
// and end the story.
class Story {
 public:
  Story(Person* p, Rng* rng) : p_(p), rng_(rng) {}
  bool Add(ActType type, Perpetrator perp, int month, uint16_t place) {
    if (month > kLastMonth) {
      ended_ = true;
      return false;
    }
    if (ended_) return false;
    SimAct a;
    a.type = type;
    a.perpetrator = perp;
    a.year = static_cast<uint16_t>(kFirstYear + month / 12);
    a.month = static_cast<uint8_t>(month % 12 + 1);
    a.day = static_cast<uint8_t>(rng_->Between(1, 28));
    a.place = place;
    p_->acts.push_back(a);
    return true;
  }
  bool ended() const { return ended_; }

 private:
  Person* p_;
  Rng* rng_;
  bool ended_ = false;
};

// Months spent in China before arrest or onward escape: a mixture of short and long stays.
int StayMonths(Rng& rng) {
  int stay = rng.Between(1, 24);
  if (rng.Bernoulli(0.5)) stay += rng.Between(0, 96);
  return stay;
}

int AgeAtCrossing(bool female, Rng& rng) {
  // Age bands (lo, hi, weight); women skew young, girls are about one in ten.
  struct Band {
    int lo, hi;
    double w;
  };
  static constexpr Band kWomen[] = {
      {12, 17, 10}, {18, 24, 30}, {25, 34, 35}, {35, 44, 20}, {45, 55, 5}};
  static constexpr Band kMen[] = {
      {14, 17, 5}, {18, 24, 25}, {25, 34, 35}, {35, 44, 25}, {45, 55, 10}};
  const Band* bands = female ? kWomen : kMen;
  double total = 0;
  for (int i = 0; i < 5; ++i) total += bands[i].w;
  double u = rng.Uniform() * total;
  int i = 0;
  while (i < 4 && u >= bands[i].w) u -= bands[i++].w;
  return rng.Between(bands[i].lo, bands[i].hi);
}

}  // namespace

PopulationModel::PopulationModel(const SimData& data, const NameModel& names, uint64_t seed)
    : data_(data), names_(names), seed_(seed) {
  std::vector<double> w;
  for (const auto& p : data.provinces) w.push_back(p.weight);
  province_ = Categorical(w);
  w.clear();
  for (const auto& [year, weight] : data.crossings) {
    crossing_years_.push_back(year);
    w.push_back(year >= kFirstYear && year <= kLastYear ? weight : 0);
  }
  crossing_year_ = Categorical(w);
  for (int s = 0; s < 4; ++s) {
    std::vector<double> sw;
    for (size_t i = 0; i < data.places.size(); ++i) {
      if (data.places[i].stage == kStageNames[s]) {
        stage_idx_[s].push_back(static_cast<uint16_t>(i));
        sw.push_back(data.places[i].weight);
      }
    }
    stage_[s] = Categorical(sw);
  }
}

void PopulationModel::Generate(uint32_t id, Person* p) const {
  Rng rng(DeriveSeed(seed_, {1, id}));
  auto place = [&](int stage) { return stage_idx_[stage][stage_[stage].Sample(rng)]; };
  auto pick = [&](Perpetrator a, Perpetrator b, double pa) { return rng.Bernoulli(pa) ? a : b; };

  p->id = id;
  p->acts.clear();
  p->died = false;
  p->exit_year = 0;
  p->female = rng.Bernoulli(0.85);
  p->name = names_.Sample(p->female, rng);
  p->province = static_cast<uint8_t>(province_.Sample(rng));
  p->visibility = rng.StandardNormalApprox();
  p->church_contact = rng.Bernoulli(0.25);

  const int cross_year = crossing_years_[crossing_year_.Sample(rng)];
  const int t0 = (cross_year - kFirstYear) * 12 + rng.Between(0, 11);
  p->crossing_year = static_cast<uint16_t>(cross_year);
  const int age = AgeAtCrossing(p->female, rng);
  p->minor_at_crossing = age < 18;
  p->birth_year = static_cast<uint16_t>(cross_year - age);
  p->birth_month = static_cast<uint8_t>(rng.Between(1, 12));
  p->birth_day = static_cast<uint8_t>(rng.Between(1, 28));

  Story story(p, &rng);
  int t = t0;
  bool married = false;
  const uint16_t china = place(kChina);
  // In China.
  if (p->female && rng.Bernoulli(0.75)) {
    t += rng.Between(0, 2);
    story.Add(ActType::kTrafficking, pick(Perpetrator::kTrafficker, Perpetrator::kBroker, 0.5), t,
              china);
    if (rng.Bernoulli(0.7)) {
      married = true;
      t += rng.Between(0, 6);
      story.Add(ActType::kForcedMarriage, Perpetrator::kBuyer, t, china);
      if (rng.Bernoulli(0.4)) story.Add(ActType::kRape, Perpetrator::kBuyer, t, china);
      if (rng.Bernoulli(0.15))
        story.Add(ActType::kSexualViolence, Perpetrator::kBuyerFamily, t + 1, china);
      if (rng.Bernoulli(0.2))
        story.Add(ActType::kForcedLabour, Perpetrator::kBuyerFamily, t + 2, china);
    } else {
      // Sold into prostitution, later also online sexual exploitation ("cybersex").
      const double pe = cross_year >= 2010 ? 0.75 : 0.5;
      t += rng.Between(0, 3);
      if (rng.Bernoulli(pe))
        story.Add(ActType::kSexualExploitation, Perpetrator::kEmployer, t, china);
      if (rng.Bernoulli(0.3))
        story.Add(ActType::kRape, pick(Perpetrator::kEmployer, Perpetrator::kTrafficker, 0.5), t,
                  china);
      if (rng.Bernoulli(0.15))
        story.Add(ActType::kForcedLabour, Perpetrator::kEmployer, t + 1, china);
    }
  } else if (!p->female && rng.Bernoulli(0.05)) {
    story.Add(ActType::kTrafficking, Perpetrator::kBroker, t, china);
    story.Add(ActType::kForcedLabour, Perpetrator::kEmployer, t + 1, china);
  } else if (rng.Bernoulli(0.4)) {
    story.Add(ActType::kForcedLabour, Perpetrator::kEmployer, t + rng.Between(0, 6), china);
  }

  // Arrest and forced repatriation.
  const int stay = StayMonths(rng);
  const bool arrested = rng.Bernoulli(p->female ? 0.45 : 0.55);
  if (arrested && !story.ended()) {
    int ta = t0 + stay;
    const uint16_t where = place(kArrest);
    const int year = kFirstYear + ta / 12;
    if (year >= 2020 && year <= 2022 && ta <= kLastMonth) {
      // Border closed: held in China until the mass refoulement of October 2023.
      story.Add(ActType::kArbitraryDetention, Perpetrator::kPoliceCn, ta, where);
      ta = (2023 - kFirstYear) * 12 + 9;
    } else {
      ta += rng.Between(0, 2);
    }
    if (story.Add(ActType::kForcedRepatriation,
                  pick(Perpetrator::kPoliceCn, Perpetrator::kBorderGuardCn, 0.8), ta, where)) {
      if (married && rng.Bernoulli(0.5)) {
        story.Add(ActType::kFamilySeparation, Perpetrator::kPoliceCn, ta, where);
      }
      const uint16_t border = place(kBorder);
      int td = ta + rng.Between(0, 1);
      if (rng.Bernoulli(0.97)) {
        story.Add(ActType::kArbitraryDetention,
                  pick(Perpetrator::kStateSecurity, Perpetrator::kPoliceKp, 0.7), td, border);
      }
      if (rng.Bernoulli(p->female ? 0.55 : 0.3)) {
        story.Add(ActType::kInvasiveSearch, Perpetrator::kDetentionOfficial, td, border);
      }
      if (rng.Bernoulli(0.65)) {
        story.Add(ActType::kTorture,
                  pick(Perpetrator::kStateSecurity, Perpetrator::kDetentionOfficial, 0.6), td,
                  border);
      }
      if (p->female) {
        const bool pregnant = rng.Bernoulli(married ? 0.25 : 0.08);
        if (pregnant) {
          if (rng.Bernoulli(0.8)) {
            story.Add(ActType::kForcedAbortion, Perpetrator::kDetentionOfficial, td + 1, border);
          } else if (rng.Bernoulli(0.3)) {
            story.Add(ActType::kInfanticide, Perpetrator::kPrisonGuard, td + 1, border);
          }
        }
        if (rng.Bernoulli(0.15)) {
          story.Add(ActType::kSexualViolence,
                    pick(Perpetrator::kPrisonGuard, Perpetrator::kDetentionOfficial, 0.5), td,
                    border);
        }
      }
      int tr = td + rng.Between(1, 3);
      if (rng.Bernoulli(0.45)) {
        const uint16_t camp = place(kCamp);
        const int tc = td + rng.Between(1, 4);
        story.Add(ActType::kArbitraryDetention, Perpetrator::kPrisonGuard, tc, camp);
        if (rng.Bernoulli(0.9))
          story.Add(ActType::kForcedLabour, Perpetrator::kPrisonGuard, tc, camp);
        tr = tc + rng.Between(6, 36);
      }
      if (rng.Bernoulli(0.015) && !story.ended()) {
        p->died = story.Add(ActType::kDeathInCustody, Perpetrator::kUnknown, tr, place(kCamp));
      }
      if (!p->died && rng.Bernoulli(0.5)) {
        // Escaped again after release; some are trafficked again.
        int t2 = tr + rng.Between(6, 24);
        if (kFirstYear + t2 / 12 >= 2020 && kFirstYear + t2 / 12 <= 2022) t2 += 36;
        if (p->female && rng.Bernoulli(0.5)) {
          story.Add(ActType::kTrafficking, Perpetrator::kBroker, t2, place(kChina));
        }
        const int te = t2 + rng.Between(1, 24);
        if (rng.Bernoulli(0.6) && te <= kLastMonth)
          p->exit_year = static_cast<uint16_t>(kFirstYear + te / 12);
      }
    }
  } else if (!arrested) {
    const int te = t0 + stay + rng.Between(1, 12);
    if (rng.Bernoulli(0.75) && te <= kLastMonth)
      p->exit_year = static_cast<uint16_t>(kFirstYear + te / 12);
  }

  if (p->acts.empty()) {
    // Everyone in the population is a victim of at least one act.
    story = Story(p, &rng);
    if (p->female) {
      story.Add(ActType::kTrafficking, Perpetrator::kTrafficker, std::min(t0, kLastMonth), china);
    } else {
      story.Add(ActType::kForcedLabour, Perpetrator::kEmployer, std::min(t0, kLastMonth), china);
    }
  }
  std::stable_sort(p->acts.begin(), p->acts.end(), [](const SimAct& a, const SimAct& b) {
    return a.year != b.year ? a.year < b.year : a.month < b.month;
  });
}

}  // namespace recount::sim
