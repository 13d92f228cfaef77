#include "app/estimate_table.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

namespace recount::app {
namespace {

std::string Trim(std::string_view s) {
  size_t a = 0, b = s.size();
  while (a < b && (s[a] == ' ' || s[a] == '\t' || s[a] == '\r')) ++a;
  while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r')) --b;
  std::string out(s.substr(a, b - a));
  if (out.size() >= 2 && out.front() == '"' && out.back() == '"')
    out = out.substr(1, out.size() - 2);
  return out;
}

std::vector<std::string> SplitFields(std::string_view line) {
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t i = 0; i <= line.size(); ++i) {
    if (i == line.size() || line[i] == ',') {
      out.push_back(Trim(line.substr(start, i - start)));
      start = i + 1;
    }
  }
  return out;
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// "12,345" for people.
std::string Group(double x) {
  if (!std::isfinite(x)) return "unbounded";
  const long long v = std::llround(x);
  std::string digits = std::to_string(v < 0 ? -v : v);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return (v < 0 ? "-" : "") + out;
}

std::string Fixed(double x, int digits) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(digits) << x;
  return s.str();
}

std::string Pad(const std::string& s, size_t w, bool right = false) {
  if (s.size() >= w) return s;
  return right ? std::string(w - s.size(), ' ') + s : s + std::string(w - s.size(), ' ');
}

}  // namespace

Result<stats::CaptureTable> ParseCaptureTableCsv(std::string_view text, std::string_view filename) {
  const std::string file(filename);
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<std::string_view> lines;
  for (size_t start = 0; start <= text.size();) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  size_t first = 0;
  while (first < lines.size() && Trim(lines[first]).empty()) ++first;
  if (first == lines.size()) {
    return InvalidArgument(file + ": the file is empty; expected a header like 'A,B,C,count'");
  }
  const std::vector<std::string> header = SplitFields(lines[first]);
  const std::string where_header = file + ":" + std::to_string(first + 1);
  int count_col = -1;
  std::vector<std::string> names;
  std::vector<int> list_cols;
  for (size_t c = 0; c < header.size(); ++c) {
    if (Lower(header[c]) == "count") {
      if (count_col >= 0) return InvalidArgument(where_header + ": two 'count' columns");
      count_col = static_cast<int>(c);
    } else {
      if (header[c].empty()) {
        return InvalidArgument(where_header + ": column " + std::to_string(c + 1) +
                               " has no name; name every list");
      }
      names.push_back(header[c]);
      list_cols.push_back(static_cast<int>(c));
    }
  }
  if (count_col < 0) {
    return InvalidArgument(where_header +
                           ": no 'count' column; the header must name one 0/1 column per list "
                           "and a 'count' column, e.g. 'A,B,C,count'");
  }
  if (names.size() < 3) {
    return InvalidArgument(where_header + ": " + std::to_string(names.size()) +
                           " list column(s); multiple systems estimation needs at least 3 lists");
  }
  if (names.size() > static_cast<size_t>(stats::kMaxLists)) {
    return InvalidArgument(where_header + ": more than " + std::to_string(stats::kMaxLists) +
                           " lists are not supported");
  }
  std::vector<stats::PatternCount> rows;
  std::map<uint32_t, size_t> seen;  // pattern -> line
  for (size_t i = first + 1; i < lines.size(); ++i) {
    if (Trim(lines[i]).empty()) continue;
    const std::string where = file + ":" + std::to_string(i + 1);
    const std::vector<std::string> f = SplitFields(lines[i]);
    if (f.size() != header.size()) {
      return InvalidArgument(where + ": " + std::to_string(f.size()) + " fields, expected " +
                             std::to_string(header.size()) + " as in the header");
    }
    stats::PatternCount p;
    for (size_t j = 0; j < list_cols.size(); ++j) {
      const std::string& cell = f[list_cols[j]];
      if (cell == "1") {
        p.mask |= uint32_t{1} << j;
      } else if (cell != "0") {
        return InvalidArgument(where + ": column '" + names[j] + "' is '" + cell +
                               "'; list cells must be 0 (not on the list) or 1 (on the list)");
      }
    }
    const std::string& cs = f[count_col];
    bool digits = !cs.empty() && cs.size() <= 15;
    for (char c : cs) digits = digits && (c >= '0' && c <= '9');
    if (!digits) {
      const bool negative = !cs.empty() && cs[0] == '-';
      return InvalidArgument(where + ": count '" + cs + "' is " +
                             (negative ? "negative" : "not a whole number") +
                             "; counts are numbers of persons (0, 1, 2, ...)");
    }
    p.count = std::stoll(cs);
    if (p.mask == 0) {
      return InvalidArgument(where +
                             ": the all-zero pattern (seen on no list) cannot be observed; it is "
                             "what the estimate is for. Remove this row");
    }
    if (auto it = seen.find(p.mask); it != seen.end()) {
      return InvalidArgument(where + ": the same pattern as line " +
                             std::to_string(it->second + 1) +
                             "; give each combination of lists one row");
    }
    seen[p.mask] = i;
    rows.push_back(p);
  }
  auto t = stats::CaptureTable::FromCounts(names, rows);
  if (!t.ok()) return t.status().WithContext(file);
  return t;
}

