#include "app/dedupe.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <unordered_map>

#include "base/csv_writer.h"
#include "linkage/korean_normalize.h"
#include "base/csv_reader.h"
#include "base/utf8.h"

namespace recount::app {

namespace {

using linkage::Record;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

struct Table {
  std::string name;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  std::vector<int64_t> lines;
};

Result<Table> ReadTable(const std::string& path) {
  auto reader_or = CsvReader::Open(path);
  if (!reader_or.ok()) return reader_or.status();
  CsvReader& reader = **reader_or;
  Table t;
  t.name = path;
  std::vector<std::string> fields;
  ASSIGN_OR_RETURN(bool has, reader.Next(&fields));
  if (!has) return InvalidArgument(path + ": the file is empty; the first line must be a header");
  t.header = fields;
  while (true) {
    ASSIGN_OR_RETURN(bool more, reader.Next(&fields));
    if (!more) break;
    if (fields.size() != t.header.size()) {
      return InvalidArgument(path + ":" + std::to_string(reader.record_line()) + ": the row has " +
                             std::to_string(fields.size()) + " fields but the header has " +
                             std::to_string(t.header.size()) + "; fix the row's quoting or commas");
    }
    t.rows.push_back(fields);
    t.lines.push_back(reader.record_line());
  }
  return t;
}

Result<int> ColumnIndex(const Table& t, const std::string& column, const std::string& what) {
  std::string want = Lower(Trim(column));
  for (size_t c = 0; c < t.header.size(); ++c) {
    if (Lower(Trim(t.header[c])) == want) return static_cast<int>(c);
  }
  std::string cols;
  for (const auto& h : t.header) cols += (cols.empty() ? "" : ", ") + std::string(Trim(h));
  return InvalidArgument(t.name + ": column '" + column + "' (" + what +
                         ") is not in the header; the columns are: " + cols);
}

struct ResolvedField {
  const FieldMapping* mapping;
  std::vector<int> columns;
};

// Builds linkage records from a table. `source` is the list index. Dates that cannot be read are
// treated as missing and counted in `unreadable` (with the first example), unless they are more
// than kMaxUnreadableShare of a column's non-blank values: then the column is not a date column
// (a wrong mapping) and that is an error.
constexpr double kMaxUnreadableShare = 0.1;

Result<std::vector<Record>> ToRecords(const Table& t, const LinkageConfig& config, int source,
                                      linkage::Schema* schema, UnreadableDates* unreadable) {
  if (config.id_column.empty()) {
    return InvalidArgument("no id column: give --id COLUMN or 'id = COLUMN' in the config");
  }
  ASSIGN_OR_RETURN(int id_col, ColumnIndex(t, config.id_column, "the record id"));
  std::vector<ResolvedField> fields;
  for (const auto& fm : config.fields) {
    ResolvedField rf{&fm, {}};
    for (const auto& c : fm.columns) {
      ASSIGN_OR_RETURN(int idx, ColumnIndex(t, c, "mapped to field '" + fm.field + "'"));
      rf.columns.push_back(idx);
    }
    fields.push_back(std::move(rf));
  }
  *schema = {};
  for (const auto& rf : fields) {
    const std::string& f = rf.mapping->field;
    if (f == "full_name") schema->has_full_name = true;
    else if (f == "surname") schema->has_surname = true;
    else if (f == "given_name") schema->has_given = true;
    else if (f == "sex") schema->has_sex = true;
    else if (f == "birth_date" || f == "birth_year" || f == "age") schema->has_birth = true;
    else if (f == "place") schema->has_place = true;
    else if (!IsKnownField(f)) schema->other.push_back({f, rf.mapping->kind});
  }
  std::vector<Record> records;
  records.reserve(t.rows.size());
  size_t date_values = 0, table_unreadable = 0;
  std::string first_bad;
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const auto& row = t.rows[r];
    Record rec;
    rec.id = row[id_col];
    rec.source = source;
    int by = 0, bm = 0, bd = 0, age = -1, event_year = 0;
    std::string where_prefix = t.name + ":" + std::to_string(t.lines[r]);
    auto read_int = [&](const ResolvedField& rf, int lo, int hi, int* out) -> Status {
      std::string_view v = Trim(row[rf.columns[0]]);
      if (v.empty() || v == "NA") return Status::Ok();
      int x = 0;
      auto res = std::from_chars(v.data(), v.data() + v.size(), x);
      if (res.ec != std::errc() || res.ptr != v.data() + v.size() || x < lo || x > hi) {
        return InvalidArgument(where_prefix + ": column '" + t.header[rf.columns[0]] +
                               "' (field " + rf.mapping->field + ") of record '" + rec.id +
                               "' is '" + std::string(v) + "': expected a whole number " +
                               std::to_string(lo) + "-" + std::to_string(hi) + " or blank");
      }
      *out = x;
      return Status::Ok();
    };
    for (const auto& rf : fields) {
      const std::string& f = rf.mapping->field;
      std::vector<std::string> values;
      for (int c : rf.columns) {
        std::string_view v = Trim(row[c]);
        if (!v.empty() && v != "NA") values.emplace_back(v);
      }
      if (f == "full_name") rec.full_names = values;
      else if (f == "surname") rec.surnames = values;
      else if (f == "given_name") rec.given_names = values;
      else if (f == "place") rec.places = values;
      else if (f == "sex") rec.sex = values.empty() ? "" : values[0];
      else if (f == "birth_date") {
        if (!values.empty()) {
          ++date_values;
          auto d = linkage::ParsePartialDate(values[0]);
          if (!d.ok()) {
            std::string what = where_prefix + ": column '" + t.header[rf.columns[0]] +
                               "' of record '" + rec.id + "': " + d.status().message();
            if (unreadable->count == 0) unreadable->first = what;
            ++unreadable->count;
            ++table_unreadable;
            if (first_bad.empty()) first_bad = what;
          } else {
            rec.birth = *d;
          }
        }
      } else if (f == "birth_year") {
        RETURN_IF_ERROR(read_int(rf, 1, 9999, &by));
      } else if (f == "birth_month") {
        // Out-of-range months and days occur in real lists (typos of a real value: 19 for 12):
        // kept as written, the comparison treats them as a typo (docs/linkage.md#comparison).
        RETURN_IF_ERROR(read_int(rf, 0, 99, &bm));
      } else if (f == "birth_day") {
        RETURN_IF_ERROR(read_int(rf, 0, 99, &bd));
      } else if (f == "age") {
        RETURN_IF_ERROR(read_int(rf, 0, 150, &age));
      } else if (f == "event_year") {
        RETURN_IF_ERROR(read_int(rf, 1, 9999, &event_year));
      } else if (!IsKnownField(f)) {
        // Several columns: one text, or the items of a set.
        const bool set = rf.mapping->kind == linkage::FieldKind::kSet ||
                         rf.mapping->kind == linkage::FieldKind::kNumberSet ||
                         rf.mapping->kind == linkage::FieldKind::kPlaceSet;
        std::string joined;
        for (const auto& v : values) joined += (joined.empty() ? "" : set ? "|" : " ") + v;
        rec.other.push_back(joined);
      }
    }
    if (!rec.birth.known() && by != 0) {
      // A day is kept even when the month is missing: lists with separate columns lose one
      // component to a typo as often as any other (RLdata writes month 0).
      rec.birth = {by, by, bm, bd};
    }
    if (!rec.birth.known() && age >= 0 && event_year != 0) {
      rec.birth = linkage::PartialDate::FromAgeAtEvent(age, event_year);
    }
    records.push_back(std::move(rec));
  }
  if (table_unreadable > 0 &&
      static_cast<double>(table_unreadable) > kMaxUnreadableShare * static_cast<double>(date_values)) {
    return InvalidArgument(
        t.name + ": " + std::to_string(table_unreadable) + " of " + std::to_string(date_values) +
        " birth dates cannot be read, so the column mapped to birth_date does not hold dates; "
        "check the mapping. First: " + first_bad);
  }
  return records;
}

Result<std::vector<std::string>> TruthLabels(const Table& t, const TruthSpec& spec,
                                             const std::vector<std::string>* ids = nullptr) {
  ASSIGN_OR_RETURN(int col, ColumnIndex(t, spec.column, "the truth labels"));
  std::optional<std::regex> re;
  if (!spec.pattern.empty()) {
    try {
      re.emplace(spec.pattern);
    } catch (const std::regex_error& e) {
      return InvalidArgument("--truth-pattern '" + spec.pattern + "' is not a valid regular "
                             "expression (" + e.what() + ")");
    }
  }
  (void)ids;
  std::vector<std::string> labels;
  labels.reserve(t.rows.size());
  for (const auto& row : t.rows) {
    std::string v(Trim(row[col]));
    if (re && !v.empty()) {
      std::smatch m;
      if (std::regex_search(v, m, *re)) {
        v = m.size() > 1 ? m[1].str() : m[0].str();
      } else {
        v.clear();
      }
    }
    labels.push_back(v);
  }
  return labels;
}


// --candidates-out: the scored candidate pairs with their comparison vectors, for diagnosis.
Status WriteCandidates(const std::string& path, const std::vector<Record>& records,
                       const linkage::LinkResult& result) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return IoError("cannot write '" + path + "': check the directory exists");
  const linkage::Prepared& p = result.prepared;
  const linkage::Comparer comparer(&p);
  out << "id_a,id_b,cluster_a,cluster_b,bits,probability";
  for (int f = 0; f < comparer.nfields(); ++f) out << "," << CsvEscape(p.fields[f].name);
  out << "\n";
  char buf[64];
  linkage::Levels lv{};
  for (const linkage::Link& l : result.kept_pairs) {
    comparer.Compare(l.i, l.j, &lv);
    std::snprintf(buf, sizeof buf, ",%.3f,%.6f", result.model.Weight(lv, &p, l.i, l.j),
                  l.probability);
    out << CsvEscape(records[l.i].id) << "," << CsvEscape(records[l.j].id) << ","
        << result.clustering.cluster_of[l.i] << "," << result.clustering.cluster_of[l.j] << buf;
    for (int f = 0; f < comparer.nfields(); ++f) out << "," << static_cast<int>(lv[f]);
    out << "\n";
  }
  if (!out.flush()) return IoError("writing '" + path + "' failed (disk full?)");
  return Status();
}

