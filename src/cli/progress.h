// A progress bar on stderr for work that runs longer than a second. Hidden when stderr is not a
// terminal, so logs and pipes stay clean.
#pragma once

#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <string>

namespace recount::cli {

class ProgressBar {
 public:
  ProgressBar(std::ostream* err, bool enabled, std::string label);
  ~ProgressBar();  // clears the line if anything was drawn
  void Update(uint64_t done, uint64_t total);

 private:
  std::ostream* err_;
  bool enabled_;
  std::string label_;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  bool drawn_ = false;
};

}  // namespace recount::cli
