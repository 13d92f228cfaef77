#include "storage/sqlite/migrations.h"

#include "storage/sqlite/sqlite_act_ages.h"

namespace recount::storage::sqlite {

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> kMigrations = {
      {1, "sources, testimonies, persons, identity vault, events, acts, involvements", R"sql(
CREATE TABLE sources (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
);
CREATE TABLE imports (
  id          INTEGER PRIMARY KEY,
  source_id   INTEGER NOT NULL REFERENCES sources(id),
  description TEXT NOT NULL,
  started_at  TEXT NOT NULL
);
CREATE TABLE testimonies (
  id             INTEGER PRIMARY KEY,
  source_id      INTEGER NOT NULL REFERENCES sources(id),
  import_id      INTEGER REFERENCES imports(id),
  external_id    TEXT NOT NULL,
  testimony_date TEXT,
  language       TEXT,
  connection     TEXT,
  reliability    TEXT,
  consent        TEXT,
  narrative      TEXT,
  UNIQUE (source_id, external_id)
);
CREATE TABLE identities (
  id   TEXT PRIMARY KEY,
  data BLOB NOT NULL
) WITHOUT ROWID;
CREATE TABLE persons (
  id           INTEGER PRIMARY KEY,
  testimony_id INTEGER NOT NULL REFERENCES testimonies(id),
  role         TEXT NOT NULL,
  person_ref   TEXT,
  sex          TEXT,
  birth        TEXT,
  birth_lo     INTEGER,
  birth_hi     INTEGER,
  origin_text  TEXT,
  origin_place TEXT,
  identity_id  TEXT REFERENCES identities(id)
);
CREATE INDEX persons_testimony ON persons(testimony_id);
CREATE TABLE events (
  id           INTEGER PRIMARY KEY,
  testimony_id INTEGER NOT NULL REFERENCES testimonies(id),
  date         TEXT,
  date_lo      INTEGER,
  date_hi      INTEGER,
  year_lo      INTEGER,
  year_hi      INTEGER,
  place_text   TEXT,
  place_id     TEXT
);
CREATE TABLE acts (
  id        INTEGER PRIMARY KEY,
  event_id  INTEGER NOT NULL REFERENCES events(id),
  victim_id INTEGER NOT NULL REFERENCES persons(id),
  act_type  TEXT NOT NULL,
  age       INTEGER
);
CREATE INDEX acts_victim ON acts(victim_id);
CREATE TABLE involvements (
  id               INTEGER PRIMARY KEY,
  act_id           INTEGER NOT NULL REFERENCES acts(id),
  perpetrator_id   INTEGER REFERENCES persons(id),
  perpetrator_type TEXT,
  degree           TEXT
);
CREATE INDEX involvements_act ON involvements(act_id);
)sql"},
      {2, "indexes for counting and filtering by year and act type", R"sql(
CREATE INDEX events_year ON events(year_lo, year_hi);
CREATE INDEX acts_type ON acts(act_type);
)sql"},
      {3, "linkage: cluster of each record, linkage runs and their scored pairs", R"sql(
ALTER TABLE persons ADD COLUMN cluster_id TEXT;
CREATE INDEX persons_cluster ON persons(cluster_id);
CREATE TABLE link_runs (
  id          INTEGER PRIMARY KEY,
  description TEXT NOT NULL,
  started_at  TEXT NOT NULL,
  records     INTEGER NOT NULL,
  clusters    INTEGER NOT NULL
);
CREATE TABLE link_pairs (
  run_id      INTEGER NOT NULL REFERENCES link_runs(id),
  a           INTEGER NOT NULL REFERENCES persons(id),
  b           INTEGER NOT NULL REFERENCES persons(id),
  probability REAL NOT NULL
);
CREATE INDEX link_pairs_run ON link_pairs(run_id);
)sql"},
      {4, "drop indexes no query uses (every count scans): faster imports", R"sql(
DROP INDEX events_year;
DROP INDEX acts_type;
DROP INDEX persons_cluster;
)sql"},
      {5, "key ring: the store's wrapped master and identity-vault keys (docs/security.md)", R"sql(
CREATE TABLE IF NOT EXISTS keyring (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  data       BLOB NOT NULL,
  updated_at TEXT NOT NULL
);
)sql"},
      {6, "tamper-evident log: entries, Merkle tree state, signed checkpoints; record versions",
       R"sql(
ALTER TABLE persons ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
CREATE TABLE audit_log (
  seq       INTEGER PRIMARY KEY,
  entry     BLOB NOT NULL,
  leaf_hash BLOB NOT NULL
);
CREATE TABLE audit_state (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  frontier BLOB NOT NULL
);
CREATE TABLE checkpoints (
  size       INTEGER PRIMARY KEY,
  note       TEXT NOT NULL,
  created_at TEXT NOT NULL
);
)sql"},
      {7, "review decisions on scored pairs (recount review): append-only, attributed",
       R"sql(
CREATE TABLE review_decisions (
  id          INTEGER PRIMARY KEY,
  a           INTEGER NOT NULL REFERENCES persons(id),
  b           INTEGER NOT NULL REFERENCES persons(id),
  verdict     TEXT NOT NULL CHECK (verdict IN ('accept', 'reject', 'undo')),
  probability REAL NOT NULL,
  note        TEXT NOT NULL,
  actor       TEXT NOT NULL,
  decided_at  TEXT NOT NULL,
  CHECK (a < b)
);
)sql"},
      {8, "evidence files (recount attach): encrypted, immutable, each logged with its hashes",
       R"sql(
CREATE TABLE evidence_files (
  id                INTEGER PRIMARY KEY,
  record_id         INTEGER NOT NULL REFERENCES persons(id),
  evidence_id       TEXT NOT NULL UNIQUE,
  file_name         TEXT NOT NULL,
  media_type        TEXT NOT NULL,
  source_note       TEXT NOT NULL,
  size              INTEGER NOT NULL,
  plaintext_sha256  TEXT NOT NULL,
  ciphertext_sha256 TEXT NOT NULL,
  wrapped_key       BLOB NOT NULL,
  actor             TEXT NOT NULL,
  attached_at       TEXT NOT NULL,
  ciphertext        BLOB NOT NULL
);
CREATE INDEX evidence_files_record ON evidence_files(record_id);
CREATE TRIGGER evidence_files_immutable BEFORE UPDATE ON evidence_files
BEGIN
  SELECT RAISE(ABORT, 'evidence files are immutable');
END;
)sql"},
      {9, "record versions: an edit keeps the version it replaces (recount edit, history)",
       R"sql(
CREATE TABLE record_versions (
  record_id   INTEGER NOT NULL REFERENCES persons(id),
  version     INTEGER NOT NULL,
  canonical   BLOB NOT NULL,
  replaced_at TEXT NOT NULL,
  replaced_by TEXT NOT NULL,
  shredded    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (record_id, version)
) WITHOUT ROWID;
)sql"},
      {10, "web accounts and sessions (recount user, recount serve)", R"sql(
CREATE TABLE users (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL UNIQUE,
  role           TEXT NOT NULL,
  disabled       INTEGER NOT NULL DEFAULT 0,
  password_hash  TEXT NOT NULL,
  totp_secret    TEXT NOT NULL,
  version        INTEGER NOT NULL,
  created_at     TEXT NOT NULL,
  log_seq        INTEGER NOT NULL,
  failed_logins  INTEGER NOT NULL DEFAULT 0,
  locked_until   TEXT NOT NULL DEFAULT '',
  totp_last_step INTEGER NOT NULL DEFAULT -1
);
CREATE TABLE web_sessions (
  token_hash TEXT PRIMARY KEY,
  user_id    INTEGER NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  last_seen  TEXT NOT NULL,
  client     TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX web_sessions_user ON web_sessions(user_id);
)sql"},
      {11, "per-record sharing: restricted records and the users they are shared with", R"sql(
CREATE TABLE IF NOT EXISTS record_sharing (
  record_id  INTEGER PRIMARY KEY,
  restricted INTEGER NOT NULL,
  version    INTEGER NOT NULL,
  log_seq    INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS record_shares (
  record_id INTEGER NOT NULL,
  user_id   INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (record_id, user_id)
) WITHOUT ROWID;
)sql"},
      {12, "search filters: each act's possible victim ages (no index: docs/web.md, \"Filters\")",
       R"sql(
ALTER TABLE acts ADD COLUMN age_lo INTEGER;
ALTER TABLE acts ADD COLUMN age_hi INTEGER;
)sql", BackfillActAges},
  };
  return kMigrations;
}

}  // namespace recount::storage::sqlite
