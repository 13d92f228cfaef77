// recount backup / restore / migrate --to (docs/operations.md, "Backups", "Moving a store").
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <ostream>

#include "app/audit_verify.h"
#include "app/log_signing.h"
#include "app/store_backup.h"
#include "cli/commands.h"
#include "cli/credentials.h"
#include "cli/log_unlock.h"
#include "cli/store_master_key.h"
#include "storage/store.h"

namespace recount::cli {
namespace {

// The store master key from a key ring that is not (yet) in a store: a backup's header.
Result<crypto::SecretBytes> UnlockRing(std::string_view ring_bytes, CommandContext& ctx,
                                       std::string_view what) {
  Result<crypto::KeyRing> ring = crypto::KeyRing::Parse(crypto::AsBytes(ring_bytes));
  if (!ring.ok()) return ring.status().WithContext("the key ring in " + std::string(what));
  ASSIGN_OR_RETURN(std::optional<crypto::Credential> credential,
                   CredentialForUnlock(KeySlot::kStore, /*allow_skip=*/false, ctx));
  if (!credential) {
    return FailedPrecondition("recount needs the store key of " + std::string(what) +
                              " (the passphrase or key file of the store it was made from): set "
                              "RECOUNT_PASSPHRASE or RECOUNT_KEY_FILE, or run at a terminal");
  }
  Result<crypto::SecretBytes> master =
      ring->Unlock(crypto::KeySlotKind::kStoreMaster, *credential);
  if (!master.ok()) {
    return master.status().WithContext("unlocking " + std::string(what) +
                                       " (give the store key of the store it was made from)");
  }
  return master;
}

std::string Summarise(const app::CopySummary& s) {
  std::string out;
  for (const auto& [table, rows] : s.tables) {
    if (rows == 0) continue;
    if (!out.empty()) out += ", ";
    out += table + " " + std::to_string(rows);
  }
  return out;
}

nlohmann::json SummaryJson(const app::CopySummary& s) {
  nlohmann::json tables = nlohmann::json::object();
  for (const auto& [table, rows] : s.tables) tables[table] = rows;
  return {{"rows", s.rows}, {"tables", tables}, {"log_size", s.log_size},
          {"log_root_sha256_hex", s.log_root_hex}};
}

// After a restore or migrate into `target` (created by this command): checks the copy as `audit
// verify` does, with the log key derived from the master key, then appends one entry (`op`)
// saying where the copy came from, signed. On any failure the caller removes the target.
Result<app::AuditReport> VerifyAndLogCopy(storage::Store& target,
                                          const crypto::SecretBytes& master_key,
                                          const app::CopySummary& copied, std::string_view op,
                                          std::string detail) {
  ASSIGN_OR_RETURN(crypto::NoteSigner key, app::DeriveLogKey(master_key));
  app::AuditVerifyOptions options;
  options.log_key = key.verifier();
  ASSIGN_OR_RETURN(app::AuditReport report, app::VerifyAudit(target, options));
  if (!report.ok()) {
    std::string problems;
    for (size_t i = 0; i < report.problems.size() && i < 5; ++i) {
      problems += "\n  " + report.problems[i];
    }
    return DataLoss("the copy does not verify against its tamper-evident log (" +
                    std::to_string(report.problems.size()) + " problems):" + problems);
  }
  if (report.entries != copied.log_size ||
      (copied.log_size > 0 && report.root_hex != copied.log_root_hex)) {
    return DataLoss("the copied log (" + std::to_string(report.entries) + " entries, root " +
                    report.root_hex + ") is not the tree head that was copied (" +
                    std::to_string(copied.log_size) + ", " + copied.log_root_hex + ")");
  }
  RETURN_IF_ERROR(PrepareStoreForWriting(target, master_key));
  storage::AuditEntry entry;
  entry.op = std::string(op);
  entry.detail = std::move(detail) + "; copied log " + std::to_string(copied.log_size) +
                 " entries, root " + copied.log_root_hex + ", " + std::to_string(copied.rows) +
                 " rows";
  RETURN_IF_ERROR(target.AppendAuditEntry(std::move(entry)).status());
  return report;
}

// Creates `location` and runs `fill` on it; on any failure removes what was created.
Status IntoNewStore(const std::string& location,
                    const std::function<Status(storage::Store&)>& fill) {
  ASSIGN_OR_RETURN(std::unique_ptr<storage::Store> target,
                   storage::OpenStore(location, storage::OpenMode::kCreate));
  Status s = fill(*target);
  if (s.ok()) return s;
  target.reset();
  Status removed = storage::RemoveNewStore(location);
  if (!removed.ok()) return s.WithContext(removed.message());
  return s.WithContext("nothing was kept at " + location);
}

void PrintCopy(CommandContext& ctx, std::string_view verb, const std::string& target,
               const app::CopySummary& copied, const app::AuditReport& report) {
  if (ctx.global.json) {
    nlohmann::json j = SummaryJson(copied);
    j["store"] = target;
    j["verified"] = report.ok();
    j["records_checked"] = report.records;
    *ctx.out << j.dump() << "\n";
    return;
  }
  *ctx.out << verb << " " << copied.rows << " rows into " << target << " ("
           << Summarise(copied) << ").\n"
           << "Tamper-evident log: " << copied.log_size << " entries, root "
           << copied.log_root_hex << ", identical to the original's; audit verify OK ("
           << report.records << " records, " << report.kept_versions << " kept versions, "
           << report.evidence_files << " attachments checked). One entry was appended to "
           << "record the " << (verb == "Restored" ? "restore" : "move") << ".\n";
}

}  // namespace

Command BackupCommand() {
  return {"backup", "write an encrypted, verified backup of the whole store to a file",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto out = std::make_shared<std::string>();
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            sub.add_option("--out", *out, "the backup file to write (must not exist)")
                ->required();
            sub.footer("Needs the store key (RECOUNT_KEY_FILE / RECOUNT_PASSPHRASE or a prompt); "
                       "the backup opens with the same key. Works on SQLite and PostgreSQL "
                       "stores; restore with 'recount restore FILE --store TARGET'.");
            return [&ctx, out]() -> Status {
              std::error_code ec;
              if (std::filesystem::exists(*out, ec)) {
                return AlreadyExists(*out + " exists; choose another --out name (a backup never "
                                     "overwrites a file)");
              }
              ASSIGN_OR_RETURN(auto store, storage::OpenStore(ResolveStorePath(ctx),
                                                              storage::OpenMode::kOpenExisting));
              ASSIGN_OR_RETURN(UnlockedStore unlocked,
                               UnlockStoreMasterKey(*store, ctx, "write an encrypted backup"));
              const std::string partial = *out + ".partial";
              auto fail = [&](Status s) {
                std::filesystem::remove(partial, ec);
                return s.WithContext("writing the backup " + *out + " (nothing was kept)");
              };
              app::CopySummary written;
              {
                std::ofstream file(partial, std::ios::binary | std::ios::trunc);
                if (!file) return IoError("cannot create " + partial + "; check the folder");
                // Encrypted, but only its owner needs to read it (like a key file).
                std::filesystem::permissions(partial,
                                             std::filesystem::perms::owner_read |
                                                 std::filesystem::perms::owner_write,
                                             std::filesystem::perm_options::replace, ec);
                Result<app::CopySummary> w = app::WriteBackup(*store, unlocked.master_key, file);
                if (!w.ok()) return fail(w.status());
                written = *w;
                file.close();
                if (!file) return fail(IoError("closing " + partial + " failed (disk full?)"));
              }
              // Read back what was written: a backup that cannot be restored is worse than none.
              {
                std::ifstream file(partial, std::ios::binary);
                Result<app::BackupHeader> header = app::ReadBackupHeader(file);
                if (!header.ok()) return fail(header.status());
                Result<app::CopySummary> check =
                    app::LoadBackup(file, *header, unlocked.master_key, nullptr);
                if (!check.ok()) return fail(check.status().WithContext("reading it back"));
                if (check->rows != written.rows || check->log_root_hex != written.log_root_hex) {
                  return fail(DataLoss("reading the backup back gave other rows than written"));
                }
              }
              std::filesystem::rename(partial, *out, ec);
              if (ec) return fail(IoError("renaming " + partial + ": " + ec.message()));
              if (ctx.global.json) {
                nlohmann::json j = SummaryJson(written);
                j["file"] = *out;
                j["bytes"] = std::filesystem::file_size(*out, ec);
                *ctx.out << j.dump() << "\n";
              } else {
                *ctx.out << "Wrote " << *out << ": " << written.rows << " rows ("
                         << Summarise(written) << "), encrypted under the store key and read "
                         << "back.\nTamper-evident log: " << written.log_size
                         << " entries, root " << written.log_root_hex << ".\n";
              }
              return Status();
            };
          }};
}

