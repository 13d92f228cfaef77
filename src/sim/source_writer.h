// SourceWriter: writes one simulated organisation's list as CSV, one row per act against one
// victim, in the columns, scripts and habits of its SourceProfile, plus the mapping file that
// tells `recount import` which column holds which field (docs/import-format.md).
//
// Contract: rows of one record share record_id; person and testimony fields are identical on
// every row of a record or, for profiles with repeat_person_fields = false, blank on later rows.
// Only acts dated no later than the testimony are written; at least one act per record.
// WriteRecord is deterministic in (seed, source index, person id). The writer borrows its
// arguments, which must outlive it. Thread-safe (const).
#pragma once

#include <cstdint>
#include <string>

#include "base/result.h"
#include "sim/capture_model.h"
#include "sim/spelling_noise.h"

namespace recount::sim {

// Appends `field` to *out with RFC 4180 quoting when needed for `delimiter`.
void AppendCsvField(std::string_view field, char delimiter, std::string* out);

class SourceWriter {
 public:
  // Fails when a vocabulary code the simulator uses is missing from data/vocab.
  static Result<SourceWriter> Create(const SimData& data, const NameModel& names,
                                     const SpellingNoise& noise, const SourceProfile& profile,
                                     int source_index, uint64_t seed);

  // The CSV header line (with "\n").
  std::string Header() const;
  // The mapping file for `csv_name`.
  std::string MappingFile(const std::string& csv_name) const;
  // The record id of the `sequence`-th record (1-based) taken in `testimony_year`.
  std::string RecordId(uint64_t sequence, int testimony_year) const;

  // Appends the rows of person p's record to *out; returns the number of rows.
  size_t WriteRecord(const Person& p, const Capture& cap, const std::string& record_id,
                     std::string* out) const;

  const SourceProfile& profile() const { return *profile_; }

 private:
  SourceWriter() = default;

  const SimData* data_ = nullptr;
  const NameModel* names_ = nullptr;
  const SpellingNoise* noise_ = nullptr;
  const SourceProfile* profile_ = nullptr;
  int index_ = 0;
  uint64_t seed_ = 0;
  std::vector<int> fields_;  // field id per column
  std::vector<const VocabTerm*> acts_, perps_;
  const VocabTerm* sex_[2] = {nullptr, nullptr};
  std::vector<const VocabTerm*> connection_;  // victim, family, hearsay
  std::vector<const VocabTerm*> reliability_, consent_;
};

}  // namespace recount::sim
