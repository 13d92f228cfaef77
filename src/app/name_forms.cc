#include "app/name_forms.h"

#include <algorithm>

#include "base/korean/romanize.h"
#include "base/utf8.h"

namespace recount::app {
namespace {

std::string Squash(std::string_view text) {
  std::string folded = FoldForSearch(text);
  folded.erase(std::remove(folded.begin(), folded.end(), ' '), folded.end());
  return folded;
}

}  // namespace

std::vector<std::string> SearchForms(std::string_view text, bool is_name) {
  std::vector<std::string> forms;
  auto add = [&forms](std::string s) {
    if (!s.empty() && std::find(forms.begin(), forms.end(), s) == forms.end()) {
      forms.push_back(std::move(s));
    }
  };
  add(Squash(text));
  if (korean::ContainsHangul(text)) {
    std::string south = korean::NorthToSouthInitial(text);
    add(Squash(south));
    for (auto system : {korean::RomanizationSystem::kRevised,
                        korean::RomanizationSystem::kMcCuneAscii,
                        korean::RomanizationSystem::kDprk,
                        korean::RomanizationSystem::kCommonSpelling}) {
      add(Squash(korean::Romanize(text, system, is_name)));
      add(Squash(korean::Romanize(south, system, is_name)));
    }
  } else if (is_name) {
    for (const std::string& hangul : korean::ParseRomanized(text, 4)) {
      add(Squash(hangul));
      add(Squash(korean::NorthToSouthInitial(hangul)));
    }
  }
  return forms;
}

bool FormsMatch(const std::vector<std::string>& query_forms,
                const std::vector<std::string>& candidate_forms) {
  for (const std::string& q : query_forms) {
    for (const std::string& c : candidate_forms) {
      if (c.find(q) != std::string::npos) return true;
    }
  }
  return false;
}

}  // namespace recount::app
