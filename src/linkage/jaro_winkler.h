// Jaro (1989) and Jaro-Winkler (Winkler 1990) string similarity, on bytes.
//
// Contract: returns a value in [0, 1]; 1 for equal strings; 0 when either is empty. Strings of up
// to 64 bytes use a bit-parallel matcher with no allocation (the common case: names, postcodes);
// longer strings use a classic scan with a small stack or heap buffer. UTF-8 text is compared byte
// by byte, which is exact for ASCII after folding and a close approximation otherwise.
// docs/linkage.md#comparators. Pure; thread-safe.
#pragma once

#include <string_view>

namespace recount::linkage {

double Jaro(std::string_view a, std::string_view b);

// Jaro-Winkler with prefix scale 0.1 over at most 4 common leading bytes, applied (as Winkler
// does) only when the Jaro similarity exceeds 0.7.
double JaroWinkler(std::string_view a, std::string_view b);

}  // namespace recount::linkage