Command RestoreCommand() {
  return {"restore", "restore a backup into a new store (SQLite file or PostgreSQL database)",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto file = std::make_shared<std::string>();
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            sub.add_option("FILE", *file, "the backup file ('recount backup --out FILE')")
                ->required();
            sub.footer("The target (--store) must be new: a file that does not exist, or an empty "
                       "PostgreSQL database. The copy is checked like 'recount audit verify' "
                       "before it is kept; on any failure nothing is left behind.");
            return [&ctx, file]() -> Status {
              std::ifstream in(*file, std::ios::binary);
              if (!in) return NotFound("cannot open the backup " + *file + "; check the path");
              Result<app::BackupHeader> header = app::ReadBackupHeader(in);
              if (!header.ok()) return header.status().WithContext(*file);
              ASSIGN_OR_RETURN(crypto::SecretBytes master,
                               UnlockRing(header->key_ring, ctx, "the backup " + *file));
              const std::string target = ResolveStorePath(ctx);
              app::CopySummary copied;
              app::AuditReport report;
              RETURN_IF_ERROR(IntoNewStore(target, [&](storage::Store& store) -> Status {
                Result<app::CopySummary> loaded = app::LoadBackup(in, *header, master, &store);
                if (!loaded.ok()) return loaded.status().WithContext("restoring " + *file);
                copied = *loaded;
                ASSIGN_OR_RETURN(report, VerifyAndLogCopy(store, master, copied, "restore",
                                                          "restored from a backup made " +
                                                              header->created_at));
                return Status();
              }));
              PrintCopy(ctx, "Restored", target, copied, report);
              return Status();
            };
          }};
}

