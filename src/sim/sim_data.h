// SimData: the frequency tables and vocabularies the simulator draws from, loaded from data/sim/,
// data/vocab/ and data/gazetteer/ (see data/sim/README.md for where each number comes from).
//
// Contract: Load() reads small, trusted CSV tables (one record per line, RFC 4180 quoting without
// embedded line breaks, '#' comment lines); any missing file, column or bad number is an error
// naming the file and line. The loaded value is immutable and may be shared across threads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace recount::sim {

// A small CSV table: header names and rows of fields.
struct Table {
  std::string path;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int> lines;  // 1-based line number of each row, for messages

  // Index of column `name`, or an error naming the file and its columns.
  Result<size_t> Column(std::string_view name) const;
};

// Reads `path` as a Table.
Result<Table> ReadTable(const std::string& path);

// Splits one CSV line (RFC 4180 quoting, no embedded line breaks).
std::vector<std::string> SplitCsvLine(std::string_view line);

struct Surname {
  std::string south, north, hanja;
  double share;
};

struct GivenSyllable {
  char sex;      // 'F' or 'M'
  int position;  // 1 or 2
  std::string north, south;
  double weight;
};

// A gazetteer place with its spellings in several scripts (data/gazetteer/places.csv).
struct SimPlace {
  std::string stage;  // provinces: "province"; events: china, arrest, border, camp
  std::string gazetteer_id;
  std::string name_en, hangul_north, hangul_south, hanzi;
  std::string latin_alt;             // pinyin for places in China, McCune-Reischauer otherwise
  std::vector<std::string> aliases;  // Revised Romanization and the gazetteer's aliases
  double weight = 0;
};

// One vocabulary term: code, English and Korean labels, aliases.
struct VocabTerm {
  std::string code, en, ko;
  std::vector<std::string> aliases;
};

struct SimData {
  std::vector<Surname> surnames;
  std::vector<GivenSyllable> given;
  std::vector<SimPlace> provinces;
  std::vector<SimPlace> places;
  std::vector<std::pair<int, double>> crossings;  // year, relative weight
  std::vector<VocabTerm> acts, perpetrators, sexes, connections, reliability, consent;

  // Loads every table below `data_dir` (the repository's data/ folder).
  static Result<SimData> Load(const std::string& data_dir);

  // The vocabulary term with `code`, or nullptr.
  static const VocabTerm* Find(const std::vector<VocabTerm>& vocab, std::string_view code);
};

}  // namespace recount::sim
