// Placeholder until the parser lands (step 3).
#include "base/korean/romanize.h"

namespace recount::korean {

std::vector<std::string> ParseRomanized(std::string_view, size_t) { return {}; }

}  // namespace recount::korean
