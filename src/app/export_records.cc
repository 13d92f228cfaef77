#include "app/export_records.h"

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "app/record_rows.h"
#include "base/csv_writer.h"
#include "ingest/mapping.h"

namespace recount::app {
namespace {


// A file name from a source name: letters, digits, '-', '_' and '.' kept, others become '_'.
std::string SafeFileName(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    out.push_back((std::isalnum(c) || c == '-' || c == '_' || c == '.' || c >= 0x80) ? c : '_');
  }
  if (out.empty() || out[0] == '.') out.insert(out.begin(), '_');
  return out;
}

}  // namespace

Result<std::vector<ExportedFile>> ExportRecords(storage::Store& store,
                                                const ExportOptions& options) {
  if (options.out_dir.empty()) return InvalidArgument("give a folder to write to with --out DIR");
  if (options.include_identities &&
      (options.identities == nullptr || options.identities->locked())) {
    return FailedPrecondition("--include-identities needs the identity vault unlocked (set "
                              "RECOUNT_VAULT_PASSPHRASE or RECOUNT_VAULT_KEY_FILE, or type the "
                              "passphrase at a terminal); nothing was written");
  }
  if (options.narratives == nullptr) {
    return InvalidArgument("export needs a narrative reader (record_seal.h)");
  }
  std::error_code ec;
  std::filesystem::create_directories(options.out_dir, ec);
  if (ec) return IoError(options.out_dir + ": cannot create folder: " + ec.message());
  ASSIGN_OR_RETURN(auto sources, store.ListSources());
  std::vector<ExportedFile> out;
  bool found = options.source.empty();
  for (const model::Source& source : sources) {
    if (!options.source.empty() && source.name != options.source) continue;
    found = true;
    ExportedFile file;
    file.source = source.name;
    file.path = options.out_dir + "/" + SafeFileName(source.name) +
                (options.format == ExportFormat::kCsv ? ".csv" : ".jsonl");
    std::string tmp = file.path + ".partial";
    std::ofstream os(tmp, std::ios::binary | std::ios::trunc);
    if (!os) return IoError(tmp + ": cannot write");
    if (options.format == ExportFormat::kCsv) {
      for (int f = 0; f < ingest::kFieldCount; ++f) {
        os << (f ? "," : "") << ingest::FieldName(static_cast<ingest::Field>(f));
      }
      os << "\n";
    }
    storage::RecordFilter filter;
    filter.source = source.name;
    Status s = store.ScanRecords(filter, [&](storage::StoredRecord&& sr) -> Status {
      model::Identity id;
      if (options.include_identities) {
        ASSIGN_OR_RETURN(std::optional<model::Identity> read, options.identities->Read(sr));
        if (read) id = std::move(*read);
      }
      ++file.records;
      ASSIGN_OR_RETURN(bool opened, options.narratives->OpenInPlace(&sr.record));
      if (!opened) {
        return FailedPrecondition("record " + std::to_string(sr.record.id) + " (" +
                                  sr.record.source + ":" + sr.record.external_id +
                                  ") has a sealed narrative and the store key is not unlocked "
                                  "(set RECOUNT_PASSPHRASE or RECOUNT_KEY_FILE); nothing was "
                                  "written");
      }
      const model::Record& r = sr.record;
      // A record with no acts cannot exist (act is required), but stay safe.
      for (const model::Act& a : r.acts) {
        RowValues values = RecordRowValues(r, id, a);
        if (options.format == ExportFormat::kCsv) {
          for (int f = 0; f < ingest::kFieldCount; ++f) {
            os << (f ? "," : "") << CsvEscape(values[f]);
          }
          os << "\n";
        } else {
          nlohmann::json j = nlohmann::json::object();
          for (int f = 0; f < ingest::kFieldCount; ++f) {
            if (!values[f].empty()) {
              j[std::string(ingest::FieldName(static_cast<ingest::Field>(f)))] = values[f];
            }
          }
          os << j.dump() << "\n";
        }
        ++file.rows;
      }
      return Status();
    });
    if (!s.ok()) {
      // Do not leave a partial file behind: with identities it would hold names in clear.
      os.close();
      std::filesystem::remove(tmp, ec);
      return s;
    }
    os.close();
    if (!os) return IoError(tmp + ": writing failed (disk full?)");
    std::filesystem::rename(tmp, file.path, ec);
    if (ec) return IoError(file.path + ": " + ec.message());
    out.push_back(file);
  }
  if (!found) {
    return NotFound("no source named '" + options.source + "'; 'recount stats --by source' lists them");
  }
  return out;
}

}  // namespace recount::app
