// Store: the one interface through which recount reads and writes its data. The embedded default
// is SQLite (storage/sqlite/); a PostgreSQL backend can follow behind the same interface, so no
// backend's SQL leaks past it. Schema and migrations: docs/schema.md.
//
// Identity details are handed to the store as an opaque blob (sealed by the layer above, see
// docs/security.md); the store never interprets them. Every multi-row change happens in one
// transaction: an ImportBatch is all or nothing.
//
// Thread-safety: a Store and its batches are used from one thread at a time.
#pragma once

#include <array>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "storage/audit_entry.h"
#include "storage/evidence_file.h"
#include "storage/record_sharing.h"
#include "storage/review_decision.h"
#include "storage/user_account.h"
#include "storage/table_dump.h"
#include "model/record.h"

namespace recount::storage {

// A record as stored: the coded record (identity left empty) plus its sealed identity blob.
struct StoredRecord {
  model::Record record;
  int64_t version = 1;        // 1 when created; each logged change adds one
  std::string identity_id;    // random id joining the record to the identity vault
  std::string identity_blob;  // opaque
};

// One import: rows added here become visible only on Commit(); destroying an uncommitted batch
// rolls everything back.
class ImportBatch {
 public:
  virtual ~ImportBatch() = default;
  // Makes the identity of a new record: (random identity id, sealed blob); "" id for none.
  using IdentityMaker = std::function<std::pair<std::string, std::string>()>;
  struct Added {
    model::RowId id = 0;      // the victim record's row id
    bool new_record = false;  // false when the row added acts to a record of this batch
  };
  // Adds one row of the batch's source: a new record, or more acts of a record added earlier in
  // this batch (same external id). A record committed by an earlier import is kAlreadyExists.
  // `make_identity` is called only for a new record.
  virtual Result<Added> Add(const model::Record& record, const IdentityMaker& make_identity) = 0;
  // Convenience for callers that already have the identity.
  Result<model::RowId> Add(const model::Record& record, std::string identity_id,
                           std::string identity_blob) {
    ASSIGN_OR_RETURN(Added a, Add(record, [&] {
                       return std::make_pair(identity_id, identity_blob);
                     }));
    return a.id;
  }
  // True if the source already holds a record with this external id (committed or in this batch).
  virtual Result<bool> Contains(std::string_view external_id) = 0;
  virtual Status Commit() = 0;
};

// Which records a list, count or scan covers. The act-level conditions (act_type, years,
// place_ids, ages) must all hold for one same act of the record.
struct RecordFilter {
  std::string source;    // empty: all sources
  std::string act_type;  // empty: any
  std::string sex;       // empty: any
  int year_from = 0;     // 0: open
  int year_to = 0;       // 0: open
  // Only records with an act whose event place resolved to one of these gazetteer ids (empty:
  // any place; unresolved places never match). The store compares ids only: the app expands a
  // chosen place to itself and every place within it (app/record_query.h).
  std::vector<std::string> place_ids;
  // Only records with an act at which the victim's possible ages (model/victim_age.h, stored
  // per act) overlap [age_from, age_to]; -1: open. An act with no known age never matches.
  int age_from = -1;
  int age_to = -1;
  int64_t limit = -1;    // -1: no limit
  int64_t offset = 0;
  // Only records with a larger id (0: from the start). Keyset paging: costs the same at any depth,
  // where offset has to step over every record before the page.
  model::RowId after_id = 0;
  // Only records web user `visible_to` (an account id) may see: unrestricted ones and restricted
  // ones shared with them (record_sharing.h). nullopt: every record, for whole-store work on the
  // command line by the key holder (docs/access.md).
  std::optional<int64_t> visible_to;

