#include "sim/truth_writer.h"

#include <cstdio>

namespace recount::sim {

TruthTotals::TruthTotals(size_t provinces, size_t sources)
    : persons_by_province(provinces, 0),
      acts_by_year_type(kYears),
      records_by_source(sources, 0),
      rows_by_source(sources, 0),
      capture_histories(size_t{1} << sources, 0) {
  for (auto& row : acts_by_year_type) row.fill(0);
}

void TruthTotals::Add(const Person& p, const std::vector<Capture>& captures) {
  ++persons;
  acts += p.acts.size();
  if (p.exit_year != 0 && !p.died) ++reached_safety;
  if (p.died) ++died_in_custody;
  if (p.minor_at_crossing) ++minors;
  const int sex = p.female ? 0 : 1;
  ++persons_by_sex[sex];
  ++persons_by_province[p.province];
  ++persons_by_crossing_year[p.crossing_year - kFirstYear];
  bool year_seen[kYears] = {};
  bool type_seen[kActTypeCount] = {};
  for (const auto& a : p.acts) {
    const int y = a.year - kFirstYear;
    const int t = static_cast<int>(a.type);
    ++acts_by_year[y];
    ++acts_by_type[t];
    ++acts_by_year_type[y][t];
    if (!year_seen[y]) ++victims_by_year[y];
    if (!type_seen[t]) {
      ++victims_by_type[t];
      ++victims_by_sex_type[sex][t];
    }
    year_seen[y] = true;
    type_seen[t] = true;
  }
  uint64_t pattern = 0;
  for (size_t k = 0; k < captures.size(); ++k) {
    if (captures[k].recorded) {
      pattern |= uint64_t{1} << k;
      ++records_by_source[k];
    }
  }
  if (pattern != 0) ++observed;
  ++capture_histories[pattern];
}

void TruthTotals::Merge(const TruthTotals& o) {
  persons += o.persons;
  acts += o.acts;
  reached_safety += o.reached_safety;
  died_in_custody += o.died_in_custody;
  minors += o.minors;
  observed += o.observed;
  for (int i = 0; i < 2; ++i) persons_by_sex[i] += o.persons_by_sex[i];
  for (size_t i = 0; i < persons_by_province.size(); ++i) {
    persons_by_province[i] += o.persons_by_province[i];
  }
  for (int y = 0; y < kYears; ++y) {
    persons_by_crossing_year[y] += o.persons_by_crossing_year[y];
    victims_by_year[y] += o.victims_by_year[y];
    acts_by_year[y] += o.acts_by_year[y];
    for (int t = 0; t < kActTypeCount; ++t) acts_by_year_type[y][t] += o.acts_by_year_type[y][t];
  }
  for (int t = 0; t < kActTypeCount; ++t) {
    acts_by_type[t] += o.acts_by_type[t];
    victims_by_type[t] += o.victims_by_type[t];
    for (int s = 0; s < 2; ++s) victims_by_sex_type[s][t] += o.victims_by_sex_type[s][t];
  }
  for (size_t k = 0; k < records_by_source.size(); ++k) {
    records_by_source[k] += o.records_by_source[k];
    rows_by_source[k] += o.rows_by_source[k];
  }
  for (size_t i = 0; i < capture_histories.size(); ++i) {
    capture_histories[i] += o.capture_histories[i];
  }
}

std::string CaptureTableCsv(const TruthTotals& t, const std::vector<SourceProfile>& profiles) {
  std::string o;
  for (const auto& p : profiles) o += p.name + ",";
  o += "count\n";
  for (size_t pattern = 1; pattern < t.capture_histories.size(); ++pattern) {
    if (t.capture_histories[pattern] == 0) continue;
    for (size_t k = 0; k < profiles.size(); ++k) o += (pattern >> k & 1) ? "1," : "0,";
    o += std::to_string(t.capture_histories[pattern]) + "\n";
  }
  return o;
}

std::string PersonId(uint32_t id) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "P%07u", id + 1);
  return buf;
}

