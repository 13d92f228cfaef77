// UTF-8 text helpers: validation, code point iteration, Unicode normalisation and case folding.
//
// Contract: functions taking text never crash on invalid UTF-8; those that must interpret it
// return an error or skip as documented. NFC and case folding use utf8proc (Unicode data shipped
// with Debian's libutf8proc). Pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace recount {

// True if `s` is well-formed UTF-8 (no overlongs, surrogates or code points above U+10FFFF).
bool IsValidUtf8(std::string_view s);

// Byte offset of the first invalid sequence, or npos when `s` is valid.
size_t FirstInvalidUtf8(std::string_view s);

// Decodes the code point starting at s[*pos] and advances *pos past it. Invalid bytes decode to
// U+FFFD and advance by one byte.
char32_t DecodeUtf8(std::string_view s, size_t* pos);

// Appends the UTF-8 encoding of `cp` to `out`.
void AppendUtf8(char32_t cp, std::string* out);

// All code points of `s` (invalid bytes become U+FFFD).
std::u32string ToCodePoints(std::string_view s);
std::string FromCodePoints(std::u32string_view cps);

// Unicode Normalization Form C. Invalid UTF-8 is an error.
Result<std::string> NormalizeNfc(std::string_view s);

// A search/compare key: NFKC, case-folded, accents on Latin letters stripped (ŏ -> o, ŭ -> u),
// punctuation and apostrophes removed, runs of whitespace/hyphens collapsed to one space, trimmed.
// Hangul is kept as precomposed syllables. Invalid UTF-8 yields an empty key.
std::string FoldForSearch(std::string_view s);

// Trims ASCII and Unicode whitespace at both ends.
std::string_view Trim(std::string_view s);

// Splits on a single-byte separator; fields are trimmed; empty fields are dropped.
std::vector<std::string> SplitList(std::string_view s, char sep);

}  // namespace recount
