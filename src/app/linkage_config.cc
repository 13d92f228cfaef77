#include "app/linkage_config.h"

#include <charconv>
#include <cmath>

#include "base/utf8.h"

namespace recount::app {

namespace {

constexpr std::string_view kKnown[] = {"full_name",  "surname",    "given_name", "sex",
                                       "birth_date", "birth_year", "birth_month", "birth_day",
                                       "age",        "event_year", "place",      "source"};

Result<double> ParseDouble(std::string_view v, std::string_view where, std::string_view key) {
  v = Trim(v);
  double d = 0;
  auto r = std::from_chars(v.data(), v.data() + v.size(), d);
  if (r.ec != std::errc() || r.ptr != v.data() + v.size() || !std::isfinite(d)) {
    return InvalidArgument(std::string(where) + ": '" + std::string(key) + "' needs a number, got '" +
                           std::string(v) + "'");
  }
  return d;
}

Status InRange(double d, double lo, double hi, std::string_view where, std::string_view key) {
  if (d < lo || d > hi) {
    return InvalidArgument(std::string(where) + ": '" + std::string(key) + "' must be between " +
                           std::to_string(lo) + " and " + std::to_string(hi));
  }
  return Status::Ok();
}

bool ValidName(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

bool IsKnownField(std::string_view field) {
  for (auto k : kKnown) {
    if (k == field) return true;
  }
  return false;
}

Status ApplySetting(std::string_view key_in, std::string_view value_in, std::string_view where,
                    LinkageConfig* config) {
  std::string key(Trim(key_in));
  std::string_view value = Trim(value_in);
  auto& o = config->options;
  auto number = [&](double lo, double hi) -> Result<double> {
    ASSIGN_OR_RETURN(double d, ParseDouble(value, where, key));
    RETURN_IF_ERROR(InRange(d, lo, hi, where, key));
    return d;
  };
  auto flag = [&]() -> Result<bool> {
    if (value == "true" || value == "1") return true;
    if (value == "false" || value == "0") return false;
    return InvalidArgument(std::string(where) + ": '" + std::string(key) +
                           "' must be true or false");
  };
  if (key.empty()) return InvalidArgument(std::string(where) + ": a setting has no name before '='");
  if (key == "id") {
    if (value.empty()) return InvalidArgument(std::string(where) + ": 'id' needs a column name");
    config->id_column = std::string(value);
    return Status::Ok();
  }
  if (key == "threshold") {
    ASSIGN_OR_RETURN(o.cluster.threshold, number(0.0, 1.0));
    return Status::Ok();
  }
  if (key == "average_link") {
    ASSIGN_OR_RETURN(o.cluster.average_link, number(0.0, 1.0));
    // A fixed bar on the mean probability replaces the posterior merge rule.
    o.cluster.merge = linkage::ClusterOptions::Merge::kAverageProbability;
    return Status::Ok();
  }
  if (key == "max_block") {
    ASSIGN_OR_RETURN(double d, number(2, 100000));
    o.blocking.max_block = static_cast<size_t>(d);
    return Status::Ok();
  }
  if (key == "split_window") {
    // 0: blocks above max_block are skipped; else the window of a split block's sorted part.
    ASSIGN_OR_RETURN(double d, number(0, 1000));
    if (d == 1) {
      return InvalidArgument(std::string(where) +
                             ": 'split_window' must be 0 (skip blocks above max_block) or at "
                             "least 2");
    }
    o.blocking.split_window = static_cast<size_t>(d);
    return Status::Ok();
  }
  if (key == "split_generic") {
    ASSIGN_OR_RETURN(o.blocking.split_generic, flag());
    return Status::Ok();
  }
  if (key == "threads") {
    ASSIGN_OR_RETURN(double d, number(0, 64));
    o.threads = static_cast<int>(d);
    return Status::Ok();
  }
  if (key == "max_per_source") {
    ASSIGN_OR_RETURN(double d, number(0, 1000000));
    o.cluster.max_per_source = static_cast<int>(d);
    return Status::Ok();
  }
  if (key == "lambda") {
    ASSIGN_OR_RETURN(o.fixed.lambda, number(1e-12, 0.999999));
    return Status::Ok();
  }
  if (key == "em_iterations") {
    ASSIGN_OR_RETURN(double d, number(0, 10000));
    o.em_max_iterations = static_cast<int>(d);
    return Status::Ok();
  }
  if (key == "tf_adjust") {
    ASSIGN_OR_RETURN(o.tf_adjust, flag());
    return Status::Ok();
  }
  if (key == "error_dependence") {
    ASSIGN_OR_RETURN(o.error_dependence, flag());
    return Status::Ok();
  }
  if (key.rfind("m.", 0) == 0 || key.rfind("u.", 0) == 0) {
    std::string field = key.substr(2);
    if (!ValidName(field)) {
      return InvalidArgument(std::string(where) + ": '" + key +
                             "' must name a field (lower-case letters, digits, _)");
    }
    std::vector<double> probs;
    for (const std::string& item : SplitList(value, ',')) {
      ASSIGN_OR_RETURN(double d, ParseDouble(item, where, key));
      RETURN_IF_ERROR(InRange(d, 1e-9, 1.0, where, key));
      probs.push_back(d);
    }
    if (probs.empty() || probs.size() > 7) {
      return InvalidArgument(std::string(where) + ": '" + key +
                             "' needs 1 to 7 probabilities, one per agreement level from 1 "
                             "(disagree) up (docs/linkage.md#comparison)");
    }
    (key[0] == 'm' ? o.fixed.m : o.fixed.u)[field] = probs;
    return Status::Ok();
  }
  // A field mapping: columns joined by '+', optional ':kind'.
  if (!ValidName(key)) {
    return InvalidArgument(std::string(where) + ": '" + key +
                           "' is not a setting or a field name (use lower-case letters, digits "
                           "and _; see docs/linkage.md#configuration)");
  }
  FieldMapping fm;
  fm.field = key;
  std::string_view cols = value;
  if (size_t colon = value.rfind(':'); colon != std::string_view::npos) {
    std::string_view kind = Trim(value.substr(colon + 1));
    cols = value.substr(0, colon);
    if (kind == "string") {
      fm.kind = linkage::FieldKind::kString;
    } else if (kind == "exact") {
      fm.kind = linkage::FieldKind::kExact;
    } else if (kind == "number") {
      fm.kind = linkage::FieldKind::kNumber;
    } else if (kind == "set") {
      fm.kind = linkage::FieldKind::kSet;
    } else if (kind == "number_set") {
      fm.kind = linkage::FieldKind::kNumberSet;
    } else if (kind == "place_set") {
      fm.kind = linkage::FieldKind::kPlaceSet;
    } else {
      return InvalidArgument(std::string(where) + ": field '" + key + "' has comparator '" +
                             std::string(kind) +
                             "': use string, exact, number, set, number_set or place_set");
    }
    if (IsKnownField(key)) {
      return InvalidArgument(std::string(where) + ": '" + key +
                             "' has a fixed comparator; a ':kind' applies to generic fields only");
    }
  }
  fm.columns = SplitList(cols, '+');
  if (fm.columns.empty()) {
    return InvalidArgument(std::string(where) + ": field '" + key + "' needs a column name");
  }
  for (const auto& existing : config->fields) {
    if (existing.field == key) {
      return InvalidArgument(std::string(where) + ": field '" + key +
                             "' is mapped twice; join several columns with '+' instead");
    }
  }
  if (config->fields.size() >= 32) {
    return InvalidArgument(std::string(where) + ": too many fields mapped (at most 32)");
  }
  config->fields.push_back(std::move(fm));
  return Status::Ok();
}

Status ParseConfigText(std::string_view text, std::string_view name, LinkageConfig* config) {
  size_t line_no = 0, pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (size_t hash = line.find('#'); hash != std::string_view::npos) line = line.substr(0, hash);
    line = Trim(line);
    if (line.empty()) continue;
    std::string where = std::string(name) + ":" + std::to_string(line_no);
    size_t eq = line.find('=');
    if (eq == std::string_view::npos) {
      return InvalidArgument(where + ": expected 'key = value', got '" + std::string(line) + "'");
    }
    RETURN_IF_ERROR(ApplySetting(line.substr(0, eq), line.substr(eq + 1), where, config));
  }
  return Status::Ok();
}

Status ParseMapOption(std::string_view text, LinkageConfig* config) {
  size_t item = 0;
  for (const std::string& part : SplitList(text, ',')) {
    ++item;
    std::string where = "--map item " + std::to_string(item) + " ('" + part + "')";
    size_t eq = part.find('=');
    if (eq == std::string::npos) {
      return InvalidArgument(where + ": expected FIELD=COLUMN");
    }
    std::string_view key = std::string_view(part).substr(0, eq);
    if (key.rfind("m.", 0) == 0 || key.rfind("u.", 0) == 0) {
      return InvalidArgument(where + ": fix m/u probabilities in a config file (--config), "
                                     "since their values contain commas");
    }
    RETURN_IF_ERROR(ApplySetting(key, std::string_view(part).substr(eq + 1), where, config));
  }
  return Status::Ok();
}

}  // namespace recount::app
