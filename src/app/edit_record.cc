#include "app/edit_record.h"

#include <algorithm>

#include "app/data_dir.h"
#include "app/places.h"
#include "app/record_rows.h"
#include "base/clock.h"
#include "ingest/record_builder.h"

namespace recount::app {
namespace {

using ingest::Field;

struct ParsedChange {
  Field field;
  std::string value;
};

Result<std::vector<ParsedChange>> ParseChanges(const EditRequest& request) {
  std::vector<ParsedChange> out;
  for (const FieldChange& c : request.changes) {
    Result<Field> f = ingest::FieldFromName(c.field);
    if (!f.ok()) return InvalidArgument("--set " + c.field + ": " + f.status().message());
    if (*f == Field::kRecordId) {
      return InvalidArgument("--set record_id: a record's id cannot be edited (it is how its "
                             "source refers to it); nothing was changed");
    }
    out.push_back({*f, c.value});
  }
  return out;
}

// Which rows (acts) the act fields go to, after an optional removal and addition.
Result<size_t> TargetRow(const EditRequest& request, size_t acts, bool has_act_fields,
                         const std::string& name) {
  if (request.remove_act != 0 &&
      (request.remove_act < 1 || static_cast<size_t>(request.remove_act) > acts)) {
    return InvalidArgument("--remove-act " + std::to_string(request.remove_act) + ": record " +
                           name + " has " + std::to_string(acts) + " act(s), numbered from 1 as "
                           "'recount show' lists them");
  }
  if (request.add_act) return acts;  // the new row, appended
  if (!has_act_fields) return 0;
  if (request.act == 0) {
    if (acts != 1) {
      return InvalidArgument("record " + name + " has " + std::to_string(acts) +
                             " acts: say which one to change with --act N (1 to " +
                             std::to_string(acts) + ", as 'recount show' lists them)");
    }
    return 0;
  }
  if (request.act < 1 || static_cast<size_t>(request.act) > acts) {
    return InvalidArgument("--act " + std::to_string(request.act) + ": record " + name + " has " +
                           std::to_string(acts) + " act(s), numbered from 1");
  }
  return static_cast<size_t>(request.act - 1);
}

}  // namespace

Result<EditResult> EditRecord(storage::Store& store, const EditRequest& request,
                              IdentityReader& identities, NarrativeReader& narratives) {
  ASSIGN_OR_RETURN(std::vector<ParsedChange> changes, ParseChanges(request));
  if (changes.empty() && request.remove_act == 0) {
    return InvalidArgument("nothing to change: give --set FIELD=VALUE (or --remove-act N)");
  }
  ASSIGN_OR_RETURN(storage::StoredRecord current, store.GetRecord(request.id));
  EditResult result;
  result.name = std::to_string(request.id) + " (" + current.record.source + ":" +
                current.record.external_id + ")";
  result.old_version = current.version;
  result.new_version = current.version;
  if (request.expected_version != 0 && request.expected_version != current.version) {
    return Conflict("record " + result.name + " is at version " +
                    std::to_string(current.version) + ", not " +
                    std::to_string(request.expected_version) +
                    ": someone changed it since you looked; nothing was changed. Look at it "
                    "again ('recount show') and redo the edit");
  }
  bool touches_identity = false;
  bool has_act_fields = false;
  for (const ParsedChange& c : changes) {
    touches_identity |= IsIdentityField(c.field);
    has_act_fields |= IsActField(c.field);
  }
  if (request.add_act && request.remove_act != 0) {
    return InvalidArgument("give --add-act or --remove-act, not both, in one edit");
  }
  if (request.add_act && !has_act_fields) {
    return InvalidArgument("--add-act needs the new act's fields: --set act=... (and "
                           "event_date, event_place, perpetrator, involvement, age as known)");
  }
  ASSIGN_OR_RETURN(size_t target,
                   TargetRow(request, current.record.acts.size(), has_act_fields, result.name));

  // The record as rows, with its identity when it is to change.
  model::Identity identity;
  if (touches_identity) {
    if (identities.locked()) {
      return FailedPrecondition("changing a name or the interviewer needs the identity vault "
                                "unlocked (set RECOUNT_VAULT_PASSPHRASE or RECOUNT_VAULT_KEY_FILE, "
                                "or type the passphrase at a terminal); nothing was changed");
    }
    ASSIGN_OR_RETURN(std::optional<model::Identity> read, identities.Read(current));
    if (read) identity = std::move(*read);
  }
  // The narrative, opened: the rows hold what the user sees.
  const std::string stored_narrative = current.record.narrative;
  model::Record opened = current.record;
  ASSIGN_OR_RETURN(bool narrative_open, narratives.OpenInPlace(&opened));
  if (!narrative_open) {
    return FailedPrecondition("record " + result.name + " has a sealed narrative: editing it "
                              "needs the store key (set RECOUNT_PASSPHRASE or RECOUNT_KEY_FILE, "
                              "or type the passphrase at a terminal); nothing was changed");
  }
  std::vector<RowValues> rows;
  for (const model::Act& a : opened.acts) rows.push_back(RecordRowValues(opened, identity, a));
  const std::vector<RowValues> before = rows;
  if (request.add_act) {
    RowValues fresh = rows.empty() ? RowValues{} : rows[0];
    for (int f = 0; f < ingest::kFieldCount; ++f) {
      if (IsActField(static_cast<Field>(f))) fresh[f].clear();
    }
    rows.push_back(std::move(fresh));
  }
  for (const ParsedChange& c : changes) {
    if (IsActField(c.field)) {
      rows[target][static_cast<int>(c.field)] = c.value;
    } else {
      for (RowValues& row : rows) row[static_cast<int>(c.field)] = c.value;
    }
  }
  if (request.remove_act != 0) {
    if (rows.size() == 1) {
      return InvalidArgument("record " + result.name + " has one act: a record needs at least "
                             "one; delete the record instead ('recount delete')");
    }
    rows.erase(rows.begin() + (request.remove_act - 1));
  }

  // What changed, by field (for the report and the log line); an added or removed act as such.
  if (request.add_act) result.changed.push_back("act " + std::to_string(rows.size()) + " added");
  if (request.remove_act != 0) {
    result.changed.push_back("act " + std::to_string(request.remove_act) + " removed");
  }
  for (int f = 0; f < ingest::kFieldCount; ++f) {
    const bool act_field = IsActField(static_cast<Field>(f));
    if (act_field && rows.size() != before.size()) continue;  // reported as the act added/removed
    bool differs = false;
    for (size_t i = 0; !differs && i < std::min(rows.size(), before.size()); ++i) {
      differs = rows[i][f] != before[i][f];
    }
    if (differs) result.changed.emplace_back(ingest::FieldName(static_cast<Field>(f)));
  }
  if (result.changed.empty()) return result;  // nothing to do: no new version

  // Build the edited record exactly as an import would.
  ASSIGN_OR_RETURN(model::Vocabularies vocab, model::Vocabularies::Load(DataDir()));
  ASSIGN_OR_RETURN(std::shared_ptr<const PlaceIndex> places, LoadPlaceIndex());
  ingest::RecordBuilder builder(
      vocab, [&places](std::string_view text) { return places->Resolve(text); }, CurrentYear());
  const std::string label = "edit of " + result.name;
  model::Record edited;
  std::vector<ingest::RowProblem> problems;
  for (size_t i = 0; i < rows.size(); ++i) {
    ingest::Row row;
    row.line = static_cast<int64_t>(i + 1);  // the act number stands in for a line
    row.values = rows[i];
    model::Record built;
    if (!builder.Build(row, label + " act", &built, &problems)) continue;
    if (i == 0) {
      edited = std::move(built);
    } else {
      for (model::Act& a : built.acts) edited.acts.push_back(std::move(a));
    }
  }
  if (!problems.empty()) {
    std::string msg = "the edit is not valid; nothing was changed:";
    for (const ingest::RowProblem& p : problems) msg += "\n  " + p.message;
    return InvalidArgument(msg);
  }
  edited.id = current.record.id;
  edited.source = current.record.source;
  edited.external_id = current.record.external_id;
  edited.cluster_id = current.record.cluster_id;
  if (edited.narrative == opened.narrative) {
    edited.narrative = stored_narrative;  // unchanged: keep the stored (sealed) text as it is
  } else {
    if (narratives.sealer() == nullptr && !edited.narrative.empty()) {
      return FailedPrecondition("a new narrative is sealed under the store key, which is not "
                                "unlocked (or this store has none); nothing was changed");
    }
    if (narratives.sealer() != nullptr) {
      ASSIGN_OR_RETURN(edited.narrative,
                       narratives.sealer()->SealNarrative(edited.source, edited.external_id,
                                                          edited.narrative));
    }
  }

  storage::RecordUpdate update;
  update.id = request.id;
  update.expected_version = current.version;
  if (touches_identity && !(edited.identity == identity)) {
    result.identity_changed = true;
    if (edited.identity.empty()) {
      update.new_identity = std::make_pair(std::string(), std::string());
    } else {
      if (identities.vault() == nullptr) {
        return FailedPrecondition("this store has no identity vault (made before encryption): "
                                  "identities cannot be sealed; nothing was changed");
      }
      ASSIGN_OR_RETURN(auto sealed, identities.vault()->Seal(edited.identity));
      update.new_identity = std::move(sealed);
    }
  }
  edited.identity = {};
  update.record = std::move(edited);
  std::string fields;
  for (const std::string& f : result.changed) fields += (fields.empty() ? "" : ", ") + f;
  // Identity field names are logged, never their values.
  update.reason = "changed " + fields + (request.reason.empty() ? "" : "; " + request.reason);
  ASSIGN_OR_RETURN(result.new_version, store.UpdateRecord(update));
  return result;
}

}  // namespace recount::app
