#include "libs/common/decision.h"

#include <algorithm>
#include <cstdio>
#include <set>

#include "libs/common/safe_text.h"

namespace auxpro {

bool Decision::Failed(std::string_view condition) const {
  return std::any_of(failures.begin(), failures.end(),
                     [&](const RuleFailure& f) { return f.condition == condition; });
}

std::string Decision::Summary() const {
  std::string out;
  for (const auto& f : failures) {
    if (!out.empty()) out += "; ";
    out += f.reason;
  }
  return out;
}

std::string Decision::Conditions() const {
  std::string out;
  std::set<std::string> seen;
  for (const auto& f : failures) {
    if (!seen.insert(f.condition).second) continue;
    if (!out.empty()) out += ",";
    out += f.condition;
  }
  return out;
}

std::string FormatNumber(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

// At most 96 characters of it: a rule may quote a client's value (libs/common/safe_text.h).
std::string Quote(std::string_view s) { return QuoteInput(s, 96); }

}  // namespace auxpro
