#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "libs/policy/validate_sections.h"

namespace auxpro::policy::validation {
namespace {

using auxpro::policy::v1::PointRule;
using auxpro::policy::v1::Points;

void ValidateRule(Problems p, const PointRule& rule) {
  p.RequiredCode("code", rule.code(), kUpperSnake);
  p.NonEmpty("description", rule.description());
  const bool ranged = rule.min_amount() != 0 || rule.max_amount() != 0;
  if (rule.amount() != 0 && ranged) {
    p.Add("", "must have either amount or min_amount/max_amount, not both");
  } else if (rule.amount() == 0 && !ranged) {
    p.Add("amount", "must be set (or min_amount and max_amount for a ranged rule)");
  } else if (ranged) {
    if (rule.min_amount() == 0 || rule.max_amount() == 0 ||
        (rule.min_amount() < 0) != (rule.max_amount() < 0)) {
      p.Add("", absl::StrCat("min_amount and max_amount must be non-zero and of one sign, got ",
                             rule.min_amount(), "..", rule.max_amount()));
    } else {
      p.NotAbove("min_amount", rule.min_amount(), "max_amount", rule.max_amount());
    }
    if (rule.highest_once_per_matter()) {
      p.Add("highest_once_per_matter", "must be false for a ranged rule");
    }
  } else if (rule.highest_once_per_matter() && rule.amount() < 0) {
    p.Add("highest_once_per_matter",
          absl::StrCat("applies to positive amounts only, got ", rule.amount()));
  }
  if ((rule.body() == 0) != (rule.level() == 0)) {
    p.Add("", "body and level must be set together (a commendation rule) or both left unset");
  } else if (rule.body() != 0 && rule.amount() <= 0) {
    p.Add("amount", absl::StrCat("a commendation rule needs a fixed positive amount, got ",
                                 rule.amount()));
  }
}

// `field` must name a fixed-amount rule whose sign is `positive`.
void ValidateRuleReference(Problems p, const Points& points, absl::string_view field,
                           const std::string& code, bool positive) {
  if (!p.NonEmpty(field, code)) {
    return;
  }
  for (const PointRule& rule : points.rules()) {
    if (rule.code() != code) {
      continue;
    }
    if (rule.amount() == 0 || (rule.amount() > 0) != positive) {
      p.Add(field,
            absl::StrCat("rule ", Quote(code), " must have a fixed ",
                         positive ? "positive" : "negative", " amount, got ", rule.amount()));
    }
    return;
  }
  p.Add(field, absl::StrCat("no rule with code ", Quote(code), " in points.rules"));
}

}  // namespace

void ValidatePoints(Problems p, const Points& points) {
  p.NotEmpty("rules", points.rules());
  std::set<std::string> codes;
  std::set<std::string> commendations;
  for (int i = 0; i < points.rules_size(); ++i) {
    const PointRule& rule = points.rules(i);
    Problems item = p.Item("rules", i);
    ValidateRule(item, rule);
    if (!rule.code().empty()) {
      item.Distinct("code", codes, rule.code(), Quote(rule.code()));
    }
    if (rule.body() != 0 && rule.level() != 0) {
      item.Distinct("level", commendations, absl::StrCat(rule.body(), "/", rule.level()),
                    absl::StrCat("body ", rule.body(), " level ", rule.level()));
    }
  }
  ValidateRuleReference(p, points, "annual_top_grade_rule", points.annual_top_grade_rule(), true);
  ValidateRuleReference(p, points, "no_top_grade_rule", points.no_top_grade_rule(), false);
  p.Positive("promotion_threshold", points.promotion_threshold());
  if (points.demotion_threshold() >= 0) {
    p.Add("demotion_threshold",
          absl::StrCat("must be less than 0, got ", points.demotion_threshold()));
  }
  p.Range("demotion_from_level", points.demotion_from_level(), kMinLevel, kMaxLevel);
  p.Range("no_top_grade_years", points.no_top_grade_years(), 1, 50);
  p.Range("no_top_grade_from_level", points.no_top_grade_from_level(), kMinLevel, kMaxLevel);
}

}  // namespace auxpro::policy::validation
