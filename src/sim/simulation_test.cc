#include "sim/simulation.h"

#include <gtest/gtest.h>

#include <map>
#include <mutex>
#include <set>
#include <sstream>

#include "base/utf8.h"
#include "sim/source_writer.h"
#include "base/source_dir.h"

namespace recount::sim {
namespace {

class MemorySink : public FileSink {
 public:
  Status Write(const std::string& name, std::string_view bytes) override {
    std::lock_guard<std::mutex> lock(mu_);
    files[name].append(bytes);
    return Status();
  }
  std::map<std::string, std::string> files;

 private:
  std::mutex mu_;
};

std::string DataDir() { return SourceDir() + "/data"; }

std::map<std::string, std::string> Simulate(uint64_t persons, int sources, uint64_t seed,
                                            int threads = 2) {
  SimConfig c;
  c.persons = persons;
  c.sources = sources;
  c.seed = seed;
  c.threads = threads;
  auto sim = Simulation::Create(c, DataDir());
  EXPECT_TRUE(sim.ok()) << sim.status().ToString();
  if (!sim.ok()) return {};
  MemorySink sink;
  auto summary = (*sim)->Run(sink);
  EXPECT_TRUE(summary.ok()) << summary.status().ToString();
  return sink.files;
}

// Splits a CSV text (no embedded line breaks in simulator output) into records of fields.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text, char delim) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> fields;
    std::string cur;
    bool quoted = false;
    for (size_t i = 0; i < line.size(); ++i) {
      char c = line[i];
      if (quoted) {
        if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
          cur.push_back('"');
          ++i;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.push_back(c);
        }
      } else if (c == '"' && cur.empty()) {
        quoted = true;
      } else if (c == delim) {
        fields.push_back(cur);
        cur.clear();
      } else {
        cur.push_back(c);
      }
    }
    EXPECT_FALSE(quoted) << line;
    fields.push_back(cur);
    rows.push_back(fields);
  }
  return rows;
}

// Mapping file: field -> header, and the delimiter.
std::map<std::string, std::string> ParseMapping(const std::string& text) {
  std::map<std::string, std::string> m;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const size_t eq = line.find(" = ");
    EXPECT_NE(eq, std::string::npos) << line;
    if (eq == std::string::npos) continue;
    m[line.substr(0, eq)] = line.substr(eq + 3);
  }
  return m;
}

TEST(SimulationTest, SameSeedSameBytesWhateverTheThreads) {
  auto a = Simulate(3000, 5, 17, 2);
  auto b = Simulate(3000, 5, 17, 1);
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, b);
  auto c = Simulate(3000, 5, 18, 2);
  EXPECT_NE(a.at("kr_ngo.csv"), c.at("kr_ngo.csv"));
  EXPECT_NE(a.at("truth.csv"), c.at("truth.csv"));
}

TEST(SimulationTest, RejectsBadOptions) {
  SimConfig c;
  c.sources = 2;
  EXPECT_FALSE(Simulation::Create(c, DataDir()).ok());
  c.sources = 21;
  EXPECT_FALSE(Simulation::Create(c, DataDir()).ok());
  c.sources = 5;
  c.persons = 0;
  EXPECT_FALSE(Simulation::Create(c, DataDir()).ok());
  c.persons = 10;
  auto missing = Simulation::Create(c, "/nonexistent/data");
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("surnames.csv"), std::string::npos);
}