Result<stats::CaptureTable> ReadCaptureTableCsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return NotFound("cannot open table file '" + path +
                    "'; check the path (--table expects an aggregated CSV, see "
                    "docs/estimation.md)");
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  if (in.bad()) return IoError("error reading '" + path + "'");
  return ParseCaptureTableCsv(buf.str(), path);
}

Result<EstimateReport> EstimateTable(const stats::CaptureTable& table, std::string source,
                                     const std::vector<stats::Method>& methods,
                                     const stats::MseOptions& options) {
  EstimateReport r;
  r.source = std::move(source);
  r.list_names = table.list_names();
  r.observed = table.observed();
  r.patterns = table.patterns().size();
  r.pattern_counts = table.patterns();
  ASSIGN_OR_RETURN(r.estimates, stats::EstimateAll(table, methods, options));
  r.warnings = stats::CompareEstimates(r.estimates);
  return r;
}

Result<EstimateReport> EstimateTableFile(const std::string& path,
                                         const std::vector<stats::Method>& methods,
                                         const stats::MseOptions& options) {
  ASSIGN_OR_RETURN(stats::CaptureTable table, ReadCaptureTableCsv(path));
  return EstimateTable(table, path, methods, options);
}

std::string FormatEstimateReport(const EstimateReport& r) {
  std::ostringstream o;
  o << "Table " << r.source << ": " << r.list_names.size() << " lists (";
  for (size_t i = 0; i < r.list_names.size(); ++i) o << (i ? ", " : "") << r.list_names[i];
  o << "), " << Group(static_cast<double>(r.observed)) << " persons observed in " << r.patterns
    << " patterns\n\n";
  o << Pad("method", 12) << Pad("estimate", 10, true) << "   " << Pad("95% interval", 21)
    << Pad("unobserved", 10, true) << "   kind\n";
  for (const stats::Estimate& e : r.estimates) {
    std::string name(stats::MethodName(e.method));
    if (e.method == stats::Method::kChao) name += " (floor)";
    if (!e.ok) {
      o << Pad(name, 12) << "   not available: " << e.error << "\n";
      continue;
    }
    o << Pad(name, 12) << Pad(Group(e.point), 10, true) << "   "
      << Pad(Group(e.lower) + " - " + (e.upper_unbounded ? "unbounded" : Group(e.upper)), 21)
      << Pad(Group(e.unobserved()), 10, true) << "   " << e.point_kind << ", " << e.interval_kind
      << "\n";
  }
  for (const stats::Estimate& e : r.estimates) {
    if (!e.ok) continue;
    o << "\n" << stats::MethodName(e.method) << ":\n";
    std::map<std::string, double> d;
    for (const auto& x : e.diagnostics) d[x.name] = x.value;
    switch (e.method) {
      case stats::Method::kLoglinear: {
        std::string crit = "criterion";
        for (const char* c : {"aic", "aicc", "bic", "bicc"}) {
          if (d.count(c)) crit = c;
        }
        o << "  best of " << Group(d["models_considered"])
          << " hierarchical models (interactions up to order " << Group(d["max_order"]) << ") by "
          << crit << "; " << Group(d["models_without_estimate"]) << " had no finite estimate\n";
        o << "  deviance " << Fixed(d["deviance"], 2) << " on " << Group(d["residual_df"])
          << " df\n";
        for (size_t i = 0; i < e.models.size(); ++i) {
          o << "  " << (i == 0 ? "chosen " : "       ") << Pad(e.models[i].name, 44) << " " << crit
            << " " << Pad(Fixed(e.models[i].score, 2), 10, true)
            << "   N = " << Group(e.models[i].estimate) << "\n";
        }
        if (d.count("bootstrap_lower")) {
          o << "  parametric bootstrap 95%: " << Group(d["bootstrap_lower"]) << " - "
            << Group(d["bootstrap_upper"]) << " (" << Group(e.draws.size()) << " replicates kept, "
            << Group(d["bootstrap_failed"]) << " failed)\n";
        }
        break;
      }
      case stats::Method::kLcmcr: {
        o << "  " << e.models[0].name << "; " << Group(d["chains"]) << " chains x "
          << Group(d["iterations_per_chain"]) << " draws after " << Group(d["burn_in"])
          << " burn-in\n";
        o << "  split R-hat " << Fixed(d["rhat"], 3) << ", bulk ESS " << Group(d["ess_bulk"])
          << ", chain medians";
        for (const auto& x : e.diagnostics) {
          if (x.name.rfind("chain_", 0) == 0) o << " " << Group(x.value);
        }
        o << "\n  bound on unobserved " << Group(d["unobserved_bound"]) << ", draws at bound "
          << Fixed(100 * d["fraction_at_bound"], 2) << "%\n";
        break;
      }
      case stats::Method::kDga: {
        o << "  averaged over " << Group(d["graphs"]) << " decomposable graphs, delta "
          << d["delta"] << "\n";
        for (const auto& m : e.models) {
          o << "  " << Pad(m.name, 44) << " weight " << Fixed(m.score, 3) << "   median "
            << Group(m.estimate) << "\n";
        }
        break;
      }
      case stats::Method::kChao:
        o << "  " << e.models[0].name << ": f1 = " << Group(d["f1"]) << ", f2 = " << Group(d["f2"])
          << "; a floor for N under heterogeneous capture\n";
        break;
    }
  }
  std::vector<std::string> all;
  for (const stats::Estimate& e : r.estimates)
    all.insert(all.end(), e.warnings.begin(), e.warnings.end());
  all.insert(all.end(), r.warnings.begin(), r.warnings.end());
  if (!all.empty()) {
    o << "\nWarnings:\n";
    for (const auto& w : all) o << "  ! " << w << "\n";
  }
  return o.str();
}

