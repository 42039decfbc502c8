#include <string>
#include <vector>

#include "gtest/gtest.h"
#include "libs/policy/testing/validate_policy_test.h"

// validate_assessment.cc.

namespace auxpro::policy::testutil {
namespace {

std::vector<BreakCase> AssessmentCases() {
  return {
      {"exam_pass_score", [](P& p) { p.mutable_assessment()->set_exam_pass_score(101); },
       "assessment.exam_pass_score: must be between 0 and 100, got 101"},
      {"daily_items_empty", [](P& p) { p.mutable_assessment()->clear_daily_items(); },
       "assessment.daily_items: must not be empty"},
      {"centralized_items_empty", [](P& p) { p.mutable_assessment()->clear_centralized_items(); },
       "assessment.centralized_items: must not be empty"},
      {"centralized_item_duplicate",
       [](P& p) { p.mutable_assessment()->add_centralized_items("PHYSICAL_TEST"); },
       "assessment.centralized_items[4]: duplicate \"PHYSICAL_TEST\""},
      {"daily_item_case", [](P& p) { p.mutable_assessment()->set_daily_items(0, "integrity"); },
       "assessment.daily_items[0]: must match [A-Z][A-Z0-9_]*, got \"integrity\""},
  };
}

INSTANTIATE_TEST_SUITE_P(Assessment, ValidatePolicyTest, ::testing::ValuesIn(AssessmentCases()),
                         BreakCaseName);

}  // namespace
}  // namespace auxpro::policy::testutil