  // Whether any condition bears on acts (type, years, places, ages): they must hold for one
  // same act of the record.
  bool HasActConditions() const {
    return !act_type.empty() || year_from != 0 || year_to != 0 || !place_ids.empty() ||
           age_from >= 0 || age_to >= 0;
  }
};

// Dimensions `recount stats --by` can group by.
enum class Dimension { kAct, kYear, kPlace, kSex, kSource };

struct CountRow {
  std::vector<std::string> keys;  // one per requested dimension; "" where unknown
  int64_t acts = 0;
  int64_t victims = 0;  // distinct victim records (before linkage into unique persons)
};

// The outcome of one linkage run, saved in one transaction: every record's cluster (unique
// person) and the scored pairs that formed the clusters, so the uncertainty of each link is kept.
struct LinkPair {
  model::RowId a = 0;
  model::RowId b = 0;
  double probability = 0;
};
struct LinkageRun {
  std::string description;
  std::vector<std::pair<model::RowId, std::string>> clusters;  // record id -> cluster id
  std::vector<LinkPair> pairs;
};

// An edit of one record (Store::UpdateRecord; `recount edit`). The record's row id, source,
// external id and cluster stay; everything else becomes what `record` holds (its acts replace the
// old acts). The version the edit was made from must still be the current one, otherwise the edit
// is refused (kConflict) and nothing changes: no edit silently overwrites another.
struct RecordUpdate {
  model::RowId id = 0;
  int64_t expected_version = 0;
  model::Record record;
  // The identity after the edit: nullopt keeps the current one; otherwise (identity id, sealed
  // blob) of a new identity row, or ("", "") for none. The old identity row is kept for the
  // record's history (and destroyed with it by a shred).
  std::optional<std::pair<std::string, std::string>> new_identity;
  std::string reason;  // one line for the log entry ("" for none)
};

// An earlier version of a record, kept when an edit replaced it: nothing is overwritten.
struct RecordVersion {
  model::RowId record = 0;
  int64_t version = 0;
  // CanonicalRecordBytes (record_digest.h) of the version: its SHA-256 is the digest the log
  // recorded for it, so `audit verify` checks kept versions like current ones.
  std::string canonical;
  std::string replaced_at;  // RFC 3339 UTC, when the next version replaced it
  std::string replaced_by;  // the log actor of that edit
  // A later shred destroyed its identity and narrative (they are blanked here, and the canonical
  // bytes no longer hash to the logged digest by design).
  bool shredded = false;
};

// What a safety deletion removes (Store::ShredRecord, docs/security.md section 9).
enum class ShredScope {
  kIdentity,     // the identity (wrapped data key + ciphertext) and the free-text narrative
  kWholeRecord,  // also the coded record: person, testimony, events, acts, involvements, links,
                 // kept versions and attachments
};

struct ShredReport {
  bool identity_destroyed = false;  // false when the record had no identity
  bool record_deleted = false;
  int64_t attachments_destroyed = 0;  // whole record only: its evidence files, keys and all
  bool wal_truncated = false;  // false if another connection kept the WAL from being reset
};

// The tamper-evident log (docs/security.md section 7): its tree head, the signer that each write
// transaction uses to sign a checkpoint for the new head, and the checkpoints kept so far.
struct LogTreeHead {
  uint64_t size = 0;
  std::array<uint8_t, 32> root{};  // RFC 9162 Merkle tree hash of the first `size` entries
};
// Returns the signed checkpoint note (crypto/checkpoint.h) for `head`.
using CheckpointSigner = std::function<Result<std::string>(const LogTreeHead& head)>;
struct StoredCheckpoint {
  uint64_t size = 0;
  std::string note;
  std::string created_at;
};

class Store {
 public:
  virtual ~Store() = default;

  // Human-readable location, e.g. the file path.
  virtual const std::string& location() const = 0;
  virtual int schema_version() = 0;

  // The source with this name, created if absent (not committed until a batch commits when
  // called inside an import; standalone calls commit immediately).
  virtual Result<model::Source> EnsureSource(std::string_view name) = 0;
  virtual Result<std::vector<model::Source>> ListSources() = 0;

  virtual Result<std::unique_ptr<ImportBatch>> BeginImport(std::string_view source_name,
                                                           std::string_view description) = 0;

  virtual Result<StoredRecord> GetRecord(model::RowId id) = 0;
  virtual Result<std::optional<model::RowId>> FindRecord(std::string_view source,
                                                         std::string_view external_id) = 0;
  // Calls `fn` for each matching record in id order; stops at the first error `fn` returns.
  virtual Status ScanRecords(const RecordFilter& filter,
                             const std::function<Status(StoredRecord&&)>& fn) = 0;
  virtual Result<int64_t> CountRecords(const RecordFilter& filter) = 0;
  // Counts acts and victims grouped by `by` (in that order); place groups by the resolved place
  // id, or the place text when unresolved; year by the earliest year of the act's date.
  virtual Result<std::vector<CountRow>> CountActs(const std::vector<Dimension>& by) = 0;

  // Replaces the cluster of every listed record and keeps the run's pairs; returns the run id.
  virtual Result<int64_t> SaveLinkage(const LinkageRun& run) = 0;
  // The pairs of the latest linkage run (empty before any run).
  virtual Result<std::vector<LinkPair>> LatestLinkPairs() = 0;

