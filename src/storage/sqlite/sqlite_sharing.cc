#include "storage/sqlite/sqlite_sharing.h"

#include "storage/sharing_rows.h"
#include "storage/sqlite/sqlite_audit_log.h"

namespace recount::storage::sqlite {
namespace {

Status CheckRecordExists(Db& db, model::RowId record) {
  ASSIGN_OR_RETURN(auto st, db.Prepare("SELECT 1 FROM persons WHERE id = ?"));
  st.Bind(1, static_cast<int64_t>(record));
  ASSIGN_OR_RETURN(bool found, st.Step());
  if (!found) return NotFound("no record " + std::to_string(record));
  return Status();
}

// Every sharing row (record 0) or one record's, users filled in.
Result<std::vector<RecordSharing>> ReadSharing(Db& db, model::RowId record) {
  const std::string where = record == 0 ? "" : " WHERE record_id = ?";
  ASSIGN_OR_RETURN(auto rows, db.Prepare("SELECT record_id, restricted, version, log_seq FROM "
                                         "record_sharing" +
                                         where + " ORDER BY record_id"));
  if (record != 0) rows.Bind(1, static_cast<int64_t>(record));
  std::vector<RecordSharing> sharing;
  while (true) {
    ASSIGN_OR_RETURN(bool row, rows.Step());
    if (!row) break;
    RecordSharing s;
    s.record = rows.Int(0);
    s.restricted = rows.Int(1) != 0;
    s.version = rows.Int(2);
    s.log_seq = rows.Int(3);
    sharing.push_back(std::move(s));
  }
  ASSIGN_OR_RETURN(auto users, db.Prepare("SELECT record_id, user_id FROM record_shares" + where +
                                          " ORDER BY record_id, user_id"));
  if (record != 0) users.Bind(1, static_cast<int64_t>(record));
  std::vector<std::pair<int64_t, int64_t>> shares;
  while (true) {
    ASSIGN_OR_RETURN(bool row, users.Step());
    if (!row) break;
    shares.emplace_back(users.Int(0), users.Int(1));
  }
  return JoinSharingRows(std::move(sharing), shares);
}

}  // namespace

Result<RecordSharing> GetSharingRow(Db& db, model::RowId record) {
  RETURN_IF_ERROR(CheckRecordExists(db, record));
  ASSIGN_OR_RETURN(std::vector<RecordSharing> found, ReadSharing(db, record));
  return OneSharing(record, std::move(found));
}

Result<std::vector<RecordSharing>> ListSharingRows(Db& db) { return ReadSharing(db, 0); }

Result<RecordSharing> SetSharingRow(Db& db, RecordSharing want, std::string_view change,
                                    const LogContext& log) {
  const int64_t expected = want.version;
  RecordSharing s = SharingToWrite(std::move(want));
  RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  Status st = [&]() -> Status {
    RETURN_IF_ERROR(CheckRecordExists(db, s.record));
    ASSIGN_OR_RETURN(auto cur,
                     db.Prepare("SELECT version FROM record_sharing WHERE record_id = ?"));
    cur.Bind(1, static_cast<int64_t>(s.record));
    ASSIGN_OR_RETURN(bool row, cur.Step());
    const int64_t stored = row ? cur.Int(0) : 0;
    if (stored != expected) {
      return Conflict("the sharing of record " + std::to_string(s.record) +
                      " was changed by someone else since it was read; read it again and repeat "
                      "the change");
    }
    for (int64_t u : s.users) {
      ASSIGN_OR_RETURN(auto find, db.Prepare("SELECT 1 FROM users WHERE id = ?"));
      find.Bind(1, u);
      ASSIGN_OR_RETURN(bool exists, find.Step());
      if (!exists) return NotFound("no user with id " + std::to_string(u));
    }
    ASSIGN_OR_RETURN(AuditLogWriter writer, AuditLogWriter::Begin(db, log));
    s.log_seq = writer.next_seq();
    RETURN_IF_ERROR(writer.Append(MakeShareEntry(s, change)));
    RETURN_IF_ERROR(writer.Finish());
    ASSIGN_OR_RETURN(
        auto put,
        db.Prepare(
            "INSERT OR REPLACE INTO record_sharing (record_id, restricted, version, log_seq) "
            "VALUES (?,?,?,?)"));
    put.Bind(1, static_cast<int64_t>(s.record));
    put.Bind(2, int64_t{s.restricted ? 1 : 0});
    put.Bind(3, s.version);
    put.Bind(4, s.log_seq);
    RETURN_IF_ERROR(put.Run());
    ASSIGN_OR_RETURN(auto del, db.Prepare("DELETE FROM record_shares WHERE record_id = ?"));
    del.Bind(1, static_cast<int64_t>(s.record));
    RETURN_IF_ERROR(del.Run());
    ASSIGN_OR_RETURN(auto ins,
                     db.Prepare("INSERT INTO record_shares (record_id, user_id) VALUES (?,?)"));
    for (int64_t u : s.users) {
      ins.Bind(1, static_cast<int64_t>(s.record));
      ins.Bind(2, u);
      RETURN_IF_ERROR(ins.Run());
    }
    return Status();
  }();
  if (!st.ok()) {
    db.Exec("ROLLBACK").IgnoreError();
    return st;
  }
  RETURN_IF_ERROR(db.Exec("COMMIT"));
  return s;
}

}  // namespace recount::storage::sqlite
