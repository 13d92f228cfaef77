#include "storage/sqlite/sqlite_evidence.h"

#include "base/clock.h"

namespace recount::storage::sqlite {
namespace {

constexpr const char* kColumns =
    "id, record_id, evidence_id, file_name, media_type, source_note, size, plaintext_sha256, "
    "ciphertext_sha256, wrapped_key, actor, attached_at";

std::string BlobAt(Statement& st, int col) {
  const void* p = sqlite3_column_blob(st.raw(), col);
  int n = sqlite3_column_bytes(st.raw(), col);
  return p == nullptr ? std::string() : std::string(static_cast<const char*>(p), n);
}

EvidenceFile FromRow(Statement& st) {
  EvidenceFile f;
  f.id = st.Int(0);
  f.record = st.Int(1);
  f.evidence_id = st.Text(2);
  f.file_name = st.Text(3);
  f.media_type = st.Text(4);
  f.source_note = st.Text(5);
  f.size = static_cast<uint64_t>(st.Int(6));
  f.plaintext_sha256 = st.Text(7);
  f.ciphertext_sha256 = st.Text(8);
  f.wrapped_key = BlobAt(st, 9);
  f.actor = st.Text(10);
  f.attached_at = st.Text(11);
  return f;
}

}  // namespace

Result<EvidenceFile> SaveEvidenceRow(Db& db, EvidenceFile f, std::string_view ciphertext,
                                     const LogContext& log) {
  if (f.evidence_id.empty() || f.wrapped_key.empty()) {
    return InvalidArgument("an evidence file needs its evidence id and wrapped key");
  }
  f.ciphertext_sha256 = DigestOfBytes(ciphertext);
  f.actor = log.actor;
  f.attached_at = NowRfc3339();
  RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  Status s = [&]() -> Status {
    ASSIGN_OR_RETURN(auto find, db.Prepare(
        "SELECT version FROM persons WHERE id = ? AND role = 'victim'"));
    find.Bind(1, f.record);
    ASSIGN_OR_RETURN(bool row, find.Step());
    if (!row) {
      return NotFound("no record " + std::to_string(f.record) +
                      " in the store; 'recount list' shows the records");
    }
    const int64_t version = find.Int(0);
    ASSIGN_OR_RETURN(auto ins, db.Prepare(
        "INSERT INTO evidence_files (record_id, evidence_id, file_name, media_type, source_note, "
        "size, plaintext_sha256, ciphertext_sha256, wrapped_key, actor, attached_at, ciphertext) "
        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"));
    ins.Bind(1, f.record);
    ins.Bind(2, f.evidence_id);
    ins.Bind(3, f.file_name);
    ins.Bind(4, f.media_type);
    ins.Bind(5, f.source_note);
    ins.Bind(6, static_cast<int64_t>(f.size));
    ins.Bind(7, f.plaintext_sha256);
    ins.Bind(8, f.ciphertext_sha256);
    ins.BindBlob(9, f.wrapped_key);
    ins.Bind(10, f.actor);
    ins.Bind(11, f.attached_at);
    ins.BindBlob(12, ciphertext);
    RETURN_IF_ERROR(ins.Run());
    f.id = db.LastInsertId();
    ASSIGN_OR_RETURN(AuditLogWriter writer, AuditLogWriter::Begin(db, log));
    RETURN_IF_ERROR(writer.Append(MakeAttachEntry(f, version)));
    return writer.Finish();
  }();
  if (!s.ok()) {
    db.Exec("ROLLBACK").IgnoreError();
    return s;
  }
  RETURN_IF_ERROR(db.Exec("COMMIT"));
  return f;
}

Result<std::vector<EvidenceFile>> ReadEvidenceRows(Db& db, model::RowId record) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM evidence_files" +
                    (record != 0 ? " WHERE record_id = ?" : "") + " ORDER BY id";
  ASSIGN_OR_RETURN(auto st, db.PrepareCached(sql));
  if (record != 0) st.Bind(1, record);
  std::vector<EvidenceFile> out;
  while (true) {
    ASSIGN_OR_RETURN(bool row, st.Step());
    if (!row) break;
    out.push_back(FromRow(st));
  }
  return out;
}

Result<EvidenceFile> ReadEvidenceRow(Db& db, int64_t id) {
  ASSIGN_OR_RETURN(auto st,
                   db.Prepare(std::string("SELECT ") + kColumns + " FROM evidence_files WHERE id = ?"));
  st.Bind(1, id);
  ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) {
    return NotFound("no attachment " + std::to_string(id) +
                    " in the store; 'recount show RECORD' lists a record's attachments");
  }
  return FromRow(st);
}

Result<std::string> ReadEvidenceCiphertext(Db& db, int64_t id) {
  ASSIGN_OR_RETURN(auto st, db.Prepare("SELECT ciphertext FROM evidence_files WHERE id = ?"));
  st.Bind(1, id);
  ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return NotFound("no attachment " + std::to_string(id) + " in the store");
  return BlobAt(st, 0);
}

}  // namespace recount::storage::sqlite
