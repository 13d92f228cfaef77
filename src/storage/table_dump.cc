#include "storage/table_dump.h"

#include "storage/postgres/pg_conn.h"
#include "storage/postgres/pg_store.h"

#include <filesystem>

namespace recount::storage {

const std::vector<DumpTableSpec>& DumpTables() {
  using C = ColumnType;
  static const std::vector<DumpTableSpec> kTables = {
      {"sources", {{"id", C::kInt}, {"name", C::kText}, {"description", C::kText},
                   {"created_at", C::kText}}, "id", "", true},
      {"imports", {{"id", C::kInt}, {"source_id", C::kInt}, {"description", C::kText},
                   {"started_at", C::kText}}, "id", "", true},
      {"testimonies", {{"id", C::kInt}, {"source_id", C::kInt}, {"import_id", C::kInt},
                       {"external_id", C::kText}, {"testimony_date", C::kText},
                       {"language", C::kText}, {"connection", C::kText},
                       {"reliability", C::kText}, {"consent", C::kText},
                       {"narrative", C::kText}}, "id", "", true},
      {"identities", {{"id", C::kText}, {"data", C::kBlob}}, "id", "", false},
      {"persons", {{"id", C::kInt}, {"testimony_id", C::kInt}, {"role", C::kText},
                   {"person_ref", C::kText}, {"sex", C::kText}, {"birth", C::kText},
                   {"birth_lo", C::kInt}, {"birth_hi", C::kInt}, {"origin_text", C::kText},
                   {"origin_place", C::kText}, {"identity_id", C::kText},
                   {"cluster_id", C::kText}, {"version", C::kInt}}, "id", "", true},
      {"events", {{"id", C::kInt}, {"testimony_id", C::kInt}, {"date", C::kText},
                  {"date_lo", C::kInt}, {"date_hi", C::kInt}, {"year_lo", C::kInt},
                  {"year_hi", C::kInt}, {"place_text", C::kText}, {"place_id", C::kText}},
       "id", "", true},
      {"acts", {{"id", C::kInt}, {"event_id", C::kInt}, {"victim_id", C::kInt},
                {"act_type", C::kText}, {"age", C::kInt}, {"age_lo", C::kInt},
                {"age_hi", C::kInt}}, "id", "", true},
      {"involvements", {{"id", C::kInt}, {"act_id", C::kInt}, {"perpetrator_id", C::kInt},
                        {"perpetrator_type", C::kText}, {"degree", C::kText}}, "id", "", true},
      {"link_runs", {{"id", C::kInt}, {"description", C::kText}, {"started_at", C::kText},
                     {"records", C::kInt}, {"clusters", C::kInt}}, "id", "", true},
      {"link_pairs", {{"run_id", C::kInt}, {"a", C::kInt}, {"b", C::kInt},
                      {"probability", C::kReal}}, "run_id, a, b", "", false},
      {"keyring", {{"id", C::kInt}, {"data", C::kBlob}, {"updated_at", C::kText}}, "id", "",
       false},
      {"audit_log", {{"seq", C::kInt}, {"entry", C::kBlob}, {"leaf_hash", C::kBlob}}, "seq", "",
       false},
      {"audit_state", {{"id", C::kInt}, {"frontier", C::kBlob}}, "id", "", false},
      {"checkpoints", {{"size", C::kInt}, {"note", C::kText}, {"created_at", C::kText}}, "size",
       "", false},
      {"review_decisions", {{"id", C::kInt}, {"a", C::kInt}, {"b", C::kInt},
                            {"verdict", C::kText}, {"probability", C::kReal}, {"note", C::kText},
                            {"actor", C::kText}, {"decided_at", C::kText}}, "id", "", true},
      {"evidence_files", {{"id", C::kInt}, {"record_id", C::kInt}, {"evidence_id", C::kText},
                          {"file_name", C::kText}, {"media_type", C::kText},
                          {"source_note", C::kText}, {"size", C::kInt},
                          {"plaintext_sha256", C::kText}, {"ciphertext_sha256", C::kText},
                          {"wrapped_key", C::kBlob}, {"actor", C::kText},
                          {"attached_at", C::kText}, {"ciphertext", C::kBlob}}, "id", "", true},
      {"record_versions", {{"record_id", C::kInt}, {"version", C::kInt},
                           {"canonical", C::kBlob}, {"replaced_at", C::kText},
                           {"replaced_by", C::kText}, {"shredded", C::kBool}},
       "record_id, version", "", false},
      // Web accounts travel with the store (their log entries do); sessions do not: whoever
      // uses a restored or moved store signs in again.
      {"users", {{"id", C::kInt}, {"name", C::kText}, {"role", C::kText},
                 {"disabled", C::kBool}, {"password_hash", C::kText},
                 {"totp_secret", C::kText}, {"version", C::kInt}, {"created_at", C::kText},
                 {"log_seq", C::kInt}, {"failed_logins", C::kInt},
                 {"locked_until", C::kText}, {"totp_last_step", C::kInt}}, "id", "", true},
      // Sharing travels with its "share" log entries; record_shares after users (foreign key).
      {"record_sharing", {{"record_id", C::kInt}, {"restricted", C::kBool},
                          {"version", C::kInt}, {"log_seq", C::kInt}}, "record_id", "", false},
      {"record_shares", {{"record_id", C::kInt}, {"user_id", C::kInt}}, "record_id, user_id", "",
       false},
      {"meta", {{"key", C::kText}, {"value", C::kText}}, "key", "key <> 'schema_version'",
       false},
  };
  return kTables;
}

const std::vector<UndumpedTable>& UndumpedTables() {
  static const std::vector<UndumpedTable> kTables = {{"web_sessions", 7}};
  return kTables;
}

const DumpTableSpec* FindDumpTable(std::string_view name) {
  for (const DumpTableSpec& t : DumpTables()) {
    if (t.name == name) return &t;
  }
  return nullptr;
}

Status RemoveNewStore(const std::string& location) {
  if (postgres::IsPostgresUrl(location)) return postgres::DropPgStore(location);
  std::error_code ec;
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(location + suffix, ec);
    if (ec) return IoError("cannot remove " + location + suffix + ": " + ec.message());
  }
  return Status();
}

}  // namespace recount::storage
