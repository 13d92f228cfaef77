#include "storage/sqlite/sqlite_import_batch.h"

#include <optional>
#include <set>

#include "storage/act_age_columns.h"
#include "storage/record_digest.h"
#include "storage/sqlite/bulk_insert.h"
#include "storage/sqlite/sqlite_record_scan.h"

namespace recount::storage::sqlite {
namespace {

// A partial date as three columns: canonical text, earliest day, latest day (all NULL if unknown).
void AppendDate(BulkInserter& ins, const PartialDate& d) {
  if (!d.known()) {
    ins.Null();
    ins.Null();
    ins.Null();
    return;
  }
  ins.Text(d.ToString());
  ins.Int(d.EarliestDay());
  ins.Int(d.LatestDay());
}

class SqliteImportBatch : public ImportBatch {
 public:
  SqliteImportBatch(Db* db, int64_t source_id, std::string source_name, int64_t import_id)
      : db_(db), source_id_(source_id), source_name_(std::move(source_name)), import_id_(import_id) {}
  ~SqliteImportBatch() override {
    if (!done_) db_->Exec("ROLLBACK").IgnoreError();
  }

  Status Prepare(const LogContext& log) {
    ASSIGN_OR_RETURN(auto writer, AuditLogWriter::Begin(*db_, log));
    log_.emplace(std::move(writer));
    ASSIGN_OR_RETURN(auto find, db_->Prepare(
        "SELECT t.id, t.import_id, p.id, p.birth FROM testimonies t "
        "JOIN persons p ON p.testimony_id = t.id "
        "WHERE t.source_id = ? AND t.external_id = ? AND p.role = 'victim'"));
    find_.emplace(std::move(find));
    ASSIGN_OR_RETURN(auto ins_t, db_->Prepare(
        "INSERT INTO testimonies (source_id, import_id, external_id, testimony_date, language, "
        "connection, reliability, consent, narrative) VALUES (?,?,?,?,?,?,?,?,?)"));
    ins_testimony_.emplace(std::move(ins_t));
    ASSIGN_OR_RETURN(auto identities, BulkInserter::Create(db_, "identities", {"id", "data"},
                                                                BulkInserter::RowIds::kNone));
    identities_.emplace(std::move(identities));
    ASSIGN_OR_RETURN(auto persons, BulkInserter::Create(
        db_, "persons", {"testimony_id", "role", "person_ref", "sex", "birth", "birth_lo",
                         "birth_hi", "origin_text", "origin_place", "identity_id"}));
    persons_.emplace(std::move(persons));
    ASSIGN_OR_RETURN(auto events, BulkInserter::Create(
        db_, "events", {"testimony_id", "date", "date_lo", "date_hi", "year_lo", "year_hi",
                        "place_text", "place_id"}));
    events_.emplace(std::move(events));
    ASSIGN_OR_RETURN(auto acts, BulkInserter::Create(
        db_, "acts", {"event_id", "victim_id", "act_type", "age", "age_lo", "age_hi"}));
    acts_.emplace(std::move(acts));
    ASSIGN_OR_RETURN(auto invs, BulkInserter::Create(
        db_, "involvements", {"act_id", "perpetrator_type", "degree"}));
    involvements_.emplace(std::move(invs));
    return Status();
  }

  Result<bool> Contains(std::string_view external_id) override {
    if (external_id == last_external_id_ && last_person_id_ != 0) return true;
    ASSIGN_OR_RETURN(auto found, Find(external_id));
    return found.has_value();
  }

  Result<Added> Add(const model::Record& r, const IdentityMaker& make_identity) override {
    if (done_) return FailedPrecondition("import batch already finished");
    int64_t testimony_id = 0;
    int64_t person_id = 0;
    bool new_record = false;
    // The stored record's birth date: the ages of acts added by later rows follow from it.
    PartialDate birth = last_birth_;
    if (r.external_id == last_external_id_ && last_person_id_ != 0) {
      testimony_id = last_testimony_id_;
      person_id = last_person_id_;
    } else {
      // Insert first: the unique index on (source, external id) tells a repeat without a lookup
      // for the common case of a new record.
      Statement& t = *ins_testimony_;
      t.Bind(1, source_id_);
      t.Bind(2, import_id_);
      t.Bind(3, r.external_id);
      t.BindTextOrNull(4, r.testimony_date.ToString());
      t.BindTextOrNull(5, r.language);
      t.BindTextOrNull(6, r.connection);
      t.BindTextOrNull(7, r.reliability);
      t.BindTextOrNull(8, r.consent);
      t.BindTextOrNull(9, r.narrative);
      RETURN_IF_ERROR(LogPending());
      Status inserted = t.Run();
      if (inserted.code() == StatusCode::kAlreadyExists) {
        ASSIGN_OR_RETURN(auto found, Find(r.external_id));
        if (!found) return inserted;
        if (found->import_id != import_id_) {
          return AlreadyExists("record '" + r.external_id +
                               "' is already in this source from an earlier import; give new "
                               "records new ids (updating imported records is not supported by "
                               "import)");
        }
        testimony_id = found->testimony_id;
        person_id = found->person_id;
        birth = found->birth;
        touched_.insert(person_id);  // re-digested and logged as an update at Commit
      } else {
        RETURN_IF_ERROR(inserted);
        testimony_id = db_->LastInsertId();
        new_record = true;
        birth = r.birth;
      }
    }
    if (new_record) {
      auto [identity_id, identity_blob] = make_identity();
      bool has_identity = !identity_id.empty();
      if (has_identity) {
        identities_->Text(identity_id);
        identities_->Blob(identity_blob);
        RETURN_IF_ERROR(identities_->EndRow());
      }
      BulkInserter& p = *persons_;
      person_id = p.NextRowId();
      p.Int(testimony_id);
      p.Text("victim");
      p.TextOrNull(r.person_ref);
      p.TextOrNull(r.sex);
      AppendDate(p, r.birth);
      p.TextOrNull(r.origin_text);
      p.TextOrNull(r.origin_place_id);
      p.TextOrNull(identity_id);
      RETURN_IF_ERROR(p.EndRow());
      // What the log will record for this record: exactly what was written, as a scan reads it.
      pending_.emplace();
      pending_->record = r;
      pending_->record.id = person_id;
      pending_->record.source = source_name_;
      pending_->record.identity = {};
      pending_->record.cluster_id.clear();
      pending_->record.acts.clear();
      pending_->identity_id = identity_id;
      pending_->identity_blob = identity_blob;
    }
    last_external_id_ = r.external_id;
    last_testimony_id_ = testimony_id;
    last_person_id_ = person_id;
    last_birth_ = birth;

    for (const model::Act& a : r.acts) {
      BulkInserter& e = *events_;
      int64_t event_id = e.NextRowId();
      e.Int(testimony_id);
      AppendDate(e, a.date);
      if (a.date.known()) {
        e.Int(a.date.EarliestYear());
        e.Int(a.date.LatestYear());
      } else {
        e.Null();
        e.Null();
      }
      e.TextOrNull(a.place_text);
      e.TextOrNull(a.place_id);
      RETURN_IF_ERROR(e.EndRow());
      BulkInserter& act = *acts_;
      int64_t act_id = act.NextRowId();
      act.Int(event_id);
      act.Int(person_id);
      act.Text(a.act_type);
      AppendActAgeColumns(act, birth, a);
      RETURN_IF_ERROR(act.EndRow());
      for (const model::Involvement& inv : a.involvements) {
        BulkInserter& v = *involvements_;
        v.Int(act_id);
        v.TextOrNull(inv.perpetrator_type);
        v.TextOrNull(inv.degree);
        RETURN_IF_ERROR(v.EndRow());
      }
      if (pending_ && pending_->record.id == person_id) {
        pending_->record.acts.push_back(a);
        pending_->record.acts.back().id = act_id;
      }
    }
    return Added{person_id, new_record};
  }

