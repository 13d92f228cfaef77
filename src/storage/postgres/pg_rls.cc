#include "storage/postgres/pg_rls.h"

#include <string>

namespace recount::storage::postgres {

bool HasRowSecurity(std::string_view table) {
  return table == "persons" || table == "identities" || table == "testimonies" || table == "acts" ||
         table == "record_versions";
}

Status CopyRowsInto(Conn& conn, std::string_view table, std::string_view columns,
                    std::string_view data, CopyFormat format) {
  const std::string t(table), cols(columns);
  const std::string from_stdin =
      format == CopyFormat::kBinary ? ") FROM STDIN (FORMAT binary)" : ") FROM STDIN";
  if (!HasRowSecurity(table)) return conn.CopyIn("COPY " + t + " (" + cols + from_stdin, data);
  // A session-long temporary table (LIKE keeps the column types and defaults), emptied after
  // each use; INSERT is checked by the write policies, which let every row in.
  const std::string stage = "recount_stage_" + t;
  RETURN_IF_ERROR(conn.Exec("CREATE TEMP TABLE IF NOT EXISTS " + stage + " (LIKE " + t +
                            " INCLUDING DEFAULTS)"));
  RETURN_IF_ERROR(conn.CopyIn("COPY " + stage + " (" + cols + from_stdin, data));
  // One round trip for the move and the emptying.
  return conn.Exec("INSERT INTO " + t + " (" + cols + ") SELECT " + cols + " FROM " + stage +
                   "; TRUNCATE " + stage);
}

}  // namespace recount::storage::postgres
