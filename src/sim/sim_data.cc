#include "sim/sim_data.h"

#include <charconv>
#include <fstream>

#include "model/gazetteer.h"

namespace recount::sim {

std::vector<std::string> SplitCsvLine(std::string_view line) {
  std::vector<std::string> fields;
  std::string cur;
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (quoted) {
      if (c == '"') {
        if (i + 1 < line.size() && line[i + 1] == '"') {
          cur.push_back('"');
          ++i;
        } else {
          quoted = false;
        }
      } else {
        cur.push_back(c);
      }
    } else if (c == '"' && cur.empty()) {
      quoted = true;
    } else if (c == ',') {
      fields.push_back(std::move(cur));
      cur.clear();
    } else {
      cur.push_back(c);
    }
  }
  fields.push_back(std::move(cur));
  return fields;
}

Result<size_t> Table::Column(std::string_view name) const {
  for (size_t i = 0; i < header.size(); ++i) {
    if (header[i] == name) return i;
  }
  std::string cols;
  for (const auto& h : header) cols += (cols.empty() ? "" : ", ") + h;
  return InvalidArgument(path + ": no column '" + std::string(name) + "' (columns: " + cols +
                         "); restore the file from the repository");
}

Result<Table> ReadTable(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return NotFound("cannot open " + path +
                    "; the simulator needs the repository's data/ folder (set "
                    "RECOUNT_DATA_DIR or run from a checkout)");
  }
  Table t;
  t.path = path;
  std::string line;
  int lineno = 0;
  while (std::getline(in, line)) {
    ++lineno;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (lineno == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (line.empty() || line[0] == '#') continue;
    auto fields = SplitCsvLine(line);
    if (t.header.empty()) {
      t.header = std::move(fields);
      continue;
    }
    if (fields.size() != t.header.size()) {
      return InvalidArgument(path + ":" + std::to_string(lineno) + ": expected " +
                             std::to_string(t.header.size()) + " fields, found " +
                             std::to_string(fields.size()));
    }
    t.rows.push_back(std::move(fields));
    t.lines.push_back(lineno);
  }
  if (t.header.empty()) return InvalidArgument(path + ": empty table (no header line)");
  return t;
}

namespace {

Result<double> ParseNumber(const Table& t, size_t row, size_t col) {
  const std::string& s = t.rows[row][col];
  double v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || v < 0) {
    return InvalidArgument(t.path + ":" + std::to_string(t.lines[row]) + ": column '" +
                           t.header[col] + "' must be a non-negative number, found '" + s + "'");
  }
  return v;
}

std::vector<std::string> SplitSemicolons(const std::string& s) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(';', start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

Result<std::vector<VocabTerm>> LoadVocab(const std::string& path) {
  ASSIGN_OR_RETURN(Table t, ReadTable(path));
  ASSIGN_OR_RETURN(size_t code, t.Column("code"));
  ASSIGN_OR_RETURN(size_t en, t.Column("en"));
  ASSIGN_OR_RETURN(size_t ko, t.Column("ko"));
  ASSIGN_OR_RETURN(size_t aliases, t.Column("aliases"));
  std::vector<VocabTerm> out;
  for (const auto& r : t.rows) {
    out.push_back({r[code], r[en], r[ko], SplitSemicolons(r[aliases])});
  }
  return out;
}

Result<std::vector<SimPlace>> LoadPlaces(const std::string& path, bool provinces,
                                         const model::Gazetteer& gazetteer) {
  ASSIGN_OR_RETURN(Table t, ReadTable(path));
  size_t stage = 0;
  if (!provinces) {
    ASSIGN_OR_RETURN(stage, t.Column("stage"));
  }
  ASSIGN_OR_RETURN(size_t id, t.Column("gazetteer_id"));
  ASSIGN_OR_RETURN(size_t w, t.Column(provinces ? "share_percent" : "weight"));
  std::vector<SimPlace> out;
  for (size_t i = 0; i < t.rows.size(); ++i) {
    const auto& r = t.rows[i];
    const model::Place* g = gazetteer.Get(r[id]);
    if (g == nullptr) {
      return InvalidArgument(t.path + ":" + std::to_string(t.lines[i]) + ": gazetteer id '" +
                             r[id] + "' is not in data/gazetteer/places.csv");
    }
    SimPlace p;
    p.stage = provinces ? "province" : r[stage];
    p.gazetteer_id = g->id;
    p.name_en = g->name_en;
    p.hangul_north = g->hangul_north.empty() ? g->hangul_south : g->hangul_north;
    p.hangul_south = g->hangul_south.empty() ? g->hangul_north : g->hangul_south;
    p.hanzi = g->hanzi;
    const bool china = g->id.rfind("cn", 0) == 0;
    p.latin_alt = china && !g->pinyin.empty() ? g->pinyin : g->mr;
    if (p.hanzi.empty()) p.hanzi = p.hangul_north;
    if (p.latin_alt.empty()) p.latin_alt = p.name_en;
    if (!g->rr.empty()) p.aliases.push_back(g->rr);
    for (const auto& a : g->aliases) p.aliases.push_back(a);
    ASSIGN_OR_RETURN(p.weight, ParseNumber(t, i, w));
    out.push_back(std::move(p));
  }
  return out;
}

}  // namespace

