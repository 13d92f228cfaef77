#include "cli/progress.h"

#include <iomanip>
#include <ostream>

namespace recount::cli {

ProgressBar::ProgressBar(std::ostream* err, bool enabled, std::string label)
    : err_(err),
      enabled_(enabled),
      label_(std::move(label)),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

ProgressBar::~ProgressBar() {
  if (drawn_) *err_ << "\r\033[K" << std::flush;
}

void ProgressBar::Update(uint64_t done, uint64_t total) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  if (now - start_ < std::chrono::seconds(1)) return;  // only for long work
  if (drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  constexpr int kWidth = 30;
  double frac = total == 0 ? 0.0 : static_cast<double>(done) / static_cast<double>(total);
  if (frac > 1) frac = 1;
  int filled = static_cast<int>(frac * kWidth);
  *err_ << "\r" << label_ << " [" << std::string(filled, '#') << std::string(kWidth - filled, ' ')
        << "] " << std::setw(3) << static_cast<int>(frac * 100) << "%" << std::flush;
}

}  // namespace recount::cli
