// Test-only helper: loads a capture table from tests/data/mse/<name>.csv for the unit tests of
// src/stats. Library code never includes this (stats does no file I/O); the CSV reader used by
// users lives in src/app/estimate_table.cc.
#pragma once

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "stats/capture_table.h"
#include "base/source_dir.h"

namespace recount::stats::testing {

inline CaptureTable LoadTable(const std::string& name) {
  std::ifstream in(SourceDir() + "/tests/data/mse/" + name + ".csv");
  std::string line;
  std::getline(in, line);
  std::vector<std::string> names;
  std::stringstream hs(line);
  for (std::string cell; std::getline(hs, cell, ',');) names.push_back(cell);
  names.pop_back();  // count
  std::vector<PatternCount> rows;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::stringstream ls(line);
    std::string cell;
    PatternCount p;
    for (size_t j = 0; j < names.size(); ++j) {
      std::getline(ls, cell, ',');
      if (cell == "1") p.mask |= uint32_t{1} << j;
    }
    std::getline(ls, cell, ',');
    p.count = std::stoll(cell);
    rows.push_back(p);
  }
  return CaptureTable::FromCounts(names, rows).value();
}

}  // namespace recount::stats::testing