const VocabTerm* SimData::Find(const std::vector<VocabTerm>& vocab, std::string_view code) {
  for (const auto& v : vocab) {
    if (v.code == code) return &v;
  }
  return nullptr;
}

Result<SimData> SimData::Load(const std::string& data_dir) {
  SimData d;
  const std::string sim = data_dir + "/sim/";
  const std::string vocab = data_dir + "/vocab/";
  {
    ASSIGN_OR_RETURN(Table t, ReadTable(sim + "surnames.csv"));
    ASSIGN_OR_RETURN(size_t s, t.Column("hangul_south"));
    ASSIGN_OR_RETURN(size_t n, t.Column("hangul_north"));
    ASSIGN_OR_RETURN(size_t h, t.Column("hanja"));
    ASSIGN_OR_RETURN(size_t w, t.Column("share_percent"));
    for (size_t i = 0; i < t.rows.size(); ++i) {
      ASSIGN_OR_RETURN(double share, ParseNumber(t, i, w));
      d.surnames.push_back({t.rows[i][s], t.rows[i][n], t.rows[i][h], share});
    }
  }
  {
    ASSIGN_OR_RETURN(Table t, ReadTable(sim + "given_syllables.csv"));
    ASSIGN_OR_RETURN(size_t sx, t.Column("sex"));
    ASSIGN_OR_RETURN(size_t pos, t.Column("position"));
    ASSIGN_OR_RETURN(size_t n, t.Column("north"));
    ASSIGN_OR_RETURN(size_t s, t.Column("south"));
    ASSIGN_OR_RETURN(size_t w, t.Column("weight"));
    for (size_t i = 0; i < t.rows.size(); ++i) {
      const auto& r = t.rows[i];
      if ((r[sx] != "F" && r[sx] != "M") || (r[pos] != "1" && r[pos] != "2")) {
        return InvalidArgument(t.path + ":" + std::to_string(t.lines[i]) +
                               ": sex must be F or M and position 1 or 2");
      }
      ASSIGN_OR_RETURN(double weight, ParseNumber(t, i, w));
      d.given.push_back({r[sx][0], r[pos][0] - '0', r[n], r[s], weight});
    }
  }
  ASSIGN_OR_RETURN(model::Gazetteer gazetteer,
                   model::Gazetteer::Load(data_dir + "/gazetteer/places.csv"));
  ASSIGN_OR_RETURN(d.provinces, LoadPlaces(sim + "provinces.csv", true, gazetteer));
  ASSIGN_OR_RETURN(d.places, LoadPlaces(sim + "places.csv", false, gazetteer));
  {
    ASSIGN_OR_RETURN(Table t, ReadTable(sim + "crossings.csv"));
    ASSIGN_OR_RETURN(size_t y, t.Column("year"));
    ASSIGN_OR_RETURN(size_t w, t.Column("weight"));
    for (size_t i = 0; i < t.rows.size(); ++i) {
      ASSIGN_OR_RETURN(double year, ParseNumber(t, i, y));
      ASSIGN_OR_RETURN(double weight, ParseNumber(t, i, w));
      d.crossings.emplace_back(static_cast<int>(year), weight);
    }
  }
  ASSIGN_OR_RETURN(d.acts, LoadVocab(vocab + "act_types.csv"));
  ASSIGN_OR_RETURN(d.perpetrators, LoadVocab(vocab + "perpetrator_types.csv"));
  ASSIGN_OR_RETURN(d.sexes, LoadVocab(vocab + "sexes.csv"));
  ASSIGN_OR_RETURN(d.connections, LoadVocab(vocab + "source_connections.csv"));
  ASSIGN_OR_RETURN(d.reliability, LoadVocab(vocab + "reliability.csv"));
  ASSIGN_OR_RETURN(d.consent, LoadVocab(vocab + "consent.csv"));
  if (d.surnames.empty() || d.provinces.empty() || d.crossings.empty()) {
    return InvalidArgument(data_dir + ": a simulator table is empty; restore data/sim/");
  }
  for (const char* stage : {"china", "arrest", "border", "camp"}) {
    bool found = false;
    for (const auto& p : d.places) found = found || p.stage == stage;
    if (!found) {
      return InvalidArgument(sim + "places.csv: no place with stage '" + std::string(stage) + "'");
    }
  }
  return d;
}

}  // namespace recount::sim
