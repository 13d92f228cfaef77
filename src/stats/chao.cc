#include "stats/chao.h"

#include <cmath>

namespace recount::stats {

Result<ChaoResult> ChaoLowerBound(const CaptureTable& table, double level) {
  if (!(level > 0 && level < 1)) return InvalidArgument("interval level must be in (0, 1)");
  const std::vector<int64_t> f = table.CaptureFrequencies();
  const double k = table.num_lists();
  const double a = (k - 1) / k;
  ChaoResult r;
  r.f1 = f[1];
  r.f2 = f[2];
  const double f1 = static_cast<double>(r.f1), f2 = static_cast<double>(r.f2);
  const double n = static_cast<double>(table.observed());
  if (r.f2 > 0) {
    r.unobserved = a * f1 * f1 / (2 * f2);
    const double q = f1 / f2;
    const double var = f2 * (a * a * std::pow(q, 4) / 4 + a * a * std::pow(q, 3) + a * q * q / 2);
    r.std_error = std::sqrt(var);
  } else {
    r.bias_corrected = true;
    r.unobserved = a * f1 * (f1 - 1) / 2;
    // Variance of the bias-corrected form with f2 = 0 (Chao 2005, eq. for f2 = 0).
    const double var = a * f1 * (f1 - 1) / 2 + a * a * f1 * std::pow(2 * f1 - 1, 2) / 4 -
                       a * a * std::pow(f1, 4) / (4 * std::max(1.0, n + r.unobserved));
    r.std_error = std::sqrt(std::max(0.0, var));
  }
  r.total = n + r.unobserved;
  // Normal quantile for the level by bisection on erfc.
  double zlo = 0, zhi = 10;
  for (int i = 0; i < 100; ++i) {
    const double z = 0.5 * (zlo + zhi);
    (std::erfc(z / std::sqrt(2.0)) > 1 - level ? zlo : zhi) = z;
  }
  if (r.unobserved > 0) {
    const double c = std::exp(
        zlo * std::sqrt(std::log(1 + r.std_error * r.std_error / (r.unobserved * r.unobserved))));
    r.lower = n + r.unobserved / c;
    r.upper = n + r.unobserved * c;
  } else {
    r.lower = r.upper = n;
  }
  return r;
}

}  // namespace recount::stats
