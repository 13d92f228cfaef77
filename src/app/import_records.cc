#include "app/import_records.h"

#include <filesystem>
#include <fstream>

#include "app/data_dir.h"
#include "app/identity_codec.h"
#include "app/places.h"
#include "base/clock.h"
#include "ingest/record_builder.h"
#include "model/vocabulary.h"

namespace recount::app {
namespace {

// True if two rows of the same record disagree on a coded person field.
std::string Disagreement(const model::Record& first, const model::Record& next) {
  if (!next.sex.empty() && !first.sex.empty() && next.sex != first.sex) return "sex";
  if (next.birth.known() && first.birth.known() && !next.birth.Overlaps(first.birth)) {
    return "birth_date";
  }
  if (!next.origin_text.empty() && !first.origin_text.empty() &&
      next.origin_text != first.origin_text) {
    return "origin";
  }
  return "";
}

}  // namespace

Result<ImportReport> ImportRecords(storage::Store& store, const ImportOptions& options) {
  if (options.source.empty()) {
    return InvalidArgument("name the source these files come from with --source NAME");
  }
  if (options.files.empty()) return InvalidArgument("no files to import");
  ASSIGN_OR_RETURN(model::Vocabularies vocab, model::Vocabularies::Load(DataDir()));
  ASSIGN_OR_RETURN(std::shared_ptr<const PlaceIndex> places, LoadPlaceIndex());
  ingest::Mapping mapping = ingest::DefaultMapping();
  if (!options.mapping_path.empty()) {
    ASSIGN_OR_RETURN(mapping, ingest::LoadMapping(options.mapping_path));
  }
  uint64_t total_bytes = 0;
  for (const std::string& f : options.files) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(f, ec)) {
      return NotFound(f + ": no such file; check the path");
    }
    total_bytes += std::filesystem::file_size(f, ec);
  }

  ImportReport report;
  report.source = options.source;
  std::ofstream rejects;
  if (options.skip_invalid) {
    report.reject_path =
        options.reject_path.empty() ? options.files[0] + ".rejects.csv" : options.reject_path;
  }

  std::string description = "import of";
  for (const std::string& f : options.files) description += " " + f;
  ASSIGN_OR_RETURN(auto batch, store.BeginImport(options.source, description));

  ingest::RecordBuilder builder(
      vocab, [&places](std::string_view text) { return places->Resolve(text); }, CurrentYear());
  std::vector<ingest::RowProblem> problems;
  std::vector<std::string> fatal;  // problems that stop the import outright
  uint64_t bytes_before = 0;
  for (const std::string& file : options.files) {
    ASSIGN_OR_RETURN(auto rows, ingest::OpenRowSource(file, options.format, mapping));
    ingest::Row row;
    model::Record record;
    model::Record first_of_record;
    while (true) {
      Result<bool> more = rows->Next(&row);
      if (!more.ok()) {
        // Structural errors (bad quoting, encoding) make the rest of the file unreadable.
        if (options.skip_invalid) {
          return more.status().WithContext(
              "the file cannot be read past this point, so nothing was imported");
        }
        fatal.push_back(more.status().message());
        break;
      }
      if (!*more) break;
      ++report.rows;
      if (options.progress && report.rows % 4096 == 0) {
        options.progress(bytes_before + rows->bytes_read(), total_bytes);
      }
      size_t before = problems.size();
      bool ok = builder.Build(row, file, &record, &problems);
      if (ok && record.external_id == first_of_record.external_id) {
        std::string field = Disagreement(first_of_record, record);
        if (!field.empty()) {
          problems.push_back({row.line, field,
                              file + ":" + std::to_string(row.line) + ": " + field +
                                  ": differs from the earlier row of record '" +
                                  record.external_id +
                                  "'; rows of one record must agree (or leave it blank)"});
          ok = false;
        }
      }
      if (ok) {
        Result<bool> seen = batch->Contains(record.external_id);
        if (!seen.ok()) return seen.status();
        std::string identity_id;
        std::string blob;
        bool first_row = !*seen;
        if (first_row && !record.identity.empty()) {
          identity_id = NewIdentityId();
          blob = EncodeIdentity(record.identity);
        }
        Result<model::RowId> added = batch->Add(record, identity_id, blob);
        if (!added.ok()) {
          if (added.status().code() == StatusCode::kAlreadyExists) {
            problems.push_back({row.line, "record_id",
                                file + ":" + std::to_string(row.line) + ": record_id: " +
                                    added.status().message()});
            ok = false;
          } else {
            return added.status();  // storage failure: the batch rolls back
          }
        } else {
          if (first_row) ++report.records;
          report.acts += static_cast<int64_t>(record.acts.size());
          for (const model::Act& a : record.acts) {
            if (!a.place_text.empty() && a.place_id.empty()) ++report.unresolved_places;
          }
          if (first_row) first_of_record = record;
        }
      }
      if (!ok && options.skip_invalid) {
        if (!rejects.is_open()) {
          rejects.open(report.reject_path, std::ios::binary | std::ios::trunc);
          if (!rejects) {
            return IoError(report.reject_path + ": cannot write the reject file; choose another "
                           "path with --rejects");
          }
          rejects << "file,line,reason," << rows->header_text() << "\n";
        }
        std::string reasons;
        for (size_t i = before; i < problems.size(); ++i) {
          reasons += (reasons.empty() ? "" : " | ") + problems[i].message;
        }
        auto quote = [](const std::string& s) {
          std::string out = "\"";
          for (char c : s) {
            if (c == '"') out += '"';
            out += c;
          }
          return out + "\"";
        };
        rejects << quote(file) << "," << row.line << "," << quote(reasons) << "," << row.raw
                << "\n";
        ++report.rejected;
        problems.resize(before);
      }
      if (!options.skip_invalid && problems.size() >= options.max_reported) break;
    }
    bytes_before += rows->bytes_read();
    if (!options.skip_invalid && problems.size() >= options.max_reported) break;
  }
  if (options.progress) options.progress(total_bytes, total_bytes);

  if (!fatal.empty() || !problems.empty()) {
    std::string msg = "nothing was imported; fix these problems and import again (or use "
                      "--skip-invalid to import the valid rows and write the others to a reject "
                      "file):";
    for (const std::string& f : fatal) msg += "\n  " + f;
    for (const auto& p : problems) msg += "\n  " + p.message;
    if (problems.size() >= options.max_reported) {
      msg += "\n  (stopped after " + std::to_string(options.max_reported) + " problems)";
    }
    return InvalidArgument(msg);  // the batch is destroyed uncommitted: rolled back
  }
  if (rejects.is_open()) {
    rejects.close();
    if (!rejects) return IoError(report.reject_path + ": writing the reject file failed");
  }
  RETURN_IF_ERROR(batch->Commit());
  return report;
}

}  // namespace recount::app
