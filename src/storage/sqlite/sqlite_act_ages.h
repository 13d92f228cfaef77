// The per-act victim ages that the age filter reads (acts.age_lo / age_hi, schema 12;
// model/victim_age.h): filled for the rows of a store made before schema 12.
#pragma once

#include "storage/sqlite/sqlite_db.h"

namespace recount::storage::sqlite {

// Sets age_lo / age_hi of every act from its recorded age, or from its record's birth date and
// its event's date (NULL when unknown). Runs inside the caller's transaction.
Status BackfillActAges(Db& db);

}  // namespace recount::storage::sqlite
