#include "storage/postgres/pg_sharing.h"

#include "storage/postgres/pg_audit_log.h"
#include "storage/sharing_rows.h"

namespace recount::storage::postgres {
namespace {

Status CheckRecordExists(Conn& conn, model::RowId record) {
  ASSIGN_OR_RETURN(Rows found, conn.Query("SELECT 1 FROM persons WHERE id = $1",
                                          {static_cast<int64_t>(record)}));
  if (found.size() == 0) return NotFound("no record " + std::to_string(record));
  return Status();
}

// Every sharing row (record 0) or one record's, users filled in.
Result<std::vector<RecordSharing>> ReadSharing(Conn& conn, model::RowId record) {
  const std::string where = record == 0 ? " WHERE $1::bigint = 0" : " WHERE record_id = $1";
  const std::vector<Param> params = {static_cast<int64_t>(record)};
  ASSIGN_OR_RETURN(Rows rows, conn.Query("SELECT record_id, restricted, version, log_seq FROM "
                                         "record_sharing" +
                                             where + " ORDER BY record_id",
                                         params));
  std::vector<RecordSharing> sharing;
  for (int r = 0; r < rows.size(); ++r) {
    RecordSharing s;
    s.record = rows.Int(r, 0);
    s.restricted = rows.Text(r, 1) == "t";
    s.version = rows.Int(r, 2);
    s.log_seq = rows.Int(r, 3);
    sharing.push_back(std::move(s));
  }
  ASSIGN_OR_RETURN(Rows users, conn.Query("SELECT record_id, user_id FROM record_shares" + where +
                                              " ORDER BY record_id, user_id",
                                          params));
  std::vector<std::pair<int64_t, int64_t>> shares;
  for (int r = 0; r < users.size(); ++r) shares.emplace_back(users.Int(r, 0), users.Int(r, 1));
  return JoinSharingRows(std::move(sharing), shares);
}

}  // namespace

Result<RecordSharing> GetPgSharing(Conn& conn, model::RowId record) {
  RETURN_IF_ERROR(CheckRecordExists(conn, record));
  ASSIGN_OR_RETURN(std::vector<RecordSharing> found, ReadSharing(conn, record));
  return OneSharing(record, std::move(found));
}

Result<std::vector<RecordSharing>> ListPgSharing(Conn& conn) { return ReadSharing(conn, 0); }

Result<RecordSharing> SetPgSharing(Conn& conn, RecordSharing want, std::string_view change,
                                   const LogContext& log) {
  const int64_t expected = want.version;
  RecordSharing s = SharingToWrite(std::move(want));
  const int64_t id = static_cast<int64_t>(s.record);
  RETURN_IF_ERROR(conn.Exec("BEGIN"));
  Status st = [&]() -> Status {
    ASSIGN_OR_RETURN(PgLogWriter writer, PgLogWriter::Begin(conn, log));
    RETURN_IF_ERROR(CheckRecordExists(conn, s.record));
    ASSIGN_OR_RETURN(
        Rows cur,
        conn.Query("SELECT version FROM record_sharing WHERE record_id = $1 FOR UPDATE", {id}));
    const int64_t stored = cur.size() > 0 ? cur.Int(0, 0) : 0;
    if (stored != expected) {
      return Conflict("the sharing of record " + std::to_string(id) +
                      " was changed by someone else since it was read; read it again and repeat "
                      "the change");
    }
    for (int64_t u : s.users) {
      ASSIGN_OR_RETURN(Rows found, conn.Query("SELECT 1 FROM users WHERE id = $1", {u}));
      if (found.size() == 0) return NotFound("no user with id " + std::to_string(u));
    }
    s.log_seq = writer.Append(MakeShareEntry(s, change));
    RETURN_IF_ERROR(writer.Finish());
    ASSIGN_OR_RETURN(
        Rows put, conn.Query("INSERT INTO record_sharing (record_id, restricted, version, log_seq) "
                             "VALUES ($1, $2, $3, $4) ON CONFLICT (record_id) DO UPDATE SET "
                             "restricted = EXCLUDED.restricted, version = EXCLUDED.version, "
                             "log_seq = EXCLUDED.log_seq",
                             {id, s.restricted ? "true" : "false", s.version, s.log_seq}));
    ASSIGN_OR_RETURN(Rows del, conn.Query("DELETE FROM record_shares WHERE record_id = $1", {id}));
    for (int64_t u : s.users) {
      ASSIGN_OR_RETURN(
          Rows ins,
          conn.Query("INSERT INTO record_shares (record_id, user_id) VALUES ($1, $2)", {id, u}));
    }
    return Status();
  }();
  if (!st.ok()) {
    conn.Exec("ROLLBACK").IgnoreError();
    return st;
  }
  RETURN_IF_ERROR(conn.Exec("COMMIT"));
  return s;
}

Status SetPgReadScope(Conn& conn, std::optional<int64_t> user) {
  // Session-wide (is_local = false): a Store is one connection serving one thread, and the
  // caller sets the scope before each request's reads (docs/postgres.md, "Row-level security").
  ASSIGN_OR_RETURN(
      Rows set,
      conn.Query(
          "SELECT set_config('recount.user', $1, false), set_config('recount.scope', $2, false)",
          {user ? std::to_string(*user) : std::string(), user ? "user" : "all"}));
  return Status();
}

}  // namespace recount::storage::postgres
