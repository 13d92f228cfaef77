#include "storage/audit_entry.h"

#include <charconv>
#include <vector>

namespace recount::storage {
namespace {

constexpr std::string_view kMagic = "recount-audit/v1";

std::string Escape(std::string_view v) {
  std::string out;
  out.reserve(v.size());
  for (char c : v) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else {
      out += c;
    }
  }
  return out;
}

bool Unescape(std::string_view v, std::string* out) {
  out->clear();
  for (size_t i = 0; i < v.size(); ++i) {
    if (v[i] != '\\') {
      *out += v[i];
      continue;
    }
    if (++i == v.size()) return false;
    if (v[i] == '\\') {
      *out += '\\';
    } else if (v[i] == 'n') {
      *out += '\n';
    } else if (v[i] == 'r') {
      *out += '\r';
    } else {
      return false;
    }
  }
  return true;
}

bool ParseInt(std::string_view v, int64_t* out) {
  if (v.empty() || (v.size() > 1 && v[0] == '0')) return false;  // canonical: no leading zeros
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), *out);
  return ec == std::errc() && ptr == v.data() + v.size() && *out >= 0;
}

}  // namespace

bool IsRecordStateOp(std::string_view op) {
  return op == "create" || op == "update" || op == "edit" || op == "shred-identity" ||
         op == "delete";
}

bool IsRecordHistoryOp(std::string_view op) {
  return IsRecordStateOp(op) || op == "read-identity" || op == "attach" ||
         op == "shred-attachment" || op == "share" || op == "read-attachment";
}

std::string EncodeAuditEntry(const AuditEntry& e) {
  std::string out(kMagic);
  out += "\nseq " + std::to_string(e.seq);
  out += "\ntime " + Escape(e.time);
  out += "\nactor " + Escape(e.actor);
  out += "\nop " + Escape(e.op);
  out += "\nrecord " + std::to_string(e.record);
  out += "\nversion " + std::to_string(e.version);
  out += "\ndigest " + Escape(e.digest);
  out += "\ndetail " + Escape(e.detail);
  out += "\n";
  return out;
}

Result<AuditEntry> ParseAuditEntry(std::string_view bytes) {
  static constexpr std::string_view kKeys[] = {"seq",    "time",    "actor",  "op",    "record",
                                               "version", "digest", "detail"};
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < bytes.size()) {
    size_t nl = bytes.find('\n', start);
    if (nl == std::string_view::npos) return DataLoss("audit entry does not end with a newline");
    lines.push_back(bytes.substr(start, nl - start));
    start = nl + 1;
  }
  if (lines.size() != 9 || lines[0] != kMagic) {
    return DataLoss("audit entry is not a recount-audit/v1 entry of nine lines");
  }
  std::string values[8];
  for (size_t i = 0; i < 8; ++i) {
    std::string_view line = lines[i + 1];
    std::string_view key = kKeys[i];
    if (line.size() < key.size() + 1 || line.substr(0, key.size()) != key ||
        line[key.size()] != ' ' || !Unescape(line.substr(key.size() + 1), &values[i])) {
      return DataLoss("audit entry line " + std::to_string(i + 2) + " should be '" +
                      std::string(key) + " <value>'");
    }
  }
  AuditEntry e;
  if (!ParseInt(values[0], &e.seq) || !ParseInt(values[4], &e.record) ||
      !ParseInt(values[5], &e.version)) {
    return DataLoss("audit entry has a malformed seq, record or version number");
  }
  e.time = values[1];
  e.actor = values[2];
  e.op = values[3];
  e.digest = values[6];
  e.detail = values[7];
  if (EncodeAuditEntry(e) != bytes) return DataLoss("audit entry is not in canonical form");
  return e;
}

}  // namespace recount::storage