namespace {

// JSON string literal; our keys and names are plain UTF-8 without control characters, but quote
// and backslash are escaped anyway.
std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

template <typename Names, typename Values>
void Object(std::string* out, std::string_view key, const Names& name_of, const Values& values,
            size_t n, const char* indent) {
  *out += std::string(indent) + Quote(key) + ": {";
  for (size_t i = 0; i < n; ++i) {
    *out += (i == 0 ? "" : ", ") + Quote(name_of(i)) + ": " + std::to_string(values[i]);
  }
  *out += "}";
}

}  // namespace

std::string TruthTotalsJson(const TruthTotals& t, const SimData& data,
                            const std::vector<SourceProfile>& profiles, uint64_t seed) {
  std::string o = "{\n";
  const char* in = "  ";
  auto num = [&](std::string_view key, uint64_t v) {
    o += std::string(in) + Quote(key) + ": " + std::to_string(v) + ",\n";
  };
  o += "  \"generator\": \"recount simulate\",\n";
  num("seed", seed);
  num("persons", t.persons);
  num("acts", t.acts);
  num("persons_observed", t.observed);
  num("persons_unobserved", t.persons - t.observed);
  num("persons_reached_safety", t.reached_safety);
  num("persons_died_in_custody", t.died_in_custody);
  num("persons_minor_at_crossing", t.minors);
  const std::array<std::string, 2> sexes = {"female", "male"};
  Object(
      &o, "persons_by_sex", [&](size_t i) { return sexes[i]; }, t.persons_by_sex, 2, in);
  o += ",\n";
  Object(
      &o, "persons_by_origin_province", [&](size_t i) { return data.provinces[i].name_en; },
      t.persons_by_province, t.persons_by_province.size(), in);
  o += ",\n";
  auto year = [](size_t i) { return std::to_string(kFirstYear + i); };
  Object(&o, "persons_by_crossing_year", year, t.persons_by_crossing_year, kYears, in);
  o += ",\n";
  Object(&o, "victims_by_year", year, t.victims_by_year, kYears, in);
  o += ",\n";
  Object(&o, "acts_by_year", year, t.acts_by_year, kYears, in);
  o += ",\n";
  auto act = [](size_t i) { return std::string(ActCode(static_cast<ActType>(i))); };
  Object(&o, "acts_by_type", act, t.acts_by_type, kActTypeCount, in);
  o += ",\n";
  Object(&o, "victims_by_type", act, t.victims_by_type, kActTypeCount, in);
  o += ",\n";
  o += "  \"victims_by_sex_and_type\": {\n";
  for (int s = 0; s < 2; ++s) {
    Object(&o, sexes[s], act, t.victims_by_sex_type[s], kActTypeCount, "    ");
    o += s == 0 ? ",\n" : "\n";
  }
  o += "  },\n";
  o += "  \"acts_by_year_and_type\": {\n";
  for (int y = 0; y < kYears; ++y) {
    Object(&o, year(y), act, t.acts_by_year_type[y], kActTypeCount, "    ");
    o += y + 1 < kYears ? ",\n" : "\n";
  }
  o += "  },\n";
  o += "  \"sources\": [\n";
  for (size_t k = 0; k < profiles.size(); ++k) {
    o += "    {\"name\": " + Quote(profiles[k].name) +
         ", \"file\": " + Quote(profiles[k].name + ".csv") +
         ", \"mapping\": " + Quote(profiles[k].name + ".map") +
         ", \"records\": " + std::to_string(t.records_by_source[k]) +
         ", \"rows\": " + std::to_string(t.rows_by_source[k]) + "}";
    o += k + 1 < profiles.size() ? ",\n" : "\n";
  }
  o += "  ],\n";
  // Capture histories: one character per source in source order, '1' = recorded. Only patterns
  // that occur; "00000" is the number of persons no list recorded.
  o += "  \"capture_histories\": {";
  bool first = true;
  for (size_t pattern = 0; pattern < t.capture_histories.size(); ++pattern) {
    if (t.capture_histories[pattern] == 0) continue;
    std::string key(profiles.size(), '0');
    for (size_t k = 0; k < profiles.size(); ++k) {
      if (pattern & (size_t{1} << k)) key[k] = '1';
    }
    o += (first ? "\n    " : ",\n    ") + Quote(key) + ": " +
         std::to_string(t.capture_histories[pattern]);
    first = false;
  }
  o += "\n  }\n}\n";
  return o;
}

}  // namespace recount::sim
