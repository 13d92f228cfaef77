#include "storage/postgres/pg_import_batch.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <optional>
#include <set>
#include <thread>
#include <unordered_map>
#include <unordered_set>

#include "storage/act_age_columns.h"
#include "storage/postgres/pg_audit_log.h"
#include "storage/postgres/pg_copy_binary.h"
#include "storage/postgres/pg_record_scan.h"
#include "storage/postgres/pg_rls.h"

namespace recount::storage::postgres {
namespace {

// Row ids handed out from a table's identity sequence, reserved a block at a time. While a
// load runs on the connection (PgImportBatch), the loader thread reserves the next load's ids
// into `spare`; the adding thread takes them over once that load is done, so it rarely needs the
// connection itself.
class IdBlock {
 public:
  IdBlock(Conn* conn, std::string table, std::function<Status()> await_connection)
      : conn_(conn), table_(std::move(table)), await_(std::move(await_connection)) {}

  Result<int64_t> Next() {
    if (at_ == ids_.size()) {
      RETURN_IF_ERROR(await_());  // the connection is ours again, and so is `spare_`
      if (spare_.empty()) {
        ASSIGN_OR_RETURN(spare_, Reserve(block_));
        block_ = std::min<size_t>(block_ * 4, 4096);  // small imports waste few ids
      }
      TakeSpare();
    }
    return ids_[at_++];
  }

  // On the connection's thread, with no other use of the block: tops `spare` up to `n` ids.
  Status Refill(size_t n) {
    if (spare_.size() >= n) return Status();
    ASSIGN_OR_RETURN(std::vector<int64_t> more, Reserve(n - spare_.size()));
    spare_.insert(spare_.end(), more.begin(), more.end());
    return Status();
  }

  // On the adding thread, once no load runs: queues the ids reserved meanwhile.
  void TakeSpare() {
    if (spare_.empty()) return;
    ids_.erase(ids_.begin(), ids_.begin() + static_cast<std::ptrdiff_t>(at_));
    at_ = 0;
    ids_.insert(ids_.end(), spare_.begin(), spare_.end());
    spare_.clear();
  }

 private:
  Result<std::vector<int64_t>> Reserve(size_t n) {
    if (next_sql_.empty()) {
      // The sequence's name as a literal: pg_get_serial_sequence in the reserving statement
      // would be evaluated once per id (a catalog lookup each: 20 times slower).
      ASSIGN_OR_RETURN(Rows seq, conn_->Query("SELECT pg_get_serial_sequence($1, 'id')",
                                              {table_}));
      std::string name = seq.Text(0, 0), quoted;
      for (char c : name) quoted += c == '\'' ? std::string("''") : std::string(1, c);
      // One array value rather than a row per id: less to send and to read.
      next_sql_ = "SELECT array_agg(nextval('" + quoted +
                  "'::regclass)) FROM generate_series(1, $1)";
    }
    ASSIGN_OR_RETURN(Rows rows, conn_->Query(next_sql_, {static_cast<int64_t>(n)}));
    std::vector<int64_t> ids;
    ids.reserve(n);
    const std::string list = rows.size() == 1 ? rows.Text(0, 0) : std::string();
    for (size_t at = 1; at < list.size(); ++at) {  // "{1,2,3}"
      int64_t v = 0;
      auto [end, ec] = std::from_chars(list.data() + at, list.data() + list.size(), v);
      if (ec != std::errc()) break;
      ids.push_back(v);
      at = static_cast<size_t>(end - list.data());
    }
    if (ids.size() != n) {
      return Internal("reserving " + std::to_string(n) + " ids of table " + table_ + " on " +
                      conn_->where() + " returned " + std::to_string(ids.size()));
    }
    return ids;
  }