  // The store's key ring (crypto/key_ring.h's keyfile format, opaque here), or nullopt when the
  // store has none (created before encryption, schema < 5). Kept inside the store so that one
  // file is one store and a backup of the file includes its (wrapped) keys.
  virtual Result<std::optional<std::string>> LoadKeyRing() = 0;
  // Replaces the key ring in one transaction, only if the stored one still equals `expected`
  // (nullopt: there is none yet); otherwise kFailedPrecondition and nothing changes. Then resets
  // the write-ahead log so the previous wrapped keys do not linger in it.
  virtual Status SaveKeyRing(std::string_view key_ring,
                             const std::optional<std::string>& expected) = 0;

  // Safety deletion of victim record `id` (crypto-shredding, docs/security.md section 9): deletes
  // its identity row (the wrapped identity data key and the ciphertext: without them no key can
  // ever decrypt it) and clears its narrative, or with kWholeRecord deletes the record entirely;
  // all in one transaction, with secure_delete so freed bytes are overwritten, then checkpoints
  // and truncates the write-ahead log. The one place where records are deleted: an audit-log
  // append for the deletion belongs inside this call's transaction. kNotFound for no such record.
  virtual Result<ShredReport> ShredRecord(model::RowId id, ShredScope scope) = 0;

  // --- Tamper-evident log (audit_entry.h). Every write (import, linkage, shred) appends its
  // entries in its own transaction, so a change and its entry land together or not at all.
  // Who the entries of this connection name as the actor ("unknown" until set).
  virtual void SetActor(std::string actor) = 0;
  // From now on every write transaction also stores a checkpoint for the new tree head, signed
  // by `signer`, in the same transaction. Without a signer entries are appended unsigned, and
  // `recount audit verify` reports them as not covered by any checkpoint.
  virtual void SetCheckpointSigner(CheckpointSigner signer) = 0;
  // Appends one entry (seq, time and actor are filled in) in a transaction of its own: for events
  // that change nothing else, such as a read of identity data. Returns its seq.
  virtual Result<int64_t> AppendAuditEntry(AuditEntry entry) = 0;
  // Every entry's stored bytes in log order (seq 1, 2, ...; gaps are the caller's to detect).
  virtual Status ScanAuditLog(
      const std::function<Status(int64_t seq, std::string_view entry)>& fn) = 0;
  // The tree head kept by the store (not recomputed: verification does that).
  virtual Result<LogTreeHead> AuditTreeHead() = 0;
  // Every checkpoint stored, by increasing size.
  virtual Result<std::vector<StoredCheckpoint>> ListCheckpoints() = 0;
  // (record id, cluster id) for every record with a cluster, in id order.
  virtual Result<std::vector<std::pair<model::RowId, std::string>>> ClusterAssignment() = 0;
  // Small named values kept with the store (e.g. "log_vkey", the public key of the log);
  // nullopt when unset. PutSetting writes in its own transaction.
  virtual Result<std::optional<std::string>> GetSetting(std::string_view key) = 0;
  virtual Status PutSetting(std::string_view key, std::string_view value) = 0;
  // Every linkage run's id, in order, and the scored pairs kept for one run, in (a, b) order.
  virtual Result<std::vector<int64_t>> LinkRunIds() = 0;
  virtual Result<std::vector<LinkPair>> LinkPairsOfRun(int64_t run_id) = 0;

  // --- Review decisions (review_decision.h; schema 7). Appends `decision` with id, actor (the
  // log's actor) and time filled in and (a, b) ordered, together with its "review" log entry, in
  // one transaction; returns it as stored. Both records must exist (kNotFound).
  virtual Result<ReviewDecision> SaveReviewDecision(ReviewDecision decision) = 0;
  // Every decision ever made, in id order (the history; StandingDecisions() folds it).
  virtual Result<std::vector<ReviewDecision>> ListReviewDecisions() = 0;

  // --- Evidence files (evidence_file.h; schema 8). Stores `file` (evidence id, name, media type,
  // source note, size, plaintext SHA-256 and wrapped key set by the caller; id, ciphertext hash,
  // actor and time filled in) with its encrypted stream, together with its "attach" log entry, in
  // one transaction; returns it as stored. kNotFound when the record does not exist.
  virtual Result<EvidenceFile> SaveEvidenceFile(EvidenceFile file,
                                                std::string_view ciphertext) = 0;
  // The files attached to `record` (0: to any record), in id order, without their ciphertext.
  virtual Result<std::vector<EvidenceFile>> ListEvidenceFiles(model::RowId record) = 0;
  // One file's metadata, and its stored ciphertext; kNotFound for an unknown id.
  virtual Result<EvidenceFile> GetEvidenceFile(int64_t id) = 0;
  virtual Result<std::string> ReadEvidenceCiphertext(int64_t id) = 0;

