#include "libs/common/text.h"

#include <algorithm>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/safe_text.h"

namespace auxpro {

namespace {
absl::string_view View(std::string_view s) { return absl::string_view(s.data(), s.size()); }
}  // namespace

absl::Status RequireText(std::string_view value, std::string_view field, size_t max_bytes) {
  if (absl::StripAsciiWhitespace(View(value)).empty()) {
    return Invalid(absl::StrCat(View(field), ": required"));
  }
  return LimitText(value, field, max_bytes);
}

absl::Status LimitText(std::string_view value, std::string_view field, size_t max_bytes) {
  if (value.size() > max_bytes) {
    return Invalid(
        absl::StrCat(View(field), ": at most ", max_bytes, " bytes, got ", value.size()));
  }
  return absl::OkStatus();
}

absl::Status LimitChars(std::string_view value, std::string_view field, size_t max_chars) {
  size_t chars = 0;
  for (size_t i = 0; i < value.size();) {
    const auto lead = static_cast<unsigned char>(value[i]);
    const size_t len = lead < 0x80           ? 1
                       : (lead >> 5) == 0x6  ? 2
                       : (lead >> 4) == 0xE  ? 3
                       : (lead >> 3) == 0x1E ? 4
                                             : 0;
    bool ok = len != 0 && i + len <= value.size();
    for (size_t k = 1; ok && k < len; ++k) {
      ok = (static_cast<unsigned char>(value[i + k]) & 0xC0) == 0x80;
    }
    if (!ok) return Invalid(absl::StrCat(View(field), ": not UTF-8 text (byte ", i, ")"));
    i += len;
    if (++chars > max_chars) {
      return Invalid(absl::StrCat(View(field), ": at most ", max_chars, " characters"));
    }
  }
  return absl::OkStatus();
}

bool IsIdText(std::string_view value, size_t max_bytes) {
  if (value.empty() || value.size() > max_bytes) return false;
  return std::all_of(value.begin(), value.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

absl::Status RequireIdText(std::string_view value, std::string_view field, size_t max_bytes) {
  if (IsIdText(value, max_bytes)) return absl::OkStatus();
  return Invalid(absl::StrCat(View(field), ": ", QuoteInput(value), " must be 1-", max_bytes,
                              " lower-case letters, digits or '-'"));
}

}  // namespace auxpro