Command MigrateCommand() {
  return {"migrate",
          "bring the store's schema up to date, or move it to another backend (--to)",
          [](CLI::App& sub, CommandContext& ctx) -> Action {
            auto to = std::make_shared<std::string>();
            AddStoreOption(sub, ctx);
            AddJsonFlag(sub, ctx);
            sub.add_option("--to", *to,
                           "copy the whole store (history and log) into this new store: a "
                           "postgresql:// URL or an SQLite file path");
            sub.footer("Without --to: applies missing schema migrations (any open does) and "
                       "prints the version. With --to: the target must be new (no file; an empty "
                       "database); the copy is verified before it is kept and the source is left "
                       "unchanged. Needs the store key.");
            return [&ctx, to]() -> Status {
              ASSIGN_OR_RETURN(auto source, storage::OpenStore(ResolveStorePath(ctx),
                                                               storage::OpenMode::kOpenExisting));
              if (to->empty()) {
                if (ctx.global.json) {
                  *ctx.out << nlohmann::json{{"store", source->location()},
                                             {"schema_version", source->schema_version()}}
                                  .dump()
                           << "\n";
                } else {
                  *ctx.out << source->location() << " is at schema version "
                           << source->schema_version() << " (up to date).\n";
                }
                return Status();
              }
              if (*to == source->location()) {
                return InvalidArgument("--to names the store itself; give a new store");
              }
              ASSIGN_OR_RETURN(UnlockedStore unlocked,
                               UnlockStoreMasterKey(*source, ctx, "verify and sign the copy"));
              app::CopySummary copied;
              app::AuditReport report;
              RETURN_IF_ERROR(IntoNewStore(*to, [&](storage::Store& target) -> Status {
                Result<app::CopySummary> c = app::CopyStore(*source, target);
                if (!c.ok()) return c.status().WithContext("copying " + source->location());
                copied = *c;
                ASSIGN_OR_RETURN(report, VerifyAndLogCopy(target, unlocked.master_key, copied,
                                                          "migrate",
                                                          "moved from " + source->location()));
                return Status();
              }));
              PrintCopy(ctx, "Moved", *to, copied, report);
              return Status();
            };
          }};
}

}  // namespace recount::cli
