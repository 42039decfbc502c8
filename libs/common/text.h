#pragma once

// Checks of text fields that every service repeats: required text within a size, optional text
// within a size, client-chosen ids. Each returns INVALID_ARGUMENT naming the field.

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace auxpro {

// Not empty after trimming ASCII whitespace, at most `max_bytes`.
absl::Status RequireText(std::string_view value, std::string_view field, size_t max_bytes);
// At most `max_bytes` (may be empty).
absl::Status LimitText(std::string_view value, std::string_view field, size_t max_bytes);
// At most `max_chars` Unicode code points of UTF-8 (may be empty); INVALID_ARGUMENT naming the
// field when longer or not UTF-8.
absl::Status LimitChars(std::string_view value, std::string_view field, size_t max_chars);
// 1-`max_bytes` of lower-case ASCII letters, digits and '-' (a client-chosen resource id).
bool IsIdText(std::string_view value, size_t max_bytes);
absl::Status RequireIdText(std::string_view value, std::string_view field, size_t max_bytes);

}  // namespace auxpro