  Conn* conn_;
  std::string table_;
  std::function<Status()> await_;
  std::string next_sql_;
  std::vector<int64_t> ids_;
  size_t at_ = 0;
  size_t block_ = 16;
  std::vector<int64_t> spare_;  // written by the loader thread while a load runs
};

// The rows of one load, one binary COPY stream per table.
struct TableRows {
  BinaryCopyRows testimonies, identities, persons, events, acts, involvements;
  size_t rows() const {
    return testimonies.rows() + identities.rows() + persons.rows() + events.rows() + acts.rows() +
           involvements.rows();
  }
  size_t bytes() const {
    return testimonies.bytes() + identities.bytes() + persons.bytes() + events.bytes() +
           acts.bytes() + involvements.bytes();
  }
};

void AppendDate(BinaryCopyRows& rows, const PartialDate& d) {
  if (!d.known()) {
    rows.Null();
    rows.Null();
    rows.Null();
    return;
  }
  rows.Text(d.ToString());
  rows.Int(d.EarliestDay());
  rows.Int(d.LatestDay());
}

class PgImportBatch : public ImportBatch {
 public:
  PgImportBatch(Conn* conn, int64_t source_id, std::string source_name, int64_t import_id,
                const LogContext& log)
      : conn_(conn),
        source_id_(source_id),
        source_name_(std::move(source_name)),
        import_id_(import_id),
        log_(&log),
        testimony_ids_(conn, "testimonies", [this] { return AwaitLoad(); }),
        person_ids_(conn, "persons", [this] { return AwaitLoad(); }),
        event_ids_(conn, "events", [this] { return AwaitLoad(); }),
        act_ids_(conn, "acts", [this] { return AwaitLoad(); }) {}
  ~PgImportBatch() override {
    AwaitLoad().IgnoreError();
    if (!done_) conn_->Exec("ROLLBACK").IgnoreError();
  }

  Status Prepare() {
    ASSIGN_OR_RETURN(Rows rows, conn_->Query(
        "SELECT external_id FROM testimonies WHERE source_id = $1", {source_id_}));
    committed_.reserve(rows.size());
    for (int r = 0; r < rows.size(); ++r) committed_.insert(rows.Text(r, 0));
    return Status();
  }

  Result<bool> Contains(std::string_view external_id) override {
    std::string key(external_id);
    return committed_.count(key) > 0 || added_.count(key) > 0;
  }

  Result<Added> Add(const model::Record& r, const IdentityMaker& make_identity) override {
    if (done_) return FailedPrecondition("import batch already finished");
    int64_t testimony_id = 0;
    int64_t person_id = 0;
    bool new_record = false;
    PartialDate birth = last_birth_;  // the stored record's birth date
    if (r.external_id == last_external_id_ && last_person_id_ != 0) {
      testimony_id = last_testimony_id_;
      person_id = last_person_id_;
    } else if (auto it = added_.find(r.external_id); it != added_.end()) {
      testimony_id = it->second.testimony;
      person_id = it->second.person;
      birth = it->second.birth;
      touched_.insert(person_id);  // re-digested and logged as an update at Commit
      LogPending();
    } else if (committed_.count(r.external_id) > 0) {
      return AlreadyExists("record '" + r.external_id +
                           "' is already in this source from an earlier import; give new "
                           "records new ids (updating imported records is not supported by "
                           "import)");
    } else {
      LogPending();
      ASSIGN_OR_RETURN(testimony_id, testimony_ids_.Next());
      ASSIGN_OR_RETURN(person_id, person_ids_.Next());
      new_record = true;
      BinaryCopyRows& t = building_.testimonies;
      t.Int(testimony_id);
      t.Int(source_id_);
      t.Int(import_id_);
      t.Text(r.external_id);
      t.TextOrNull(r.testimony_date.ToString());
      t.TextOrNull(r.language);
      t.TextOrNull(r.connection);
      t.TextOrNull(r.reliability);
      t.TextOrNull(r.consent);
      t.TextOrNull(r.narrative);
      t.EndRow();
      auto [identity_id, identity_blob] = make_identity();
      if (!identity_id.empty()) {
        building_.identities.Text(identity_id);
        building_.identities.Bytes(identity_blob);
        building_.identities.EndRow();
      }
      BinaryCopyRows& p = building_.persons;
      p.Int(person_id);
      p.Int(testimony_id);
      p.Text("victim");
      p.TextOrNull(r.person_ref);
      p.TextOrNull(r.sex);
      AppendDate(p, r.birth);
      p.TextOrNull(r.origin_text);
      p.TextOrNull(r.origin_place_id);
      p.TextOrNull(identity_id);
      p.EndRow();
      added_.emplace(r.external_id, AddedRecord{testimony_id, person_id, r.birth});
      birth = r.birth;
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
      ASSIGN_OR_RETURN(int64_t event_id, event_ids_.Next());
      BinaryCopyRows& e = building_.events;
      e.Int(event_id);
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
      e.EndRow();
      ASSIGN_OR_RETURN(int64_t act_id, act_ids_.Next());
      BinaryCopyRows& act = building_.acts;
      act.Int(act_id);
      act.Int(event_id);
      act.Int(person_id);
      act.Text(a.act_type);
      AppendActAgeColumns(act, birth, a);
      act.EndRow();
      for (const model::Involvement& inv : a.involvements) {
        // No row refers to an involvement and the log does not name it: its id is the column's
        // default (one nextval on the server, no reservation round trip).
        BinaryCopyRows& v = building_.involvements;
        v.Int(act_id);
        v.TextOrNull(inv.perpetrator_type);
        v.TextOrNull(inv.degree);
        v.EndRow();
      }
      if (pending_ && pending_->record.id == person_id) {
        pending_->record.acts.push_back(a);
        pending_->record.acts.back().id = act_id;
      }
    }
    if (building_.bytes() > kFlushBytes) RETURN_IF_ERROR(StartLoad(/*last=*/false));
    return Added{person_id, new_record};
  }

