#include "base/utf8.h"

#include <utf8proc.h>

#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

namespace recount {
namespace {

// Length of the sequence starting at s[i], or 0 when invalid.
size_t ValidSequenceLength(std::string_view s, size_t i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return 1;
  size_t len;
  char32_t cp;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2;
    cp = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3;
    cp = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4;
    cp = b0 & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000)) return 0;
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return len;
}

struct FreeDeleter {
  void operator()(utf8proc_uint8_t* p) const { std::free(p); }
};

}  // namespace

size_t FirstInvalidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    // ASCII runs, eight bytes at a time.
    while (i + 8 <= s.size()) {
      uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= s.size()) break;
    size_t len = ValidSequenceLength(s, i);
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

bool IsValidUtf8(std::string_view s) { return FirstInvalidUtf8(s) == std::string_view::npos; }

char32_t DecodeUtf8(std::string_view s, size_t* pos) {
  size_t i = *pos;
  size_t len = ValidSequenceLength(s, i);
  if (len == 0) {
    *pos = i + 1;
    return 0xFFFD;
  }
  const auto b0 = static_cast<unsigned char>(s[i]);
  char32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
  for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  *pos = i + len;
  return cp;
}

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

std::u32string ToCodePoints(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t pos = 0;
  while (pos < s.size()) out.push_back(DecodeUtf8(s, &pos));
  return out;
}

std::string FromCodePoints(std::u32string_view cps) {
  std::string out;
  out.reserve(cps.size() * 3);
  for (char32_t cp : cps) AppendUtf8(cp, &out);
  return out;
}

Result<std::string> NormalizeNfc(std::string_view s) {
  // One pass validates and looks for the fast path: text made only of characters that are NFC on
  // their own and never combine with a neighbour (below U+0300: ASCII and Latin-1/Latin Extended
  // letters; precomposed Hangul syllables; CJK unified ideographs) is already in NFC. Most
  // testimony text is.
  bool already_nfc = true;
  for (size_t pos = 0; pos < s.size();) {
    if (static_cast<unsigned char>(s[pos]) < 0x80) {
      ++pos;
      continue;
    }
    if (ValidSequenceLength(s, pos) == 0) {
      return InvalidArgument("text is not valid UTF-8 (byte " + std::to_string(pos + 1) +
                             "); save the file as UTF-8 and try again");
    }
    char32_t cp = DecodeUtf8(s, &pos);
    already_nfc = already_nfc && (cp < 0x300 || (cp >= 0xAC00 && cp <= 0xD7A3) ||
                                  (cp >= 0x4E00 && cp <= 0x9FFF));
  }
  if (already_nfc) return std::string(s);
  utf8proc_uint8_t* raw = nullptr;
  utf8proc_ssize_t n = utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(s.data()),
                                    static_cast<utf8proc_ssize_t>(s.size()), &raw,
                                    static_cast<utf8proc_option_t>(UTF8PROC_STABLE |
                                                                   UTF8PROC_COMPOSE));
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> holder(raw);
  if (n < 0) return InvalidArgument(std::string("cannot normalise text: ") + utf8proc_errmsg(n));
  return std::string(reinterpret_cast<const char*>(raw), static_cast<size_t>(n));
}

std::string FoldForSearch(std::string_view s) {
  if (!IsValidUtf8(s) || s.empty()) return std::string();
  // NFKD + case fold + strip marks, then recompose so Hangul stays as syllables.
  utf8proc_uint8_t* raw = nullptr;
  utf8proc_ssize_t n = utf8proc_map(
      reinterpret_cast<const utf8proc_uint8_t*>(s.data()), static_cast<utf8proc_ssize_t>(s.size()),
      &raw,
      static_cast<utf8proc_option_t>(UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_COMPOSE |
                                     UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE));
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> holder(raw);
  if (n < 0) return std::string();
  std::string_view folded(reinterpret_cast<const char*>(raw), static_cast<size_t>(n));
  std::string out;
  out.reserve(folded.size());
  bool pending_space = false;
  size_t pos = 0;
  while (pos < folded.size()) {
    char32_t cp = DecodeUtf8(folded, &pos);
    utf8proc_category_t cat = utf8proc_category(static_cast<utf8proc_int32_t>(cp));
    bool is_space = cp == '-' || cp == '_' || cat == UTF8PROC_CATEGORY_ZS || cp == '\t' ||
                    cp == '\n' || cp == '\r' || cp == '/' || cp == ',' || cp == '.';
    bool is_punct = cat >= UTF8PROC_CATEGORY_PC && cat <= UTF8PROC_CATEGORY_PO;
    if (is_space) {
      pending_space = !out.empty();
      continue;
    }
    if (is_punct || cat == UTF8PROC_CATEGORY_SK || cat == UTF8PROC_CATEGORY_LM) continue;
    if (pending_space) out.push_back(' ');
    pending_space = false;
    AppendUtf8(cp, &out);
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  auto is_space_at_front = [&](size_t* len) {
    size_t pos = 0;
    char32_t cp = DecodeUtf8(s, &pos);
    *len = pos;
    return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0xA0 || cp == 0x3000 ||
           cp == 0xFEFF || cp == 0x200B;
  };
  size_t len = 0;
  while (!s.empty() && is_space_at_front(&len)) s.remove_prefix(len);
  while (!s.empty()) {
    unsigned char c = static_cast<unsigned char>(s.back());
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      s.remove_suffix(1);
      continue;
    }
    // U+00A0 (C2 A0), U+3000 (E3 80 80), U+200B (E2 80 8B), U+FEFF (EF BB BF)
    if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") {
      s.remove_suffix(2);
      continue;
    }
    if (s.size() >= 3) {
      std::string_view t = s.substr(s.size() - 3);
      if (t == "\xE3\x80\x80" || t == "\xE2\x80\x8B" || t == "\xEF\xBB\xBF") {
        s.remove_suffix(3);
        continue;
      }
    }
    break;
  }
  return s;
}

std::vector<std::string> SplitList(std::string_view s, char sep) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(sep, start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view field = Trim(s.substr(start, end - start));
    if (!field.empty()) out.emplace_back(field);
    start = end + 1;
  }
  return out;
}

}  // namespace recount
