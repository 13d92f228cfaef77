// Use case: import one source's files into the store, all or nothing
// (docs/import-format.md).
//
// Every row is validated; with any invalid row and skip_invalid off, nothing from any of the files
// lands and the error lists the problems (up to max_reported), each with file, line and field.
// With skip_invalid on, valid records land and rejected rows are written, with their reasons, to
// reject_path (in plain text: that file holds the rows as given, names included).
//
// Identities are sealed under the identity vault as they are imported (identity_vault.h): the
// vault must be unlocked, and no identity reaches the store in plain text. Narratives are sealed
// under the store master key (record_seal.h) on the reading thread, before they are queued.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "base/result.h"
#include "ingest/row_source.h"
#include "app/identity_vault.h"
#include "app/record_seal.h"
#include "storage/store.h"

namespace recount::app {

struct ImportOptions {
  std::string source;
  std::vector<std::string> files;
  std::string mapping_path;  // empty: the default layout
  ingest::FileFormat format = ingest::FileFormat::kAuto;
  bool skip_invalid = false;
  std::string reject_path;  // with skip_invalid; default "<first file>.rejects.csv"
  size_t max_reported = 50;
  // The unlocked identity vault that seals each record's identity (borrowed; required).
  IdentityVault* vault = nullptr;
  // Seals each record's narrative under the store master key (borrowed; required). Used only by
  // the reading thread.
  RecordSealer* sealer = nullptr;
  // Called now and then with bytes read so far and the total size of all files.
  std::function<void(uint64_t done, uint64_t total)> progress;
};

struct ImportReport {
  std::string source;
  int64_t rows = 0;      // rows read
  int64_t records = 0;   // distinct victim records stored
  int64_t acts = 0;      // acts stored
  int64_t rejected = 0;  // rows rejected (skip_invalid only)
  int64_t unresolved_places = 0;  // place texts kept as free text (not in the gazetteer)
  std::string reject_path;
};

Result<ImportReport> ImportRecords(storage::Store& store, const ImportOptions& options);

}  // namespace recount::app
