// Use cases `recount dedupe` and `recount evaluate` on CSV files (no store).
//
// Dedupe reads one CSV file (or two with link_with: then only pairs across the files are linked),
// maps columns to linkage fields with a LinkageConfig, runs the linkage pipeline
// (linkage/linker.h) and writes clusters.csv: one row per input record with its id, its cluster id
// and its source file, plus any kept columns. Optionally writes the scored links that formed the
// clusters. Evaluate compares a clusters.csv with known entities (a column, or a separate file).
//
// Contract: bad input returns a Status naming file, line, column and what to do; nothing is
// written when reading fails. Thread-safety: functions are independent.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/linkage_config.h"
#include "base/result.h"
#include "linkage/block.h"
#include "linkage/evaluate.h"
#include "linkage/linker.h"

namespace recount::app {

// Entity labels: the column's value, or the first capture group of `pattern` matched against it
// ("rec-([0-9]+)" turns Febrl's rec-12-dup-0 into 12).
struct TruthSpec {
  std::string column;
  std::string pattern;
};

struct DedupeRequest {
  std::string input;
  std::string link_with;  // optional second file
  LinkageConfig config;
  std::string out;        // clusters.csv
  std::string pairs_out;  // optional: links kept, with probabilities
  // Optional, for diagnosis: every candidate pair scored at least `candidates_floor`, with its
  // comparison level per field, its log2 Bayes factor and its probability (docs/linkage.md,
  // "Diagnosis"). A floor of 0 writes every candidate pair.
  std::string candidates_out;
  double candidates_floor = 0.01;
  std::vector<std::string> keep_columns;
  bool korean_names = false;  // add the Korean name stage (linkage/korean_normalize.h)
  std::optional<TruthSpec> truth;  // when known: blocking recall and accuracy in the report
};

// Birth dates that could not be read (a truncated "-0050-01-0", "next tuesday"): linked as
// missing, counted and reported, not dropped silently.
struct UnreadableDates {
  size_t count = 0;
  std::string first;  // file:line, column, record and the parser's message
};

struct DedupeReport {
  size_t records = 0;
  uint64_t candidate_pairs = 0;
  uint64_t distinct_patterns = 0;
  uint32_t clusters = 0;
  size_t links = 0;
  size_t split_components = 0;
  std::vector<linkage::RuleStats> rule_stats;
  linkage::Model model;
  std::optional<linkage::BlockingRecall> blocking;
  std::optional<linkage::Evaluation> evaluation;
  UnreadableDates unreadable_dates;
  double seconds = 0;
};

Result<DedupeReport> RunDedupe(const DedupeRequest& request);

struct EvaluateRequest {
  std::string clusters;     // clusters.csv from dedupe
  std::string truth;        // a column of clusters.csv, or a CSV file
  std::string truth_id = "id";         // when truth is a file: its id column
  std::string truth_column = "truth";  // when truth is a file: its entity column
  std::string pattern;      // optional capture pattern applied to the truth value
};

Result<linkage::Evaluation> RunEvaluate(const EvaluateRequest& request);

// Human-readable summaries (the CLI prints these).
std::string FormatReport(const DedupeReport& report);
std::string FormatEvaluation(const linkage::Evaluation& ev);

}  // namespace recount::app