std::string SourceName(const std::string& path) {
  return std::filesystem::path(path).stem().string();
}

}  // namespace

Result<DedupeReport> RunDedupe(const DedupeRequest& request) {
  auto start = std::chrono::steady_clock::now();
  std::vector<Table> tables;
  ASSIGN_OR_RETURN(Table first, ReadTable(request.input));
  tables.push_back(std::move(first));
  if (!request.link_with.empty()) {
    ASSIGN_OR_RETURN(Table second, ReadTable(request.link_with));
    tables.push_back(std::move(second));
  }
  std::vector<Record> records;
  linkage::Schema schema;
  std::vector<std::string> truth, source_names, kept;
  std::vector<std::string> source_of;
  UnreadableDates unreadable;
  for (size_t s = 0; s < tables.size(); ++s) {
    ASSIGN_OR_RETURN(auto recs, ToRecords(tables[s], request.config, static_cast<int>(s), &schema,
                                          &unreadable));
    if (request.truth) {
      ASSIGN_OR_RETURN(auto labels, TruthLabels(tables[s], *request.truth));
      truth.insert(truth.end(), labels.begin(), labels.end());
    }
    std::vector<int> keep_idx;
    for (const auto& k : request.keep_columns) {
      ASSIGN_OR_RETURN(int idx, ColumnIndex(tables[s], k, "named by --keep"));
      keep_idx.push_back(idx);
    }
    for (const auto& row : tables[s].rows) {
      std::string line;
      for (int idx : keep_idx) line += "," + CsvEscape(row[idx]);
      kept.push_back(std::move(line));
      source_of.push_back(SourceName(tables[s].name) + (tables.size() > 1 && s == 1 &&
                                                                SourceName(tables[0].name) ==
                                                                    SourceName(tables[1].name)
                                                            ? "_2"
                                                            : ""));
    }
    std::move(recs.begin(), recs.end(), std::back_inserter(records));
  }
  if (records.empty()) return InvalidArgument(request.input + ": no records to link");
  if (schema.other.size() + 6 > linkage::kMaxFields) {
    return InvalidArgument("too many fields mapped: at most " +
                           std::to_string(linkage::kMaxFields - 6) + " generic fields");
  }

  linkage::LinkOptions options = request.config.options;
  options.blocking.link_only = tables.size() > 1;
  if (!request.candidates_out.empty()) options.keep_floor = request.candidates_floor;
  std::vector<std::unique_ptr<linkage::NameStage>> stages;
  if (request.korean_names) stages.push_back(linkage::MakeKoreanNameStage());
  linkage::LinkResult result = linkage::RunLinkage(records, schema, stages, options);

  DedupeReport report;
  report.records = records.size();
  report.candidate_pairs = result.candidate_pairs;
  report.distinct_patterns = result.distinct_patterns;
  report.clusters = result.clustering.clusters;
  report.links = result.clustering.links.size();
  report.split_components = result.clustering.split_components;
  report.rule_stats = result.rule_stats;
  report.model = result.model;
  report.unreadable_dates = unreadable;

  if (request.truth) {
    linkage::Blocker blocker(&result.prepared,
                             linkage::DefaultRules(result.prepared, options.blocking),
                             options.blocking);
    report.blocking = linkage::MeasureBlocking(blocker, truth, result.prepared.source,
                                               options.blocking.link_only);
    std::vector<std::string> cl(records.size());
    for (size_t i = 0; i < records.size(); ++i) {
      cl[i] = std::to_string(result.clustering.cluster_of[i]);
    }
    report.evaluation = linkage::Evaluate(cl, truth, source_of);
  }

  // Write clusters.csv.
  {
    std::ofstream out(request.out, std::ios::binary | std::ios::trunc);
    if (!out) return IoError("cannot write '" + request.out + "': check the directory exists");
    out << "id,cluster,source";
    for (const auto& k : request.keep_columns) {
      // A kept column named like one of ours is written as input_<name>.
      bool clash = Lower(k) == "id" || Lower(k) == "cluster" || Lower(k) == "source";
      out << "," << CsvEscape(clash ? "input_" + k : k);
    }
    out << "\n";
    for (size_t i = 0; i < records.size(); ++i) {
      out << CsvEscape(records[i].id) << "," << result.clustering.cluster_of[i] << ","
          << CsvEscape(source_of[i]) << kept[i] << "\n";
    }
    if (!out.flush()) return IoError("writing '" + request.out + "' failed (disk full?)");
  }
  if (!request.pairs_out.empty()) {
    std::ofstream out(request.pairs_out, std::ios::binary | std::ios::trunc);
    if (!out) return IoError("cannot write '" + request.pairs_out + "'");
    out << "id_a,id_b,cluster,probability\n";
    char buf[32];
    for (const auto& l : result.clustering.links) {
      std::snprintf(buf, sizeof buf, "%.6f", l.probability);
      out << CsvEscape(records[l.i].id) << "," << CsvEscape(records[l.j].id) << ","
          << result.clustering.cluster_of[l.i] << "," << buf << "\n";
    }
    if (!out.flush()) return IoError("writing '" + request.pairs_out + "' failed");
  }
  if (!request.candidates_out.empty()) {
    RETURN_IF_ERROR(WriteCandidates(request.candidates_out, records, result));
  }
  report.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return report;
}

