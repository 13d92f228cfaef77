// The comparable forms of a name or place text for search: folded (case, accents, punctuation and
// spaces removed), with Hangul also in its South Korean initial-sound form and romanised in the
// systems people use (Revised, McCune-Reischauer without diacritics, DPRK, common spelling), and
// romanised text also parsed back into candidate Hangul. docs/korean.md explains each system.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace recount::app {

// All forms of `text`, deduplicated, each folded with spaces removed.
std::vector<std::string> SearchForms(std::string_view text, bool is_name);

// True if some form of the query is contained in some form of the candidate.
bool FormsMatch(const std::vector<std::string>& query_forms,
                const std::vector<std::string>& candidate_forms);

}  // namespace recount::app