  Status Commit() override {
    if (done_) return FailedPrecondition("import batch already finished");
    RETURN_IF_ERROR(LogPending());
    RETURN_IF_ERROR(FlushAll());
    RETURN_IF_ERROR(LogTouched());
    RETURN_IF_ERROR(log_->Finish());
    RETURN_IF_ERROR(db_->Exec("COMMIT"));
    done_ = true;
    return Status();
  }

 private:
  struct Found {
    int64_t testimony_id;
    int64_t import_id;
    int64_t person_id;
    PartialDate birth;
  };

  // Logs the creation of the record whose rows were being added (if any).
  Status LogPending() {
    if (!pending_) return Status();
    AuditEntry e = MakeCreateEntry(*pending_, source_name_);
    pending_.reset();
    return log_->Append(std::move(e));
  }

  // Records of this import that got more rows after they were logged: log their new state.
  Status LogTouched() {
    if (touched_.empty()) return Status();
    ASSIGN_OR_RETURN(auto bump, db_->Prepare(
        "UPDATE persons SET version = version + 1 WHERE id = ?"));
    for (int64_t id : touched_) {
      bump.Bind(1, id);
      RETURN_IF_ERROR(bump.Run());
      RETURN_IF_ERROR(ScanStoredRecords(*db_, RecordFilter{}, id, [&](StoredRecord&& sr) {
        return log_->Append(MakeMoreRowsEntry(sr, source_name_));
      }));
    }
    return Status();
  }

  Status FlushAll() {
    for (auto* ins : {&identities_, &persons_, &events_, &acts_, &involvements_}) {
      RETURN_IF_ERROR((*ins)->Flush());
    }
    return Status();
  }

  Result<std::optional<Found>> Find(std::string_view external_id) {
    RETURN_IF_ERROR(FlushAll());  // the lookup joins persons, which may still be buffered
    Statement& f = *find_;
    f.Bind(1, source_id_);
    f.Bind(2, external_id);
    Result<bool> row = f.Step();
    std::optional<Found> out;
    if (row.ok() && *row) {
      PartialDate birth;
      if (!f.IsNull(3)) {
        auto b = PartialDate::Parse(f.Text(3));
        if (b.ok()) birth = *b;  // stored dates are canonical
      }
      out = Found{f.Int(0), f.Int(1), f.Int(2), birth};
    }
    f.Reset();
    if (!row.ok()) return row.status();
    return out;
  }

  Db* db_;
  int64_t source_id_;
  std::string source_name_;
  int64_t import_id_;
  std::optional<AuditLogWriter> log_;
  std::optional<StoredRecord> pending_;  // the record being added, until it is logged
  std::set<int64_t> touched_;
  bool done_ = false;
  std::optional<Statement> find_, ins_testimony_;
  std::optional<BulkInserter> identities_, persons_, events_, acts_, involvements_;
  std::string last_external_id_;
  int64_t last_testimony_id_ = 0;
  int64_t last_person_id_ = 0;
  PartialDate last_birth_;
};

}  // namespace

Result<std::unique_ptr<ImportBatch>> NewSqliteImportBatch(Db* db, int64_t source_id,
                                                          std::string source_name,
                                                          int64_t import_id,
                                                          const LogContext& log) {
  auto batch = std::make_unique<SqliteImportBatch>(db, source_id, std::move(source_name),
                                                   import_id);
  RETURN_IF_ERROR(batch->Prepare(log));  // the batch's destructor rolls back
  return std::unique_ptr<ImportBatch>(std::move(batch));
}

}  // namespace recount::storage::sqlite
