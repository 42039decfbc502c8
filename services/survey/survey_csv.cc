#include "services/survey/survey_csv.h"

namespace auxpro::survey {

std::string CsvCell(const std::string& text) {
  std::string out = "\"";
  if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                        text[0] == '\t' || text[0] == '\r')) {
    out += '\'';
  }
  for (char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == '"') {
      out += "\"\"";
    } else if ((u < 0x20 && c != '\t' && c != '\n' && c != '\r') || u == 0x7f) {
      out += ' ';
    } else {
      out += c;
    }
  }
  out += '"';
  return out;
}

std::string CsvLine(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += ',';
    line += CsvCell(cells[i]);
  }
  line += "\r\n";
  return line;
}

}  // namespace auxpro::survey
