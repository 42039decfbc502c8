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
      {"leave_tiers_out_of_order",
       [](P& p) { p.mutable_assessment()->mutable_leave_approval(1)->set_max_days(1); },
       "assessment.leave_approval[1].max_days: must be above the previous tier's (1), got 1"},
      {"leave_tier_unbounded_before_last",
       [](P& p) { p.mutable_assessment()->mutable_leave_approval(0)->set_max_days(0); },
       "assessment.leave_approval[0].max_days: 0 (any length) on the last tier only"},
      {"leave_last_tier_bounded",
       [](P& p) { p.mutable_assessment()->mutable_leave_approval(2)->set_max_days(30); },
       "assessment.leave_approval[2].max_days: 0 (any length) on the last tier only"},
      {"leave_approver_level_case",
       [](P& p) {
         p.mutable_assessment()->mutable_leave_approval(2)->set_approver_level("director");
       },
       "assessment.leave_approval[2].approver_level: must match [A-Z][A-Z0-9_]*, got "
       "\"director\""},
      {"leave_approver_level_empty",
       [](P& p) { p.mutable_assessment()->mutable_leave_approval(0)->clear_approver_level(); },
       "assessment.leave_approval[0].approver_level: must be set"},
      {"failed_training_retakes",
       [](P& p) { p.mutable_assessment()->set_failed_training_retakes(13); },
       "assessment.failed_training_retakes: must be between 0 and 12, got 13"},
      {"satisfaction_pass_percent",
       [](P& p) { p.mutable_assessment()->set_satisfaction_pass_percent(101); },
       "assessment.satisfaction_pass_percent: must be between 0 and 100, got 101"},
  };
}

INSTANTIATE_TEST_SUITE_P(Assessment, ValidatePolicyTest, ::testing::ValuesIn(AssessmentCases()),
                         BreakCaseName);

}  // namespace
}  // namespace auxpro::policy::testutil
