#include "sim/rng.h"

#include <algorithm>
#include <cassert>

namespace recount::sim {

uint64_t SplitMix64(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

uint64_t DeriveSeed(uint64_t seed, std::initializer_list<uint64_t> ids) {
  uint64_t state = seed;
  uint64_t h = SplitMix64(&state);
  for (uint64_t id : ids) {
    state = h ^ (id * 0xD6E8FEB86659FD93ULL);
    h = SplitMix64(&state);
  }
  return h;
}

namespace {
inline uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
}  // namespace

Rng::Rng(uint64_t seed) {
  uint64_t state = seed;
  for (uint64_t& s : s_) s = SplitMix64(&state);
}

uint64_t Rng::Next() {
  const uint64_t result = Rotl(s_[1] * 5, 7) * 9;
  const uint64_t t = s_[1] << 17;
  s_[2] ^= s_[0];
  s_[3] ^= s_[1];
  s_[1] ^= s_[2];
  s_[0] ^= s_[3];
  s_[2] ^= t;
  s_[3] = Rotl(s_[3], 45);
  return result;
}

double Rng::Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

uint64_t Rng::Below(uint64_t n) {
  assert(n > 0);
  unsigned __int128 m = static_cast<unsigned __int128>(Next()) * n;
  uint64_t low = static_cast<uint64_t>(m);
  if (low < n) {
    const uint64_t threshold = (0 - n) % n;
    while (low < threshold) {
      m = static_cast<unsigned __int128>(Next()) * n;
      low = static_cast<uint64_t>(m);
    }
  }
  return static_cast<uint64_t>(m >> 64);
}

int Rng::Between(int lo, int hi) {
  assert(lo <= hi);
  return lo + static_cast<int>(Below(static_cast<uint64_t>(hi - lo) + 1));
}

bool Rng::Bernoulli(double p) {
  if (p <= 0) return false;
  if (p >= 1) return true;
  return Uniform() < p;
}

double Rng::StandardNormalApprox() {
  double sum = 0;
  for (int i = 0; i < 12; ++i) sum += Uniform();
  return sum - 6.0;
}

Categorical::Categorical(const std::vector<double>& weights) {
  cumulative_.reserve(weights.size());
  double total = 0;
  for (double w : weights) {
    total += w > 0 ? w : 0;
    cumulative_.push_back(total);
  }
  assert(total > 0);
}

size_t Categorical::Sample(Rng& rng) const {
  assert(!cumulative_.empty());
  const double u = rng.Uniform() * cumulative_.back();
  size_t i = std::upper_bound(cumulative_.begin(), cumulative_.end(), u) - cumulative_.begin();
  // Guard against u landing exactly on the total through rounding; skip zero-weight tails.
  if (i >= cumulative_.size()) i = cumulative_.size() - 1;
  while (i > 0 && cumulative_[i] == cumulative_[i - 1]) --i;
  return i;
}

double Categorical::Probability(size_t i) const {
  const double prev = i == 0 ? 0 : cumulative_[i - 1];
  return (cumulative_[i] - prev) / cumulative_.back();
}

}  // namespace recount::sim

namespace recount::sim {

double PortableExp(double x) {
  if (x > 700) x = 700;
  if (x < -700) return 0;
  constexpr double kLn2 = 0.6931471805599453094;
  // x = k ln2 + r with |r| <= ln2 / 2.
  double kf = x / kLn2;
  long k = static_cast<long>(kf < 0 ? kf - 0.5 : kf + 0.5);
  double r = x - static_cast<double>(k) * kLn2;
  double term = 1, sum = 1;
  for (int i = 1; i <= 18; ++i) {
    term = term * r / i;
    sum += term;
  }
  // Multiply by 2^k exactly.
  double scale = 1;
  double two = k >= 0 ? 2.0 : 0.5;
  for (long i = 0, n = k >= 0 ? k : -k; i < n; ++i) scale *= two;
  return sum * scale;
}

double Logistic(double x) { return 1.0 / (1.0 + PortableExp(-x)); }

}  // namespace recount::sim