  Status Commit() override {
    if (done_) return FailedPrecondition("import batch already finished");
    LogPending();
    RETURN_IF_ERROR(StartLoad(/*last=*/true));
    RETURN_IF_ERROR(AwaitLoad());
    RETURN_IF_ERROR(LogTouched());
    // The log lock is taken only now: concurrent imports wrote their rows side by side.
    ASSIGN_OR_RETURN(PgLogWriter writer, PgLogWriter::Begin(*conn_, *log_));
    for (AuditEntry& e : entries_) writer.Append(std::move(e));
    entries_.clear();
    RETURN_IF_ERROR(writer.Finish());
    RETURN_IF_ERROR(conn_->Exec("COMMIT"));
    done_ = true;
    return Status();
  }

 private:
  // Rows are sent a load at a time while the next ones are built: small enough that an import
  // of a few thousand records already overlaps, large enough that a COPY's fixed cost is small.
  static constexpr size_t kFlushBytes = 1 << 20;

  void LogPending() {
    if (!pending_) return;
    entries_.push_back(MakeCreateEntry(*pending_, source_name_));
    pending_.reset();
  }

  Status LogTouched() {
    for (int64_t id : touched_) {
      ASSIGN_OR_RETURN(Rows bump, conn_->Query(
          "UPDATE persons SET version = version + 1 WHERE id = $1", {id}));
      RETURN_IF_ERROR(ScanPgRecords(*conn_, RecordFilter{}, id, [&](StoredRecord&& sr) {
        entries_.push_back(MakeMoreRowsEntry(sr, source_name_));
        return Status();
      }));
    }
    return Status();
  }

  // Hands the rows built so far to the loader thread, which writes them on the connection while
  // this thread builds the next ones (the client's work and the server's overlap: on two cores
  // both are busy). One load at a time; its error is returned by this or any later call, and the
  // transaction, aborted by the server, is rolled back by Commit's caller or the destructor.
  // `last`: no rows follow, so no ids are reserved for them.
  Status StartLoad(bool last) {
    RETURN_IF_ERROR(AwaitLoad());
    if (building_.rows() == 0) return Status();
    std::swap(building_, loading_);
    ClearRows(building_);
    loader_ = std::thread([this, last] { load_status_ = LoadRows(last); });
    return Status();
  }

  // Waits for the load in flight; the connection is this thread's again.
  Status AwaitLoad() {
    if (loader_.joinable()) {
      loader_.join();
      for (IdBlock* b : {&testimony_ids_, &person_ids_, &event_ids_, &act_ids_}) {
        b->TakeSpare();
      }
    }
    return load_status_;
  }

