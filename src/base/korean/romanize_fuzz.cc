// libFuzzer target: every Korean text function on arbitrary bytes must return without crashing,
// and romanisation must produce valid UTF-8 when given valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "base/korean/romanize.h"
#include "base/utf8.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using recount::korean::RomanizationSystem;
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  const bool valid = recount::IsValidUtf8(in);
  for (RomanizationSystem s :
       {RomanizationSystem::kRevised, RomanizationSystem::kMcCuneReischauer,
        RomanizationSystem::kMcCuneAscii, RomanizationSystem::kDprk, RomanizationSystem::kYale,
        RomanizationSystem::kCommonSpelling}) {
    for (int mode = 0; mode < 3; ++mode) {
      recount::korean::RomanizeOptions o;
      o.is_name = mode == 1;
      o.is_place = mode == 2;
      const std::string out = recount::korean::Romanize(in, s, o);
      if (valid && !recount::IsValidUtf8(out)) std::abort();
    }
  }
  (void)recount::korean::ContainsHangul(in);
  const std::string jamo = recount::korean::ToJamo(in);
  if (!recount::IsValidUtf8(jamo)) std::abort();
  const std::string south = recount::korean::NorthToSouthInitial(in);
  if (valid && !recount::IsValidUtf8(south)) std::abort();
  for (const std::string& c : recount::korean::ParseRomanized(in, 8)) {
    if (!recount::IsValidUtf8(c) || !recount::korean::ContainsHangul(c)) std::abort();
  }
  return 0;
}