std::string EstimateReportJson(const EstimateReport& r) {
  nlohmann::json j;
  j["table"] = {{"source", r.source},
                {"lists", r.list_names},
                {"observed", r.observed},
                {"patterns", r.patterns}};
  nlohmann::json ests = nlohmann::json::array();
  for (const stats::Estimate& e : r.estimates) {
    nlohmann::json x;
    x["method"] = std::string(stats::MethodName(e.method));
    x["ok"] = e.ok;
    if (!e.ok) {
      x["error"] = e.error;
      ests.push_back(x);
      continue;
    }
    x["estimate"] = e.point;
    x["lower"] = e.lower;
    x["upper"] = e.upper_unbounded ? nlohmann::json(nullptr) : nlohmann::json(e.upper);
    x["upper_unbounded"] = e.upper_unbounded;
    x["observed"] = e.observed;
    x["unobserved"] = e.unobserved();
    x["estimate_kind"] = e.point_kind;
    x["interval_kind"] = e.interval_kind;
    nlohmann::json models = nlohmann::json::array();
    for (const auto& m : e.models) {
      models.push_back({{"model", m.name}, {"score", m.score}, {"estimate", m.estimate}});
    }
    x["models"] = models;
    nlohmann::json d = nlohmann::json::object();
    for (const auto& diag : e.diagnostics) {
      d[diag.name] =
          std::isfinite(diag.value) ? nlohmann::json(diag.value) : nlohmann::json(nullptr);
    }
    x["diagnostics"] = d;
    x["warnings"] = e.warnings;
    ests.push_back(x);
  }
  j["estimates"] = ests;
  j["warnings"] = r.warnings;
  return j.dump(2);
}

}  // namespace recount::app