Result<linkage::Evaluation> RunEvaluate(const EvaluateRequest& request) {
  ASSIGN_OR_RETURN(Table clusters, ReadTable(request.clusters));
  ASSIGN_OR_RETURN(int id_col, ColumnIndex(clusters, "id", "written by recount dedupe"));
  ASSIGN_OR_RETURN(int cl_col, ColumnIndex(clusters, "cluster", "written by recount dedupe"));
  int src_col = -1;
  if (auto s = ColumnIndex(clusters, "source", ""); s.ok()) src_col = *s;
  std::vector<std::string> truth;
  bool is_column = ColumnIndex(clusters, request.truth, "").ok();
  if (is_column) {
    ASSIGN_OR_RETURN(truth, TruthLabels(clusters, {request.truth, request.pattern}));
  } else {
    if (!std::filesystem::exists(request.truth)) {
      return InvalidArgument("--truth '" + request.truth + "' is neither a column of " +
                             request.clusters + " nor a file");
    }
    ASSIGN_OR_RETURN(Table tt, ReadTable(request.truth));
    ASSIGN_OR_RETURN(int tid, ColumnIndex(tt, request.truth_id, "--truth-id"));
    ASSIGN_OR_RETURN(auto labels, TruthLabels(tt, {request.truth_column, request.pattern}));
    std::unordered_map<std::string, std::string> by_id;
    for (size_t r = 0; r < tt.rows.size(); ++r) by_id[std::string(Trim(tt.rows[r][tid]))] = labels[r];
    for (const auto& row : clusters.rows) {
      auto it = by_id.find(std::string(Trim(row[id_col])));
      truth.push_back(it == by_id.end() ? std::string() : it->second);
    }
  }
  std::vector<std::string> cl, src;
  for (const auto& row : clusters.rows) {
    cl.push_back(row[cl_col]);
    src.push_back(src_col >= 0 ? row[src_col] : std::string());
  }
  return linkage::Evaluate(cl, truth, src);
}

