#include "linkage/score.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>
#include <vector>

namespace recount::linkage {

namespace {

constexpr double kFloor = 1e-6;

// Prior m: higher levels are more likely among matches (geometric in the level).
double PriorM(int level, int levels) {
  const int top = levels - 1;
  if (level == top) return 0.85;
  return 0.15 * std::pow(0.3, top - 1 - level) / 1.45;
}

void Normalise(std::array<double, kMaxLevels>* a, int levels) {
  double s = 0;
  for (int l = 1; l < levels; ++l) s += (*a)[l] = std::max((*a)[l], kFloor);
  for (int l = 1; l < levels; ++l) (*a)[l] /= s;
}

// Agreement must never be evidence against a match: the likelihood ratio m/u is made
// non-decreasing in the level by pooling adjacent violators (isotonic regression on the ratio),
// keeping u and rescaling m. Without it EM on blocked pairs can settle on a "match" class that
// means "same family name" (observed on RLdata10000).
void MonotoneRatio(FieldModel* fm) {
  const int L = fm->levels;
  // Blocks of levels [start, end) with pooled m and u.
  std::vector<int> start;
  std::vector<double> bm, bu;
  for (int l = 1; l < L; ++l) {
    start.push_back(l);
    bm.push_back(fm->m[l]);
    bu.push_back(fm->u[l]);
    while (bm.size() >= 2 &&
           bm[bm.size() - 2] / bu[bu.size() - 2] > bm.back() / bu.back()) {
      bm[bm.size() - 2] += bm.back();
      bu[bu.size() - 2] += bu.back();
      bm.pop_back();
      bu.pop_back();
      start.pop_back();
    }
  }
  for (size_t b = 0; b < start.size(); ++b) {
    int end = b + 1 < start.size() ? start[b + 1] : L;
    double ratio = bm[b] / bu[b];
    for (int l = start[b]; l < end; ++l) fm->m[l] = ratio * fm->u[l];
  }
  Normalise(&fm->m, L);
}

// Splits date level 5 (one of year, month, day differs, not by a typo) by the component that
// differs. Random pairs land in "only the year differs" when they agree on month and day (1 in
// ~365), in "only the month differs" when they agree on year and day (far rarer): u of each
// sub-level is P(the other two agree) * P(this one differs, not by a typo), from the value
// frequencies of the records' full dates (agreement exactly; the differing component's non-typo
// share from a fixed sample of value pairs). m is taken as shared equally (a replaced value is
// as likely in any component), so only u's split changes the weight. Level 6 (a typo) is not
// split: a typo's chance grows with the digits written (four in a year, one or two in a month),
// so equal shares would be wrong there, and splitting it cost historical_50k 0.011 of F1.
std::array<double, 3> DateComponentBits(const std::vector<PartialDate>& birth) {
  std::array<double, 3> bits{};
  std::vector<std::array<int, 3>> full;
  for (const PartialDate& d : birth) {
    if (d.exact_year() && d.month != 0 && d.day != 0) full.push_back({d.year_lo, d.month, d.day});
  }
  if (full.size() < 50) return bits;
  const double n = static_cast<double>(full.size());
  std::array<double, 3> u{};
  double total = 0;
  for (int c = 0; c < 3; ++c) {
    // P(agree on the two components other than c).
    std::map<std::pair<int, int>, int> counts;
    for (const auto& d : full) ++counts[{d[(c + 1) % 3], d[(c + 2) % 3]}];
    double agree_others = 0;
    for (const auto& [k, v] : counts) agree_others += (v / n) * (v / n);
    // P(component c differs, not by a typo) over a fixed pseudo-random sample of record pairs.
    uint64_t state = 0x9E3779B97F4A7C15ull;
    auto next = [&state]() {
      state ^= state << 13, state ^= state >> 7, state ^= state << 17;
      return state;
    };
    constexpr int kSamples = 20000;
    int other = 0;
    for (int s = 0; s < kSamples; ++s) {
      const int x = full[next() % full.size()][c], y = full[next() % full.size()][c];
      other += x != y && !TypoApart(x, y);
    }
    u[c] = agree_others * (other + 1.0) / kSamples;
    total += u[c];
  }
  // log2 of m's share (a third) over u's share.
  for (int c = 0; c < 3; ++c) bits[c] = std::log2((1.0 / 3.0) / (u[c] / total));
  return bits;
}

}  // namespace

void Model::UpdateWeights() {
  for (auto& f : fields) {
    f.w[0] = 0;
    for (int l = 1; l < f.levels; ++l) f.w[l] = std::log2(f.m[l] / f.u[l]);
  }
  error_bits_.clear();
  bool any = false;
  for (double b : error_beta) any = any || b != 0.0;
  const int nf = static_cast<int>(fields.size());
  if (!any || nf == 0 || nf > kMaxFields) return;
  const uint32_t masks = uint32_t{1} << nf;
  error_bits_.resize(size_t{masks} * kErrorClasses);
  for (uint32_t mask = 0; mask < masks; ++mask) {
    const std::array<double, kErrorClasses> a = ErrorClassPrior(mask);
    double z = 0;
    for (int k = 0; k < kErrorClasses; ++k) z += a[k] * std::exp(error_beta[k]);
    for (int k = 0; k < kErrorClasses; ++k) {
      error_bits_[size_t{mask} * kErrorClasses + k] =
          static_cast<float>((error_beta[k] - std::log(z)) / std::log(2.0));
    }
  }
}

std::array<double, Model::kErrorClasses> Model::ErrorClassPrior(uint32_t known) const {
  std::array<double, kErrorClasses> a{};
  a[0] = 1;
  for (size_t f = 0; f < fields.size(); ++f) {
    if (!(known >> f & 1)) continue;
    const FieldModel& fm = fields[f];
    double e = 0;
    for (int l = 1; l < fm.levels; ++l) e += fm.error[l] ? fm.m[l] : 0.0;
    // Convolution with one Bernoulli(e), the last class absorbing "that many or more".
    a[kErrorClasses - 1] += a[kErrorClasses - 2] * e;
    for (int k = kErrorClasses - 2; k >= 1; --k) a[k] = a[k] * (1 - e) + a[k - 1] * e;
    a[0] *= 1 - e;
  }
  return a;
}

void Model::CountErrors(const Levels& l, int* errors, uint32_t* known) const {
  int k = 0;
  uint32_t mask = 0;
  const int nf = static_cast<int>(fields.size());
  for (int f = 0; f < nf; ++f) {
    if (l[f] == 0) continue;
    mask |= uint32_t{1} << f;
    k += fields[f].error[l[f]];
  }
  *errors = std::min(k, kErrorClasses - 1);
  *known = mask;
}

double Model::ErrorBits(const Levels& l) const {
  if (error_bits_.empty()) return 0.0;
  int k = 0;
  uint32_t mask = 0;
  CountErrors(l, &k, &mask);
  return error_bits_[size_t{mask} * kErrorClasses + k];
}

double Model::Weight(const Levels& l, const Prepared* p, uint32_t i, uint32_t j) const {
  double w = 0;
  const int nf = static_cast<int>(fields.size());
  for (int f = 0; f < nf; ++f) {
    const FieldModel& fm = fields[f];
    w += fm.w[l[f]];
    if (tf_adjust && p != nullptr && fm.kind == CompareKind::kName && l[f] == fm.levels - 1 &&
        fm.u_exact_population > 0) {
      // Splink's adjustment: Bayes factor times u_exact / tf(value). Using the larger of the two
      // records' frequencies keeps it conservative when they agree on a secondary variant.
      double tf = std::max(p->tf[f][i], p->tf[f][j]);
      if (tf > 0) w += std::log2(fm.u_exact_population / tf);
    }
  }
  w += ErrorBits(l);
  // Date level 5: which component differs (one test per pair, not per field).
  if (p != nullptr && p->date_field >= 0 && p->date_field < nf) {
    const int dl = l[p->date_field];
    if (dl == 5) {
      const int c = DifferingComponent(p->birth[i], p->birth[j]);
      if (c >= 0) w += fields[p->date_field].component_bits[c];
    }
  }
  if (p != nullptr && lambda_same_list >= 0 && p->source[i] == p->source[j]) {
    w += std::log2(lambda_same_list / (1 - lambda_same_list)) - std::log2(lambda / (1 - lambda));
  }
  return w;
}

double Model::Probability(double weight) const {
  double prior = std::log2(lambda / (1 - lambda));
  double x = weight + prior;
  if (x > 60) return 1.0;
  if (x < -60) return 0.0;
  double odds = std::exp2(x);
  return odds / (1 + odds);
}

Model InitialModel(const Prepared& p, const PatternCounts& random_pairs,
                   const FixedParameters& fixed) {
  Model model;
  const int nf = static_cast<int>(std::min<size_t>(p.fields.size(), kMaxFields));
  model.fields.resize(nf);
  for (int f = 0; f < nf; ++f) {
    FieldModel& fm = model.fields[f];
    fm.name = p.fields[f].name;
    fm.kind = p.fields[f].kind;
    fm.levels = LevelCount(fm.kind);
    for (int l = 1; l < fm.levels; ++l) fm.error[l] = IsErrorLevel(fm.kind, l);
    // u: observed level frequencies among random pairs, with one pseudo-count per level.
    for (int l = 1; l < fm.levels; ++l) fm.u[l] = 1.0;
    for (const auto& [key, c] : random_pairs) {
      int l = PatternLevel(key, f);
      if (l > 0) fm.u[l] += static_cast<double>(c);
    }
    Normalise(&fm.u, fm.levels);
    for (int l = 1; l < fm.levels; ++l) fm.m[l] = PriorM(l, fm.levels);
    Normalise(&fm.m, fm.levels);
    if (auto it = fixed.m.find(fm.name); it != fixed.m.end()) {
      for (int l = 1; l < fm.levels && l - 1 < static_cast<int>(it->second.size()); ++l) {
        fm.m[l] = it->second[l - 1];
      }
      fm.fixed_m = true;
    }
    if (auto it = fixed.u.find(fm.name); it != fixed.u.end()) {
      for (int l = 1; l < fm.levels && l - 1 < static_cast<int>(it->second.size()); ++l) {
        fm.u[l] = it->second[l - 1];
      }
      fm.fixed_u = true;
    }
    if (fm.kind == CompareKind::kDate) fm.component_bits = DateComponentBits(p.birth);
    if (fm.kind == CompareKind::kName && !p.tf[f].empty()) {
      // sum over values of tf^2 = sum over records of tf(record's value) / n.
      double s = 0;
      size_t nonempty = 0;
      for (float t : p.tf[f]) {
        if (t > 0) s += t, ++nonempty;
      }
      fm.u_exact_population = nonempty ? s / static_cast<double>(nonempty) : 0.0;
    }
  }
  if (fixed.lambda > 0 && fixed.lambda < 1) {
    model.lambda = fixed.lambda;
    model.fixed_lambda = true;
  }
  model.UpdateWeights();
  return model;
}

void FitEm(const PatternCounts& counts, int nfields, Model* model, int max_iter) {
  struct Row {
    uint64_t key;
    double count;
  };
  std::vector<Row> rows;
  rows.reserve(counts.size());
  double total = 0;
  for (const auto& [k, c] : counts) {
    rows.push_back({k, static_cast<double>(c)});
    total += static_cast<double>(c);
  }
  if (rows.empty()) return;
  double prev_ll = -INFINITY;
  int iter = 0;
  for (; iter < max_iter; ++iter) {
    std::vector<std::array<double, kMaxLevels>> mm(nfields), uu(nfields);
    for (int f = 0; f < nfields; ++f) mm[f].fill(0), uu[f].fill(0);
    double match_mass = 0, ll = 0;
    for (const Row& r : rows) {
      double lm = std::log(model->lambda), lu = std::log(1 - model->lambda);
      for (int f = 0; f < nfields; ++f) {
        int l = PatternLevel(r.key, f);
        if (l == 0) continue;
        lm += std::log(model->fields[f].m[l]);
        lu += std::log(model->fields[f].u[l]);
      }
      double mx = std::max(lm, lu);
      double den = std::exp(lm - mx) + std::exp(lu - mx);
      double g = std::exp(lm - mx) / den;
      ll += r.count * (mx + std::log(den));
      match_mass += g * r.count;
      for (int f = 0; f < nfields; ++f) {
        int l = PatternLevel(r.key, f);
        if (l == 0) continue;
        mm[f][l] += g * r.count;
        uu[f][l] += (1 - g) * r.count;
      }
    }
    for (int f = 0; f < nfields; ++f) {
      FieldModel& fm = model->fields[f];
      if (!fm.fixed_u) {
        for (int l = 1; l < fm.levels; ++l) fm.u[l] = uu[f][l] + 1e-3;
        Normalise(&fm.u, fm.levels);
      }
      if (!fm.fixed_m) {
        for (int l = 1; l < fm.levels; ++l) fm.m[l] = mm[f][l] + 1e-3;
        Normalise(&fm.m, fm.levels);
        MonotoneRatio(&fm);
      }
    }
    if (!model->fixed_lambda) {
      model->lambda = std::clamp(match_mass / total, 1e-9, 1 - 1e-9);
    }
    if (std::abs(ll - prev_ll) < 1e-8 * std::abs(ll)) break;
    prev_ll = ll;
  }
  model->em_iterations = iter;
  model->UpdateWeights();
}

std::vector<double> FitSharesAndErrors(const std::vector<PatternStratum>& strata, bool errors,
                                       Model* model) {
  constexpr int K = Model::kErrorClasses;
  model->error_beta.fill(0.0);
  model->UpdateWeights();
  // Per pattern: weight without the error term, error class, the class prior of its known fields.
  struct Row {
    double w0, count;
    int k;
    const std::array<double, K>* prior;
  };
  std::unordered_map<uint32_t, std::array<double, K>> priors;
  std::vector<std::vector<Row>> rows(strata.size());
  for (size_t s = 0; s < strata.size(); ++s) {
    for (const auto& [lv, c] : strata[s].patterns) {
      int k = 0;
      uint32_t mask = 0;
      model->CountErrors(lv, &k, &mask);
      auto it = priors.find(mask);
      if (it == priors.end()) it = priors.emplace(mask, model->ErrorClassPrior(mask)).first;
      rows[s].push_back({model->Weight(lv), c, k, &it->second});
    }
  }
  std::vector<double> lambda(strata.size(), model->lambda);
  std::array<double, K> beta{};
  Model m = *model;
  for (int it = 0; it < 200; ++it) {
    std::array<double, K> target{}, expected_k{}, e{};
    for (int k = 0; k < K; ++k) e[k] = std::exp(beta[k]);
    double change = 0;
    for (size_t s = 0; s < strata.size(); ++s) {
      m.lambda = lambda[s];
      double expected = 0;
      for (const Row& r : rows[s]) {
        double z = 0;
        for (int k = 0; k < K; ++k) z += (*r.prior)[k] * e[k];
        const double g = m.Probability(r.w0 + (beta[r.k] - std::log(z)) / std::log(2.0));
        expected += r.count * g;
        target[r.k] += r.count * g;
        for (int k = 0; k < K; ++k) expected_k[k] += r.count * g * (*r.prior)[k] * e[k] / z;
      }
      const double next = std::clamp(expected / std::max(strata[s].pairs, 1.0), 1e-12, 0.5);
      change = std::max(change, std::abs(next - lambda[s]) / next);
      lambda[s] = next;
    }
    if (errors) {
      // Iterative proportional fitting of the error-count margin, class 0 the reference.
      for (int k = 1; k < K; ++k) {
        if (target[k] <= 0 || expected_k[k] <= 0 || target[0] <= 0 || expected_k[0] <= 0) continue;
        const double next = std::clamp(
            beta[k] + std::log(target[k] / expected_k[k]) - std::log(target[0] / expected_k[0]),
            -10.0, 5.0);
        change = std::max(change, std::abs(next - beta[k]));
        beta[k] = next;
      }
    }
    if (change < 1e-6) break;
  }
  model->error_beta = beta;
  model->UpdateWeights();
  return lambda;
}

}  // namespace recount::linkage