  // --- Record edits (schema 9). Applies `update` in one transaction: keeps the current version in
  // the record's history, writes the new one with version + 1 and appends its "update" log entry.
  // Returns the new version. kNotFound for an unknown record; kConflict (changing nothing) when
  // the record is no longer at update.expected_version.
  virtual Result<int64_t> UpdateRecord(const RecordUpdate& update) = 0;
  // The kept earlier versions of `record` (0: of every record), by record then version.
  virtual Result<std::vector<RecordVersion>> RecordVersions(model::RowId record) = 0;

  // --- Web accounts and sessions (user_account.h; schema 10).
  // Creates an account (id, version 1, created_at and log_seq filled in) together with its "user"
  // log entry, in one transaction. kAlreadyExists when the name is taken.
  virtual Result<UserAccount> CreateUser(UserAccount user) = 0;
  // Writes role, disabled, password hash and TOTP secret of account `user.id`, which must still be
  // at `user.version` (kConflict otherwise, changing nothing); version + 1, with its "user" log
  // entry (`change` says what changed). Clears the failed-login count. kNotFound for no such id.
  virtual Result<UserAccount> UpdateUser(UserAccount user, std::string_view change) = 0;
  virtual Result<std::optional<UserAccount>> FindUser(std::string_view name) = 0;
  virtual Result<std::vector<UserAccount>> ListUsers() = 0;  // by id
  // Records that TOTP step `step` was used by `user_id`, only if it is later than the last one
  // used: false (and nothing changes) when it is not, so a code works once, even when two logins
  // race.
  virtual Result<bool> ClaimTotpStep(int64_t user_id, int64_t step) = 0;
  // Sets the failed-login count and lock-out time ("" for none) of `user_id`; not logged.
  virtual Status SetLoginFailures(int64_t user_id, int64_t failed,
                                  std::string_view locked_until) = 0;
  // The stored bytes of log entry `seq`, nullopt when there is none.
  virtual Result<std::optional<std::string>> AuditEntryAt(int64_t seq) = 0;
  virtual Status SaveSession(const WebSession& session) = 0;
  virtual Result<std::optional<WebSession>> FindSession(std::string_view token_hash) = 0;
  virtual Status TouchSession(std::string_view token_hash, std::string_view last_seen) = 0;
  // Deletes the session `token_hash`, or with an empty hash every session of `user_id`.
  virtual Status DeleteSessions(std::string_view token_hash, int64_t user_id) = 0;
  // --- Per-record sharing (record_sharing.h, docs/access.md; schema 11).
  // The sharing of record `record`: {record, false, {}, 0, 0} when it was never restricted.
  // kNotFound when there is no such record.
  virtual Result<RecordSharing> GetSharing(model::RowId record) = 0;
  // Writes `sharing` (restricted flag and user ids; unrestricted: no users) with version =
  // sharing.version + 1, only if the stored version is still sharing.version (kConflict
  // otherwise, changing nothing), together with its "share" log entry (`change` is its detail
  // line), in one transaction. kNotFound for an unknown record or user id. Returns it as stored.
  virtual Result<RecordSharing> SetSharing(RecordSharing sharing, std::string_view change) = 0;
  // Every record whose sharing was ever changed, by record id.
  virtual Result<std::vector<RecordSharing>> ListSharing() = 0;
  // Whose reads this connection serves from now on, for the database's own row-level security
  // (PostgreSQL: docs/postgres.md, "Row-level security"): web user `user` (an account id), or
  // nullopt for whole-store work by the key holder. SQLite has no such layer: a no-op there, the
  // app's checks (app/record_access.h) are the rule on both backends.
  virtual Status SetReadScope(std::optional<int64_t> user) = 0;

  // --- Logical copy of the whole store (table_dump.h): `recount backup`, `restore`, `migrate`.
  // Every table from one consistent snapshot, in DumpTables() order.
  virtual Status Dump(DumpSink& sink) = 0;
  // Loads a copy into this store, which must hold no data (kFailedPrecondition); all or nothing.
  virtual Result<std::unique_ptr<TableLoader>> BeginLoad() = 0;
};

enum class OpenMode {
  kCreate,        // a new store; fails if one exists at the location
  kOpenExisting,  // fails if there is none; migrates an older schema
};

// Opens the store at `location` (a file path for SQLite).
Result<std::unique_ptr<Store>> OpenStore(const std::string& location, OpenMode mode);

// The schema version this build writes.
int LatestSchemaVersion();

}  // namespace recount::storage
