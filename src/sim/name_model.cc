#include "sim/name_model.h"

namespace recount::sim {

NameModel::NameModel(const SimData& data) : data_(data) {
  std::vector<double> w;
  for (const auto& s : data.surnames) w.push_back(s.share);
  surname_ = Categorical(w);
  for (int f = 0; f < 2; ++f) {
    for (int p = 0; p < 2; ++p) {
      std::vector<double> weights;
      for (size_t i = 0; i < data.given.size(); ++i) {
        const auto& g = data.given[i];
        if ((g.sex == 'F') == (f == 1) && g.position == p + 1) {
          idx_[f][p].push_back(static_cast<uint16_t>(i));
          weights.push_back(g.weight);
        }
      }
      if (!weights.empty()) given_[f][p] = Categorical(weights);
    }
  }
}

KoreanName NameModel::Sample(bool female, Rng& rng) const {
  KoreanName n;
  n.surname = static_cast<uint16_t>(surname_.Sample(rng));
  const int f = female ? 1 : 0;
  n.given1 = idx_[f][0][given_[f][0].Sample(rng)];
  n.given2 = idx_[f][1][given_[f][1].Sample(rng)];
  return n;
}

std::string NameModel::Surname(const KoreanName& n, bool north) const {
  const auto& s = data_.surnames[n.surname];
  return north ? s.north : s.south;
}

std::string NameModel::GivenSyllable(const KoreanName& n, int position, bool north) const {
  const auto& g = data_.given[position == 1 ? n.given1 : n.given2];
  return north || position == 2 ? g.north : g.south;
}

std::string NameModel::Given(const KoreanName& n, bool north) const {
  return GivenSyllable(n, 1, north) + GivenSyllable(n, 2, north);
}

}  // namespace recount::sim
