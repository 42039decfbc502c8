#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "libs/policy/testing/validate_policy_test.h"

// validate_workforce.cc: headcount, exit, daily management.

namespace auxpro::policy::testutil {
namespace {

std::vector<BreakCase> WorkforceCases() {
  return {
      // Headcount.
      {"headcount_ratio",
       [](P& p) { p.mutable_headcount()->set_ratio_to_established_staff_percent(1001); },
       "headcount.ratio_to_established_staff_percent: must be between 0 and 1000, got 1001"},
      // Exit.
      {"checklist_empty", [](P& p) { p.mutable_exit()->clear_checklist(); },
       "exit.checklist: must not be empty"},
      {"checklist_case", [](P& p) { p.mutable_exit()->set_checklist(1, "Equipment"); },
       "exit.checklist[1]: must match [a-z][a-z0-9_]*, got \"Equipment\""},
      {"checklist_duplicate", [](P& p) { p.mutable_exit()->add_checklist("uniform_returned"); },
       "exit.checklist[4]: duplicate \"uniform_returned\""},
      // The confirmed items are stored joined in 1024 characters.
      {"checklist_too_long",
       [](P& p) {
         for (int i = 0; i < 20; ++i) {
           p.mutable_exit()->add_checklist(std::string(50, 'x') + "_" + std::to_string(i));
         }
       },
       "exit.checklist: longer than 1024 characters when joined by commas"},
      // Daily management.
      {"uniform_checks", [](P& p) { p.mutable_daily_management()->set_uniform_checks_per_week(8); },
       "daily_management.uniform_checks_per_week: must be between 0 and 7, got 8"},
      {"bottom_grade_years",
       [](P& p) { p.mutable_daily_management()->set_consecutive_bottom_grade_years(11); },
       "daily_management.consecutive_bottom_grade_years: must be between 0 and 10, got 11"},
  };
}

INSTANTIATE_TEST_SUITE_P(Workforce, ValidatePolicyTest, ::testing::ValuesIn(WorkforceCases()),
                         BreakCaseName);

}  // namespace
}  // namespace auxpro::policy::testutil