  static void ClearRows(TableRows& rows) {
    for (BinaryCopyRows* r : {&rows.testimonies, &rows.identities, &rows.persons, &rows.events,
                              &rows.acts, &rows.involvements}) {
      r->Clear();
    }
  }

  // On the loader thread. Foreign-key order: a row's references are written before it. The
  // record tables are under row-level security, so those go through staging tables (pg_rls.h).
  // Then the ids the next load will need are reserved, so the adding thread need not wait for
  // the connection to get them.
  Status LoadRows(bool last) {
    TableRows& r = loading_;
    RETURN_IF_ERROR(Copy(r.testimonies, "testimonies",
                         "id, source_id, import_id, external_id, testimony_date, language, "
                         "connection, reliability, consent, narrative"));
    RETURN_IF_ERROR(Copy(r.identities, "identities", "id, data"));
    RETURN_IF_ERROR(Copy(r.persons, "persons",
                         "id, testimony_id, role, person_ref, sex, birth, birth_lo, birth_hi, "
                         "origin_text, origin_place, identity_id"));
    RETURN_IF_ERROR(Copy(r.events, "events",
                         "id, testimony_id, date, date_lo, date_hi, year_lo, year_hi, "
                         "place_text, place_id"));
    RETURN_IF_ERROR(Copy(r.acts, "acts", "id, event_id, victim_id, act_type, age, age_lo, age_hi"));
    RETURN_IF_ERROR(Copy(r.involvements, "involvements", "act_id, perpetrator_type, degree"));
    if (last) return Status();
    RETURN_IF_ERROR(testimony_ids_.Refill(r.testimonies.rows()));
    RETURN_IF_ERROR(person_ids_.Refill(r.persons.rows()));
    RETURN_IF_ERROR(event_ids_.Refill(r.events.rows()));
    return act_ids_.Refill(r.acts.rows());
  }

  Status Copy(BinaryCopyRows& rows, std::string_view table, std::string_view columns) {
    if (rows.rows() == 0) return Status();
    Status s = CopyRowsInto(*conn_, table, columns, rows.Finish(), CopyFormat::kBinary);
    if (s.code() == StatusCode::kAlreadyExists) {
      return Conflict("another import added the same record to source '" + source_name_ +
                      "' meanwhile (" + s.message() + "); nothing was imported, try again");
    }
    return s;
  }

  Conn* conn_;
  int64_t source_id_;
  std::string source_name_;
  int64_t import_id_;
  const LogContext* log_;
  IdBlock testimony_ids_, person_ids_, event_ids_, act_ids_;
  TableRows building_;  // this thread's
  TableRows loading_;   // the loader thread's while it runs
  std::thread loader_;
  Status load_status_;  // the first failed load's error; set by the loader thread
  std::unordered_set<std::string> committed_;  // external ids the source held at the start
  struct AddedRecord {
    int64_t testimony;
    int64_t person;
    PartialDate birth;  // as stored: the ages of acts added by later rows follow from it
  };
  std::unordered_map<std::string, AddedRecord> added_;
  std::vector<AuditEntry> entries_;     // in the order SQLite appends them; numbered at Commit
  std::optional<StoredRecord> pending_;  // the record being added, until it is logged
  std::set<int64_t> touched_;
  bool done_ = false;
  std::string last_external_id_;
  int64_t last_testimony_id_ = 0;
  int64_t last_person_id_ = 0;
  PartialDate last_birth_;
};

}  // namespace

Result<std::unique_ptr<ImportBatch>> NewPgImportBatch(Conn* conn, int64_t source_id,
                                                      std::string source_name, int64_t import_id,
                                                      const LogContext& log) {
  auto batch =
      std::make_unique<PgImportBatch>(conn, source_id, std::move(source_name), import_id, log);
  RETURN_IF_ERROR(batch->Prepare());  // the batch's destructor rolls back
  return std::unique_ptr<ImportBatch>(std::move(batch));
}

}  // namespace recount::storage::postgres
