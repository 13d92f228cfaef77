// Use case: write a store's records back out in the import format, one file per source
// (<dir>/<source>.csv or .jsonl), so that importing the files again gives the same data.
// One row per act, default layout (docs/import-format.md). Identity fields are written only with
// include_identities, which needs the identity vault unlocked (they are blank otherwise). The
// files are plain text: with identities they must be kept as carefully as the vault passphrase.
// Narratives are written opened (record_seal.h), so importing the files gives the same data; a
// sealed narrative that cannot be opened stops the export (nothing is left half-written).
#pragma once

#include <string>
#include <vector>

#include "app/identity_vault.h"
#include "app/record_seal.h"
#include "base/result.h"
#include "storage/store.h"

namespace recount::app {

enum class ExportFormat { kCsv, kJsonLines };

struct ExportOptions {
  std::string out_dir;
  ExportFormat format = ExportFormat::kCsv;
  std::string source;  // empty: every source
  bool include_identities = false;
  // How identities are read (borrowed); required, and unlocked, with include_identities.
  IdentityReader* identities = nullptr;
  // How narratives are read (borrowed; required): unlocked for a store with sealed narratives.
  NarrativeReader* narratives = nullptr;
};

struct ExportedFile {
  std::string source;
  std::string path;
  int64_t records = 0;
  int64_t rows = 0;
};

Result<std::vector<ExportedFile>> ExportRecords(storage::Store& store, const ExportOptions& options);

}  // namespace recount::app
