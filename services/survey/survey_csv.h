#pragma once

// CSV for spreadsheet software (RFC 4180, UTF-8 with a BOM on the first line): every cell quoted,
// quotes doubled, control characters other than tab and line breaks replaced by spaces, and a
// cell that a spreadsheet would read as a formula (=, +, -, @, tab, CR first) prefixed with '.

#include <string>
#include <vector>

namespace auxpro::survey {

inline constexpr char kUtf8Bom[] = "\xEF\xBB\xBF";

std::string CsvCell(const std::string& text);
// The cells joined by commas, ended by CRLF.
std::string CsvLine(const std::vector<std::string>& cells);

}  // namespace auxpro::survey
