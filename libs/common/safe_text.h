#pragma once

// What text a request may carry, whatever the field: well-formed UTF-8 without NUL, bidi controls
// or non-characters; control characters, line breaks and tabs only in multi-line fields.
// And how an error message quotes a client's input: a short prefix, never the whole value.
// (libs/service/request_check.h applies CheckSafeText to every string field of every request.)

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace auxpro {

// True when `value` is well-formed UTF-8 (no overlong forms, no surrogates, at most U+10FFFF).
bool IsValidUtf8(std::string_view value);

// OK, or INVALID_ARGUMENT naming `field` and what is wrong (with the offending character's code
// point and byte offset, never the text itself): invalid UTF-8; NUL and other C0/C1 control
// characters and DEL; bidi embeddings, overrides and isolates (U+202A-U+202E, U+2066-U+2069),
// marks U+200E/U+200F/U+061C; line and paragraph separators U+2028/U+2029; non-characters
// U+FFFE/U+FFFF; and, unless `multi_line`, "\n", "\r" and "\t". A `multi_line` field (free text)
// keeps the other C0/C1 control characters as text; NUL and the bidi controls stay refused.
absl::Status CheckSafeText(std::string_view value, std::string_view field, bool multi_line);

// `value` quoted for an error message: at most `max_chars` code points (cut on a character
// boundary, "…" appended when cut), bytes that are not printable UTF-8 shown as \xNN.
std::string QuoteInput(std::string_view value, size_t max_chars = 40);

// `message` cut to at most `max_bytes` bytes on a UTF-8 boundary, with " … (N bytes cut)" appended
// when cut: the longest text an error message may carry to a client.
std::string TruncateMessage(std::string_view message, size_t max_bytes = 512);

}  // namespace auxpro
