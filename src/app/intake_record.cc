#include "app/intake_record.h"

#include "app/data_dir.h"
#include "app/places.h"
#include "base/clock.h"
#include "ingest/mapping.h"
#include "ingest/record_builder.h"
#include "model/vocabulary.h"

namespace recount::app {
namespace {

bool IsActField(ingest::Field f) {
  using F = ingest::Field;
  return f == F::kAct || f == F::kEventDate || f == F::kEventPlace || f == F::kPerpetrator ||
         f == F::kInvolvement || f == F::kAge;
}

}  // namespace

Result<IntakeResult> IntakeRecord(storage::Store& store, const IntakeRequest& request,
                                  IdentityVault& vault, RecordSealer& sealer) {
  if (request.source.empty())
    return InvalidArgument("source: name the list this testimony belongs to");
  if (request.acts.empty()) return InvalidArgument("acts: describe at least one act");
  if (request.acts.size() > 100) return InvalidArgument("acts: at most 100 acts in one form");
  std::vector<std::string> problems;
  ingest::Row base;
  for (const auto& [name, value] : request.record) {
    Result<ingest::Field> f = ingest::FieldFromName(name);
    if (!f.ok() || IsActField(*f)) {
      problems.push_back("form: " + name + ": not a record field of the default layout");
      continue;
    }
    base.values[static_cast<int>(*f)] = value;
  }
  std::vector<ingest::Row> rows;
  for (size_t i = 0; i < request.acts.size(); ++i) {
    ingest::Row row = base;
    row.line = static_cast<int64_t>(i + 1);
    for (const auto& [name, value] : request.acts[i]) {
      Result<ingest::Field> f = ingest::FieldFromName(name);
      if (!f.ok() || !IsActField(*f)) {
        problems.push_back("form:act " + std::to_string(i + 1) + ": " + name +
                           ": not an act field (act, event_date, event_place, perpetrator, "
                           "involvement, age)");
        continue;
      }
      row.values[static_cast<int>(*f)] = value;
    }
    rows.push_back(std::move(row));
  }
  ASSIGN_OR_RETURN(model::Vocabularies vocab, model::Vocabularies::Load(DataDir()));
  ASSIGN_OR_RETURN(std::shared_ptr<const PlaceIndex> places, LoadPlaceIndex());
  ingest::RecordBuilder builder(
      vocab, [&places](std::string_view text) { return places->Resolve(text); }, CurrentYear());
  std::vector<model::Record> records;
  for (const ingest::Row& row : rows) {
    model::Record r;
    std::vector<ingest::RowProblem> row_problems;
    if (!builder.Build(row, "form:act", &r, &row_problems)) {
      for (auto& p : row_problems) problems.push_back(p.message);
      continue;
    }
    records.push_back(std::move(r));
  }
  if (!problems.empty()) {
    std::string msg = "the testimony was not saved; fix these problems:";
    for (const std::string& p : problems) msg += "\n  " + p;
    return InvalidArgument(msg);
  }
  IntakeResult result;
  result.record_id = records[0].external_id;
  ASSIGN_OR_RETURN(std::string sealed,
                   sealer.SealNarrative(request.source, result.record_id, records[0].narrative));
  ASSIGN_OR_RETURN(auto batch,
                   store.BeginImport(request.source, "web intake of record " + result.record_id));
  for (model::Record& r : records) {
    r.narrative = sealed;
    Status seal_error;
    Result<storage::ImportBatch::Added> added =
        batch->Add(r, [&r, &vault, &seal_error]() -> std::pair<std::string, std::string> {
          if (r.identity.empty()) return {};
          Result<std::pair<std::string, std::string>> s = vault.Seal(r.identity);
          if (!s.ok()) {
            seal_error = s.status();
            return {};
          }
          return std::move(*s);
        });
    RETURN_IF_ERROR(seal_error);
    if (!added.ok()) return added.status();  // the batch is rolled back
    result.id = added->id;
    result.acts += static_cast<int64_t>(r.acts.size());
    for (const model::Act& a : r.acts) {
      if (!a.place_text.empty() && a.place_id.empty()) ++result.unresolved_places;
    }
  }
  RETURN_IF_ERROR(batch->Commit());
  return result;
}

}  // namespace recount::app
