#include "storage/sqlite/sqlite_safety.h"

#include "base/clock.h"
#include "storage/record_digest.h"
#include "storage/sqlite/sqlite_evidence.h"
#include "storage/sqlite/sqlite_record_scan.h"
#include "storage/sqlite/sqlite_record_update.h"

namespace recount::storage::sqlite {
namespace {

bool HasKeyRingTable(Db& db) {
  auto st = db.Prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'keyring'");
  if (!st.ok()) return false;
  auto row = st->Step();
  return row.ok() && *row;
}

// Runs `body` inside BEGIN IMMEDIATE ... COMMIT, rolling back on any error.
template <typename Fn>
Status InTransaction(Db& db, Fn&& body) {
  RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  Status s = body();
  if (!s.ok()) {
    db.Exec("ROLLBACK").IgnoreError();
    return s;
  }
  return db.Exec("COMMIT");
}

}  // namespace

Result<bool> CheckpointAndTruncateWal(Db& db) {
  ASSIGN_OR_RETURN(auto st, db.Prepare("PRAGMA wal_checkpoint(TRUNCATE)"));
  ASSIGN_OR_RETURN(bool row, st.Step());
  // Columns: busy (1 if blocked), frames in the WAL, frames checkpointed.
  return row && st.Int(0) == 0;
}

Result<std::optional<std::string>> LoadKeyRingRow(Db& db) {
  if (!HasKeyRingTable(db)) return std::optional<std::string>();
  ASSIGN_OR_RETURN(auto st, db.Prepare("SELECT data FROM keyring WHERE id = 1"));
  ASSIGN_OR_RETURN(bool row, st.Step());
  if (!row) return std::optional<std::string>();
  return std::optional<std::string>(st.Text(0));
}

Status SaveKeyRingRow(Db& db, std::string_view key_ring,
                      const std::optional<std::string>& expected, const LogContext& log) {
  if (!HasKeyRingTable(db)) {
    return FailedPrecondition("this store has no key-ring table (schema older than 5)");
  }
  RETURN_IF_ERROR(InTransaction(db, [&]() -> Status {
    ASSIGN_OR_RETURN(auto cur, db.Prepare("SELECT data FROM keyring WHERE id = 1"));
    ASSIGN_OR_RETURN(bool row, cur.Step());
    std::optional<std::string> current;
    if (row) current = cur.Text(0);
    cur.Reset();
    if (current != expected) {
      return FailedPrecondition("the store's keys were changed by another process meanwhile; "
                                "nothing was changed, try again");
    }
    ASSIGN_OR_RETURN(auto put, db.Prepare(
        "INSERT INTO keyring (id, data, updated_at) VALUES (1, ?, ?) "
        "ON CONFLICT (id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at"));
    put.BindBlob(1, key_ring);
    put.Bind(2, NowRfc3339());
    RETURN_IF_ERROR(put.Run());
    ASSIGN_OR_RETURN(AuditLogWriter writer, AuditLogWriter::Begin(db, log));
    RETURN_IF_ERROR(writer.Append(MakeKeysEntry(key_ring, !expected.has_value())));
    return writer.Finish();
  }));
  // The old row was overwritten in place (secure_delete); resetting the WAL removes the old page
  // images from it as well. A reader holding the WAL open only delays this; it is not an error.
  return CheckpointAndTruncateWal(db).status();
}

Result<ShredReport> ShredRecordRows(Db& db, model::RowId id, ShredScope scope,
                                    const LogContext& log) {
  ShredReport report;
  RETURN_IF_ERROR(InTransaction(db, [&]() -> Status {
    ASSIGN_OR_RETURN(AuditLogWriter writer, AuditLogWriter::Begin(db, log));
    ASSIGN_OR_RETURN(auto find, db.Prepare(
        "SELECT testimony_id, identity_id, version, cluster_id IS NOT NULL, "
        "(SELECT external_id FROM testimonies t WHERE t.id = testimony_id) "
        "FROM persons WHERE id = ? AND role = 'victim'"));
    find.Bind(1, id);
    ASSIGN_OR_RETURN(bool row, find.Step());
    if (!row) {
      return NotFound("no record with id " + std::to_string(id) + "; 'recount list' shows the ids");
    }
    const int64_t testimony_id = find.Int(0);
    const std::string identity_id = find.Text(1);
    const int64_t version = find.Int(2);
    const bool had_cluster = find.Int(3) != 0;
    const std::string external_id = find.Text(4);
    find.Reset();
    auto run = [&db](std::string_view sql, auto... values) -> Status {
      ASSIGN_OR_RETURN(auto st, db.Prepare(sql));
      int i = 0;
      (st.Bind(++i, values), ...);
      return st.Run();
    };
    // Versions kept by edits name their own identity rows: they go too.
    ASSIGN_OR_RETURN(std::vector<std::string> old_identities,
                     ShredRecordVersions(db, id, scope == ShredScope::kWholeRecord));
    RETURN_IF_ERROR(run("UPDATE persons SET identity_id = NULL WHERE id = ?", id));
    old_identities.push_back(identity_id);
    for (const std::string& old : old_identities) {
      if (old.empty()) continue;
      ASSIGN_OR_RETURN(auto del, db.Prepare("DELETE FROM identities WHERE id = ?"));
      del.Bind(1, std::string_view(old));
      RETURN_IF_ERROR(del.Run());
      report.identity_destroyed |= db.Changes() > 0;
    }
    RETURN_IF_ERROR(run("UPDATE testimonies SET narrative = NULL WHERE id = ?", testimony_id));
    std::vector<int64_t> runs_with_pairs;
    std::vector<EvidenceFile> attachments;
    if (scope == ShredScope::kWholeRecord) {
      ASSIGN_OR_RETURN(auto runs, db.Prepare(
          "SELECT DISTINCT run_id FROM link_pairs WHERE a = ? OR b = ? ORDER BY run_id"));
      runs.Bind(1, id);
      runs.Bind(2, id);
      while (true) {
        ASSIGN_OR_RETURN(bool more, runs.Step());
        if (!more) break;
        runs_with_pairs.push_back(runs.Int(0));
      }
      // Attachments go with the whole record: their wrapped keys and ciphertexts are deleted.
      ASSIGN_OR_RETURN(attachments, ReadEvidenceRows(db, id));
      RETURN_IF_ERROR(run("DELETE FROM evidence_files WHERE record_id = ?", id));
      report.attachments_destroyed = static_cast<int64_t>(attachments.size());
      RETURN_IF_ERROR(run("DELETE FROM involvements WHERE act_id IN "
                          "(SELECT id FROM acts WHERE victim_id = ?)", id));
      RETURN_IF_ERROR(run("DELETE FROM events WHERE id IN "
                          "(SELECT event_id FROM acts WHERE victim_id = ?)", id));
      RETURN_IF_ERROR(run("DELETE FROM acts WHERE victim_id = ?", id));
      RETURN_IF_ERROR(run("DELETE FROM link_pairs WHERE a = ? OR b = ?", id, id));
      RETURN_IF_ERROR(run("DELETE FROM persons WHERE id = ?", id));
      // The testimony goes when no other person of it remains.
      RETURN_IF_ERROR(run("DELETE FROM testimonies WHERE id = ? AND NOT EXISTS "
                          "(SELECT 1 FROM persons WHERE testimony_id = ?)",
                          testimony_id, testimony_id));
      report.record_deleted = true;
    }
    // The log keeps what happened, never what was destroyed: the digest of the record after the
    // shred (or "-" once deleted), which commits to no identity content.
    std::string digest;
    if (scope != ShredScope::kWholeRecord) {
      RETURN_IF_ERROR(run("UPDATE persons SET version = ? WHERE id = ?", version + 1, id));
      RETURN_IF_ERROR(ScanStoredRecords(db, RecordFilter{}, id, [&](StoredRecord&& sr) {
        digest = RecordDigest(sr);
        return Status();
      }));
    }
    RETURN_IF_ERROR(
        writer.Append(MakeShredEntry(id, version + 1, external_id, scope, std::move(digest))));
    for (const EvidenceFile& f : attachments) {
      RETURN_IF_ERROR(writer.Append(MakeShredAttachmentEntry(f)));
    }
    for (int64_t run_id : runs_with_pairs) {
      ASSIGN_OR_RETURN(auto pairs, ReadLinkPairs(db, run_id));
      RETURN_IF_ERROR(writer.Append(MakeDeletedPairsEntry(run_id, pairs, id)));
    }
    if (scope == ShredScope::kWholeRecord && had_cluster) {
      ASSIGN_OR_RETURN(auto assignment, ReadClusterAssignment(db));
      RETURN_IF_ERROR(writer.Append(MakeLeftClusterEntry(assignment, id)));
    }
    return writer.Finish();
  }));
  ASSIGN_OR_RETURN(report.wal_truncated, CheckpointAndTruncateWal(db));
  return report;
}

}  // namespace recount::storage::sqlite
