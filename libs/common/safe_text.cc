#include "libs/common/safe_text.h"

#include <cstdint>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "libs/common/errors.h"

namespace auxpro {

namespace {

absl::string_view View(std::string_view s) { return absl::string_view(s.data(), s.size()); }

// Decodes the code point at s[i]; returns its length in bytes, 0 when malformed.
size_t Decode(std::string_view s, size_t i, uint32_t* cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  size_t len = 0;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if ((c & 0xe0) == 0xc0) {
    len = 2;
    *cp = c & 0x1f;
  } else if ((c & 0xf0) == 0xe0) {
    len = 3;
    *cp = c & 0x0f;
  } else if ((c & 0xf8) == 0xf0) {
    len = 4;
    *cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xc0) != 0x80) return 0;
    *cp = (*cp << 6) | (cc & 0x3f);
  }
  static constexpr uint32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (*cp < kMin[len] || *cp > 0x10ffff || (*cp >= 0xd800 && *cp <= 0xdfff)) return 0;
  return len;
}

bool IsLineBreakOrTab(uint32_t cp) { return cp == '\n' || cp == '\r' || cp == '\t'; }

// Why `cp` is refused in any text field, or nullptr.
const char* Refused(uint32_t cp) {
  if (cp == 0) return "NUL";
  if (IsLineBreakOrTab(cp)) return nullptr;  // decided by the caller
  if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f)) return "a control character";
  if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200e ||
      cp == 0x200f || cp == 0x061c) {
    return "a bidirectional-text control";
  }
  if (cp == 0x2028 || cp == 0x2029) return "a line or paragraph separator";
  if ((cp & 0xfffe) == 0xfffe || (cp >= 0xfdd0 && cp <= 0xfdef)) return "a non-character";
  return nullptr;
}

}  // namespace

bool IsValidUtf8(std::string_view value) {
  uint32_t cp = 0;
  for (size_t i = 0; i < value.size();) {
    const size_t len = Decode(value, i, &cp);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

absl::Status CheckSafeText(std::string_view value, std::string_view field, bool multi_line) {
  uint32_t cp = 0;
  for (size_t i = 0; i < value.size();) {
    const size_t len = Decode(value, i, &cp);
    if (len == 0) {
      return Invalid(absl::StrCat(View(field), ": not valid UTF-8 (at byte ", i, ")"));
    }
    // Free text (multi-line fields such as a citizen's comment) keeps C0/C1 control characters
    // as text: stored, never interpreted, exported safely. NUL and bidi controls stay refused.
    const bool control = cp < 0x20 || (cp >= 0x7F && cp <= 0x9F);
    const char* why = (multi_line && control && cp != 0) ? nullptr : Refused(cp);
    if (why == nullptr && !multi_line && IsLineBreakOrTab(cp)) {
      why = "a line break or tab, not allowed in a single-line field";
    }
    if (why != nullptr) {
      return Invalid(absl::StrCat(View(field), ": contains ", why,
                                  absl::StrFormat(" (U+%04X at byte %d)", cp, i)));
    }
    i += len;
  }
  return absl::OkStatus();
}

std::string QuoteInput(std::string_view value, size_t max_chars) {
  std::string out = "\"";
  size_t chars = 0;
  uint32_t cp = 0;
  size_t i = 0;
  while (i < value.size() && chars < max_chars) {
    const size_t len = Decode(value, i, &cp);
    if (len == 0 || cp < 0x20 || cp == 0x7f || cp == '"' || cp == '\\' || Refused(cp) != nullptr) {
      if (len != 0 && (cp == '"' || cp == '\\')) {
        absl::StrAppend(&out, "\\", std::string(1, static_cast<char>(cp)));
        i += 1;
      } else {
        const size_t n = len == 0 ? 1 : len;
        for (size_t k = 0; k < n; ++k) {
          absl::StrAppend(&out,
                          absl::StrFormat("\\x%02x", static_cast<unsigned char>(value[i + k])));
        }
        i += n;
      }
    } else {
      out.append(value.substr(i, len));
      i += len;
    }
    ++chars;
  }
  out += "\"";
  if (i < value.size()) absl::StrAppend(&out, "… (", value.size(), " bytes)");
  return out;
}

std::string TruncateMessage(std::string_view message, size_t max_bytes) {
  if (message.size() <= max_bytes) return std::string(message);
  size_t cut = max_bytes;
  // Back up to the start of a character.
  while (cut > 0 && (static_cast<unsigned char>(message[cut]) & 0xc0) == 0x80) --cut;
  return absl::StrCat(View(message.substr(0, cut)), " … (", message.size() - cut, " bytes cut)");
}

}  // namespace auxpro