std::string FormatEvaluation(const linkage::Evaluation& ev) {
  char buf[256];
  std::ostringstream os;
  std::snprintf(buf, sizeof buf,
                "records with truth: %zu\npairwise: precision %.4f recall %.4f F1 %.4f "
                "(true links %llu, predicted %llu, correct %llu)\n"
                "B-cubed:  precision %.4f recall %.4f F1 %.4f\n",
                ev.records, ev.pairs.precision(), ev.pairs.recall(), ev.pairs.f1(),
                static_cast<unsigned long long>(ev.pairs.actual),
                static_cast<unsigned long long>(ev.pairs.predicted),
                static_cast<unsigned long long>(ev.pairs.true_positive), ev.bcubed_precision,
                ev.bcubed_recall, ev.bcubed_f1());
  os << buf;
  for (const auto& [k, pc] : ev.by_source_pair) {
    std::snprintf(buf, sizeof buf,
                  "  %s x %s: precision %.4f recall %.4f F1 %.4f (true %llu, predicted %llu)\n",
                  k.first.c_str(), k.second.c_str(), pc.precision(), pc.recall(), pc.f1(),
                  static_cast<unsigned long long>(pc.actual),
                  static_cast<unsigned long long>(pc.predicted));
    os << buf;
  }
  return os.str();
}