TEST(SimulationTest, FilesParseWithTheirMappingsAndMatchTheTruth) {
  const int k = 7;  // more than the five templates
  auto files = Simulate(4000, k, 3);
  ASSERT_EQ(files.size(), 2u * k + 3);
  auto truth = ParseCsv(files.at("truth.csv"), ',');
  ASSERT_EQ(truth[0], (std::vector<std::string>{"source", "record_id", "person_id"}));
  std::map<std::pair<std::string, std::string>, std::string> person_of;
  for (size_t i = 1; i < truth.size(); ++i) {
    ASSERT_EQ(truth[i].size(), 3u);
    EXPECT_TRUE(person_of.emplace(std::make_pair(truth[i][0], truth[i][1]), truth[i][2]).second)
        << "duplicate record " << truth[i][0] << " " << truth[i][1];
  }
  static const std::set<std::string> kFields = {
      "record_id",   "person_ref",    "full_name",   "surname",
      "given_name",  "name_variants", "sex",         "birth_date",
      "age",         "origin",        "act",         "event_date",
      "event_place", "perpetrator",   "involvement", "testimony_date",
      "interviewer", "language",      "connection",  "reliability",
      "consent",     "narrative",     "delimiter",   "ignore_unknown"};
  size_t records_seen = 0;
  std::set<std::string> names;
  for (const auto& [file, text] : files) {
    if (file.size() < 4 || file.substr(file.size() - 4) != ".map") continue;
    const std::string source = file.substr(0, file.size() - 4);
    names.insert(source);
    auto mapping = ParseMapping(text);
    for (const auto& [field, header] : mapping) EXPECT_TRUE(kFields.count(field)) << field;
    const char delim = mapping.count("delimiter") ? mapping["delimiter"][0] : ',';
    const std::string& csv = files.at(source + ".csv");
    EXPECT_TRUE(IsValidUtf8(csv));
    auto rows = ParseCsv(csv, delim);
    ASSERT_GE(rows.size(), 2u) << source;
    const auto& header = rows[0];
    std::map<std::string, size_t> col;
    for (size_t i = 0; i < header.size(); ++i) col[header[i]] = i;
    for (const auto& [field, h] : mapping) {
      if (field == "delimiter" || field == "ignore_unknown") continue;
      EXPECT_TRUE(col.count(h)) << source << ": mapping names missing column " << h;
    }
    if (!mapping.count("ignore_unknown")) {
      EXPECT_EQ(header.size(), mapping.size() - mapping.count("delimiter")) << source;
    }
    const size_t id_col = col.at(mapping.at("record_id"));
    const size_t act_col = col.at(mapping.at("act"));
    std::string last_id;
    std::map<std::string, std::vector<std::string>> first_row;
    for (size_t r = 1; r < rows.size(); ++r) {
      ASSERT_EQ(rows[r].size(), header.size()) << source << " line " << r + 1;
      const std::string& id = rows[r][id_col];
      EXPECT_FALSE(id.empty());
      EXPECT_FALSE(rows[r][act_col].empty());
      EXPECT_TRUE(person_of.count({source, id})) << source << " " << id;
      if (id != last_id) {
        // Rows of a record are contiguous.
        EXPECT_FALSE(first_row.count(id)) << source << " " << id << " is split";
        first_row[id] = rows[r];
        ++records_seen;
      } else if (mapping.count("full_name")) {
        // Person fields agree with the first row or are blank.
        const size_t c = col.at(mapping.at("full_name"));
        EXPECT_TRUE(rows[r][c].empty() || rows[r][c] == first_row[id][c]);
      }
      last_id = id;
    }
  }
  EXPECT_EQ(names.size(), static_cast<size_t>(k));
  EXPECT_EQ(records_seen, truth.size() - 1);
  // The capture table's counts add up to the persons seen; each list's margin to its records.
  auto table = ParseCsv(files.at("capture_table.csv"), ',');
  ASSERT_EQ(table[0].size(), static_cast<size_t>(k) + 1);
  EXPECT_EQ(table[0].back(), "count");
  std::map<std::string, uint64_t> margin;
  for (size_t r = 1; r < table.size(); ++r) {
    const uint64_t count = std::stoull(table[r].back());
    for (int j = 0; j < k; ++j) {
      if (table[r][j] == "1") margin[table[0][j]] += count;
    }
  }
  std::map<std::string, uint64_t> records;
  for (size_t i = 1; i < truth.size(); ++i) ++records[truth[i][0]];
  EXPECT_EQ(margin, records);
}

TEST(SimulationTest, OrganisationsWriteNamesInTheirScripts) {
  auto files = Simulate(2000, 5, 5);
  auto latin_share = [&](const std::string& file, size_t col, char delim) {
    auto rows = ParseCsv(files.at(file), delim);
    size_t latin = 0, named = 0;
    for (size_t r = 1; r < rows.size(); ++r) {
      const std::string& name = rows[r][col];
      if (name.empty()) continue;
      ++named;
      if (name.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ") != std::string::npos) ++latin;
    }
    return named == 0 ? 0.0 : static_cast<double>(latin) / named;
  };
  EXPECT_GT(latin_share("intl_ngo.csv", 1, ','), 0.8);        // romanised by korean::Romanize
  EXPECT_LT(latin_share("kr_ngo.csv", 1, ','), 0.15);         // Hangul
  EXPECT_EQ(latin_share("church_network.csv", 1, ','), 0.0);  // Hangul only
  // North Korean forms: the church network writes 리 where the Seoul NGO writes 이.
  EXPECT_NE(files.at("church_network.csv").find(",리"), std::string::npos);
}

TEST(SimulationTest, ListsOverlapWithPositiveDependenceAndMissPeople) {
  SimConfig c;
  c.persons = 20000;
  c.seed = 11;
  auto sim = Simulation::Create(c, DataDir());
  ASSERT_TRUE(sim.ok());
  MemorySink sink;
  auto s = (*sim)->Run(sink);
  ASSERT_TRUE(s.ok());
  const TruthTotals& t = s->totals;
  const double n = static_cast<double>(t.persons);
  EXPECT_GT(t.persons - t.observed, 0.15 * n);  // many are on no list
  EXPECT_GT(t.observed, 0.4 * n);
  for (size_t k = 0; k < 5; ++k) {
    EXPECT_GT(t.records_by_source[k], 0.02 * n) << k;
    EXPECT_LT(t.records_by_source[k], 0.6 * n) << k;
  }
  // Two-list (Lincoln-Petersen) estimates from lists with positive dependence undercount: the
  // shared visibility makes the overlap too large.
  auto both = [&](int a, int b) {
    uint64_t m = 0;
    for (size_t p = 0; p < t.capture_histories.size(); ++p) {
      if ((p >> a & 1) && (p >> b & 1)) m += t.capture_histories[p];
    }
    return static_cast<double>(m);
  };
  const double lp = t.records_by_source[0] * double(t.records_by_source[2]) / both(0, 2);
  EXPECT_LT(lp, 0.9 * n);
  // Ratio of observed to expected-under-independence overlap above one for this pair.
  EXPECT_GT(both(0, 2) * n / (t.records_by_source[0] * double(t.records_by_source[2])), 1.1);
}

}  // namespace
}  // namespace recount::sim
