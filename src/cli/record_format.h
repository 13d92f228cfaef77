// Text rendering of records for the terminal (list, show, search).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "model/record.h"
#include "model/vocabulary.h"

namespace recount::cli {

// One line per record: id, source, record id, sex, birth, acts (and the name if given).
void PrintRecordLine(std::ostream& out, const model::Record& r, const std::string* name);
void PrintRecordHeader(std::ostream& out, bool with_names);

// The full record, with vocabulary labels in `language` and legal characterisations. Without an
// identity, says it is hidden, or with `identity_locked` prints "[identity locked]".
void PrintRecordDetail(std::ostream& out, const model::Record& r, const model::Identity* identity,
                       const model::Vocabularies& vocab, const std::string& language,
                       bool identity_locked = false);

// A name for display: full name, else surname + given name.
std::string DisplayName(const model::Identity& id);

}  // namespace recount::cli
