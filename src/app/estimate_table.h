// Use case: `recount estimate --table FILE.csv`: read an aggregated capture table from a CSV file
// and run the multiple systems estimators of recount::stats on it.
//
// File format (docs/estimation.md): UTF-8 CSV, header with one column per list (0/1 cells) and a
// `count` column (persons seen on exactly that combination of lists). At least 3 lists. Every
// problem is reported as "FILE:LINE: what is wrong; what to do": the all-zero pattern, duplicate
// patterns, negative or non-integer counts, cells other than 0/1, wrong number of fields.
//
// Results are returned as data (EstimateReport) and rendered by FormatEstimateReport (a table for
// people) or EstimateReportJson (for programs). Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "stats/capture_table.h"
#include "stats/mse.h"

namespace recount::app {

// Parses CSV text; `filename` is only used in messages.
Result<stats::CaptureTable> ParseCaptureTableCsv(std::string_view text, std::string_view filename);
Result<stats::CaptureTable> ReadCaptureTableCsv(const std::string& path);

struct EstimateReport {
  std::string source;  // file name
  std::vector<std::string> list_names;
  int64_t observed = 0;
  size_t patterns = 0;  // distinct observed patterns with a positive count
  std::vector<stats::PatternCount> pattern_counts;  // those patterns and their counts, by mask
  std::vector<stats::Estimate> estimates;
  std::vector<std::string> warnings;  // comparisons between methods
};

Result<EstimateReport> EstimateTable(const stats::CaptureTable& table, std::string source,
                                     const std::vector<stats::Method>& methods,
                                     const stats::MseOptions& options);
Result<EstimateReport> EstimateTableFile(const std::string& path,
                                         const std::vector<stats::Method>& methods,
                                         const stats::MseOptions& options);

std::string FormatEstimateReport(const EstimateReport& report);
std::string EstimateReportJson(const EstimateReport& report);

}  // namespace recount::app
