#include "libs/service/list_filter.h"

#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/strip.h"
#include "libs/common/safe_text.h"

namespace auxpro::service {

namespace {

// Splits at " AND " outside double quotes.
std::vector<std::string> SplitTerms(const std::string& filter) {
  static constexpr absl::string_view kAnd = " AND ";
  std::vector<std::string> terms;
  std::string current;
  bool quoted = false;
  for (size_t i = 0; i < filter.size(); ++i) {
    if (filter[i] == '"') quoted = !quoted;
    if (!quoted && absl::string_view(filter).substr(i, kAnd.size()) == kAnd) {
      terms.push_back(current);
      current.clear();
      i += kAnd.size() - 1;
      continue;
    }
    current.push_back(filter[i]);
  }
  terms.push_back(current);
  return terms;
}

}  // namespace

absl::StatusOr<std::map<std::string, std::string>> ParseFilter(
    const std::string& filter, const std::set<std::string>& allowed) {
  std::map<std::string, std::string> terms;
  if (absl::StripAsciiWhitespace(filter).empty()) return terms;
  for (const std::string& raw : SplitTerms(filter)) {
    absl::string_view term = absl::StripAsciiWhitespace(raw);
    const size_t eq = term.find('=');
    if (eq == absl::string_view::npos) {
      return absl::InvalidArgumentError(
          absl::StrCat("filter: term ", QuoteInput(std::string_view(term.data(), term.size())),
                       " is not field=value"));
    }
    std::string field(absl::StripAsciiWhitespace(term.substr(0, eq)));
    std::string value(absl::StripAsciiWhitespace(term.substr(eq + 1)));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    if (allowed.count(field) == 0) {
      return absl::InvalidArgumentError(absl::StrCat("filter: unknown field ", QuoteInput(field),
                                                     " (allowed: ", absl::StrJoin(allowed, ", "),
                                                     ")"));
    }
    if (!terms.emplace(field, value).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("filter: field ", QuoteInput(field), " repeated"));
    }
  }
  return terms;
}

}  // namespace auxpro::service
