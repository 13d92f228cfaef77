// The per-act victim ages that the age filter reads (acts.age_lo / age_hi, schema 12;
// model/victim_age.h): filled for the rows of a store made before schema 12.
#pragma once

#include "storage/postgres/pg_conn.h"

namespace recount::storage::postgres {

// Sets age_lo / age_hi of every act from its recorded age, or from its record's birth date and
// its event's date (NULL when unknown). Runs inside the caller's transaction, which must read the
// whole store (row-level security: the migration's scope).
Status BackfillPgActAges(Conn& conn);

}  // namespace recount::storage::postgres
