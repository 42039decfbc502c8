#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "libs/policy/testing/validate_policy_test.h"

// validate_points.cc.

namespace auxpro::policy::testutil {
namespace {

std::vector<BreakCase> PointsCases() {
  return {
      // Points (wenjiang's rules: [0] ANNUAL_TOP_GRADE +5, [11] NO_TOP_GRADE_3_YEARS -8,
      // [12] BREACH_DISCIPLINE -20..-1).
      {"rule_code_duplicate",
       [](P& p) {
         p.mutable_points()->mutable_rules(2)->set_code("COMMENDATION_GOVERNMENT_DISTRICT");
       },
       "points.rules[2].code: duplicate \"COMMENDATION_GOVERNMENT_DISTRICT\""},
      {"rule_code_case", [](P& p) { p.mutable_points()->mutable_rules(13)->set_code("breach_x"); },
       "points.rules[13].code: must match [A-Z][A-Z0-9_]*, got \"breach_x\""},
      {"rule_code_empty", [](P& p) { p.mutable_points()->mutable_rules(13)->clear_code(); },
       "points.rules[13].code: must be set"},
      {"rule_description", [](P& p) { p.mutable_points()->mutable_rules(3)->clear_description(); },
       "points.rules[3].description: must be set"},
      {"rule_fixed_and_ranged", [](P& p) { p.mutable_points()->mutable_rules(12)->set_amount(-3); },
       "points.rules[12]: must have either amount or min_amount/max_amount, not both"},
      {"rule_neither",
       [](P& p) {
         p.mutable_points()->mutable_rules(12)->clear_min_amount();
         p.mutable_points()->mutable_rules(12)->clear_max_amount();
       },
       "points.rules[12].amount: must be set (or min_amount and max_amount for a ranged rule)"},
      {"rule_range_inverted",
       [](P& p) {
         p.mutable_points()->mutable_rules(12)->set_min_amount(-1);
         p.mutable_points()->mutable_rules(12)->set_max_amount(-20);
       },
       "points.rules[12].min_amount: must not exceed max_amount (-20), got -1"},
      {"rule_range_spans_zero",
       [](P& p) { p.mutable_points()->mutable_rules(12)->set_max_amount(5); },
       "points.rules[12]: min_amount and max_amount must be non-zero and of one sign, got -20..5"},
      {"rule_ranged_highest_once",
       [](P& p) { p.mutable_points()->mutable_rules(12)->set_highest_once_per_matter(true); },
       "points.rules[12].highest_once_per_matter: must be false for a ranged rule"},
      {"rule_body_without_level", [](P& p) { p.mutable_points()->mutable_rules(1)->clear_level(); },
       "points.rules[1]: body and level must be set together (a commendation rule) or both left "
       "unset"},
      {"rule_commendation_twice",
       [](P& p) { p.mutable_points()->mutable_rules(2)->set_level(common::v1::DISTRICT); },
       "points.rules[2].level: duplicate body 1 level 2"},
      {"rule_commendation_ranged",
       [](P& p) {
         p.mutable_points()->mutable_rules(12)->set_body(common::v1::DEPARTMENT);
         p.mutable_points()->mutable_rules(12)->set_level(common::v1::CITY);
       },
       "points.rules[12].amount: a commendation rule needs a fixed positive amount, got 0"},
      {"no_top_from_level", [](P& p) { p.mutable_points()->set_no_top_grade_from_level(0); },
       "points.no_top_grade_from_level: must be between 1 and 5, got 0"},
      {"annual_top_rule_missing",
       [](P& p) { p.mutable_points()->set_annual_top_grade_rule("NOPE"); },
       "points.annual_top_grade_rule: no rule with code \"NOPE\" in points.rules"},
      {"annual_top_rule_unset", [](P& p) { p.mutable_points()->clear_annual_top_grade_rule(); },
       "points.annual_top_grade_rule: must be set"},
      {"annual_top_rule_ranged",
       [](P& p) { p.mutable_points()->set_annual_top_grade_rule("BREACH_DISCIPLINE"); },
       "points.annual_top_grade_rule: rule \"BREACH_DISCIPLINE\" must have a fixed positive "
       "amount, got 0"},
      {"no_top_rule_positive",
       [](P& p) { p.mutable_points()->set_no_top_grade_rule("ANNUAL_TOP_GRADE"); },
       "points.no_top_grade_rule: rule \"ANNUAL_TOP_GRADE\" must have a fixed negative amount, "
       "got 5"},
      {"no_top_rule_missing", [](P& p) { p.mutable_points()->set_no_top_grade_rule("GONE"); },
       "points.no_top_grade_rule: no rule with code \"GONE\" in points.rules"},
      {"promotion_threshold", [](P& p) { p.mutable_points()->set_promotion_threshold(0); },
       "points.promotion_threshold: must be greater than 0, got 0"},
      {"demotion_threshold", [](P& p) { p.mutable_points()->set_demotion_threshold(15); },
       "points.demotion_threshold: must be less than 0, got 15"},
      {"demotion_from_level", [](P& p) { p.mutable_points()->set_demotion_from_level(6); },
       "points.demotion_from_level: must be between 1 and 5, got 6"},
      {"no_top_grade_years", [](P& p) { p.mutable_points()->set_no_top_grade_years(0); },
       "points.no_top_grade_years: must be between 1 and 50, got 0"},
  };
}

INSTANTIATE_TEST_SUITE_P(Points, ValidatePolicyTest, ::testing::ValuesIn(PointsCases()),
                         BreakCaseName);

}  // namespace
}  // namespace auxpro::policy::testutil
