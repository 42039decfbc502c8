#pragma once

// What a pure rule decides: every failed condition, each with a stable code for machines and a
// sentence with the values for people. Services' *_rules return these (or an absl::Status built
// from them) and never do I/O.

#include <string>
#include <string_view>
#include <vector>

namespace auxpro {

struct RuleFailure {
  // Stable lower_snake code, e.g. "age", "education", "disqualifier.criminal_record".
  std::string condition;
  // One English sentence with the values, e.g. "age 46 on 2026-03-01 is above the maximum 45".
  std::string reason;
  friend bool operator==(const RuleFailure&, const RuleFailure&) = default;
};

struct Decision {
  std::vector<RuleFailure> failures;
  bool ok() const { return failures.empty(); }
  // True when some failure has this condition code.
  bool Failed(std::string_view condition) const;
  // All reasons joined with "; " (for an error message); empty when ok().
  std::string Summary() const;
  // The distinct condition codes in first-seen order, joined with ",".
  std::string Conditions() const;
};

// A number as a sentence shows it: 1.5, 20, 0.25 ("%g").
std::string FormatNumber(double v);
// "\"text\"".
std::string Quote(std::string_view s);

}  // namespace auxpro
