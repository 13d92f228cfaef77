// Korean surnames and their spellings: the table behind the common-spelling romaniser, the
// surname split of a full name, and the romanised-name parser. The same rows are published as
// data/korean/surnames.csv (a test keeps the two identical); sources and corrections are listed
// in data/korean/README.md.
//
// Contract: static read-only data; thread-safe.
#pragma once

#include <span>
#include <string_view>

namespace recount::korean {

struct SurnameInfo {
  std::string_view hangul_south;  // South Korean spelling (이, 임, 유 ...)
  std::string_view hangul_north;  // North Korean / Yanbian spelling (리, 림, 류 ...)
  std::string_view hanja;         // ';'-separated characters sharing this reading
  std::string_view rr;            // Revised Romanization, strict (Gim, I, Bak)
  std::string_view mr;            // McCune-Reischauer as used for surnames (Kim, Yi, Pak)
  std::string_view dprk;          // usual DPRK English usage of the North Korean form (Ri, Rim)
  std::string_view common;        // ';'-separated common spellings, most frequent first
  std::string_view pinyin;        // ';'-separated pinyin of the Hanja, parallel to `hanja`
  bool two_syllables() const { return hangul_south.size() > 3; }
};

// All rows, most frequent surnames first.
std::span<const SurnameInfo> Surnames();

// The row whose South or North Hangul spelling equals `hangul`, or nullptr.
const SurnameInfo* FindSurnameByHangul(std::string_view hangul);

}  // namespace recount::korean