std::string FormatReport(const DedupeReport& r) {
  std::ostringstream os;
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "records %zu, candidate pairs %llu (%llu comparison patterns), links %zu, "
                "clusters %u, split components %zu, %.2f s\n",
                r.records, static_cast<unsigned long long>(r.candidate_pairs),
                static_cast<unsigned long long>(r.distinct_patterns), r.links, r.clusters,
                r.split_components, r.seconds);
  os << buf;
  if (r.unreadable_dates.count > 0) {
    os << "warning: " << r.unreadable_dates.count
       << " birth date(s) could not be read and were treated as missing; first: "
       << r.unreadable_dates.first << "\n";
  }
  os << "blocking rules:\n";
  for (const auto& s : r.rule_stats) {
    std::snprintf(buf, sizeof buf, "  %-26s %8zu blocks, %4zu skipped (> cap), %10llu new pairs\n",
                  s.name.c_str(), s.blocks, s.skipped_blocks,
                  static_cast<unsigned long long>(s.new_pairs));
    os << buf;
    if (s.split_blocks > 0 || s.oversized_pairs > 0) {
      std::snprintf(buf, sizeof buf,
                    "  %-26s %8zu split (> cap; %zu parts by sorted neighbourhood), "
                    "%llu of their %llu pairs dropped (at least)\n",
                    "", s.split_blocks, s.window_parts,
                    static_cast<unsigned long long>(s.dropped_pairs),
                    static_cast<unsigned long long>(s.oversized_pairs));
      os << buf;
    }
  }
  std::snprintf(buf, sizeof buf, "model: lambda %.6f after %d EM iterations\n", r.model.lambda,
                r.model.em_iterations);
  os << buf;
  os << "  errors per matching pair (log factor on independence, 0 / 1 / ... / more fields):";
  for (double b : r.model.error_beta) {
    std::snprintf(buf, sizeof buf, " %.2f", b);
    os << buf;
  }
  os << "\n";
  for (const auto& f : r.model.fields) {
    os << "  " << f.name << ":";
    for (int l = 1; l < f.levels; ++l) {
      std::snprintf(buf, sizeof buf, " L%d m=%.3f u=%.4f", l, f.m[l], f.u[l]);
      os << buf;
    }
    os << "\n";
  }
  if (r.blocking) {
    std::snprintf(buf, sizeof buf, "blocking kept %llu of %llu true pairs (lost %llu)\n",
                  static_cast<unsigned long long>(r.blocking->kept_true_pairs),
                  static_cast<unsigned long long>(r.blocking->true_pairs),
                  static_cast<unsigned long long>(r.blocking->true_pairs -
                                                  r.blocking->kept_true_pairs));
    os << buf;
  }
  if (r.evaluation) os << FormatEvaluation(*r.evaluation);
  return os.str();
}

}  // namespace recount::app
