// Evidence bundles (`recount export --evidence`, `recount verify-bundle`; docs/security.md
// section 7.7): a folder a court or UN body can check offline, without the store or any key but
// the log's public key.
//
// Layout (all paths relative to the bundle folder):
//   manifest.json          what is in the bundle, with the SHA-256 of every other file
//   checkpoint.txt         the latest signed checkpoint of the store's log (C2SP signed note)
//   log.vkey               the log's public key (a court should compare it with the key the
//                          organisation published, and pass that one with --vkey)
//   entries/<seq>.txt      each included log entry, its exact bytes (the RFC 9162 leaf data)
//   proofs/<seq>.json      the RFC 9162 inclusion proof of that entry against checkpoint.txt
//   records/<id>.json      a record: the exact fields storage::RecordDigest hashes (the sealed
//                          identity only by the SHA-256 of its blob), its history (entry seqs),
//                          its attachments' metadata, and its identity only when included
//   files/<attachment id>-<file name>   each attached file, decrypted
//
// Verification (VerifyBundle) trusts nothing in the folder but the key: it checks the checkpoint
// signature, each entry's inclusion proof against the checkpoint's root, each record file against
// the digest of its latest included create/update/shred entry, each attached file's SHA-256 and
// metadata against its attach entry, and every file against the manifest (a removed or altered
// file is named). Problems name the file and the entry number.
//
// What a bundle cannot show: that no later entry about a record exists beyond the checkpoint, or
// that the selection is complete (the manifest is not signed); identities, when included, are not
// covered by the log (only their sealed blob's hash is). Thread-safety: one call at a time.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/identity_vault.h"
#include "base/result.h"
#include "crypto/secret_bytes.h"
#include "storage/store.h"

namespace recount::app {

struct BundleOptions {
  std::vector<model::RowId> records;  // the selection, resolved to row ids
  std::string out_dir;                // created; must not exist or be empty
  // With an unlocked reader, identities are written into the record files and each such read is
  // logged ("read-identity") before the checkpoint is taken. nullptr: redacted.
  IdentityReader* identities = nullptr;
  const crypto::SecretBytes* master_key = nullptr;  // decrypts the attachments
  std::string description;  // recorded in the manifest and the read-identity entries
};

struct BundleSummary {
  uint64_t records = 0;
  uint64_t entries = 0;
  uint64_t attachments = 0;
  uint64_t tree_size = 0;
  bool identities_included = false;
};

Result<BundleSummary> WriteEvidenceBundle(storage::Store& store, const BundleOptions& options);

struct BundleReport {
  uint64_t records = 0;
  uint64_t entries = 0;
  uint64_t attachments = 0;
  uint64_t tree_size = 0;
  std::string key_source;             // "key given" or "key in the bundle"
  std::vector<std::string> problems;  // empty: the bundle is intact
  bool ok() const { return problems.empty(); }
};

// `vkey`: the log's public key as the checker obtained it; nullopt uses the bundle's log.vkey
// (and the report says so). Errors only when `dir` is not a bundle at all; everything else is a
// problem in the report.
Result<BundleReport> VerifyBundle(const std::string& dir, const std::optional<std::string>& vkey);

}  // namespace recount::app
