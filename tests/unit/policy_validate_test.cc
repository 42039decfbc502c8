#include <string>
#include <vector>

#include "absl/status/status.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "libs/policy/testing/validate_policy_test.h"

// validate_policy.cc: every section must be set, and all problems are reported in one message.

namespace auxpro::policy::testutil {
namespace {

using auxpro::policy::v1::Policy;

std::vector<BreakCase> SectionCases() {
  return {
      {"no_recruitment", [](P& p) { p.clear_recruitment(); }, "recruitment: must be set"},
      {"no_probation", [](P& p) { p.clear_probation(); }, "probation: must be set"},
      {"no_training", [](P& p) { p.clear_training(); }, "training: must be set"},
      {"no_permit", [](P& p) { p.clear_permit(); }, "permit: must be set"},
      {"no_headcount", [](P& p) { p.clear_headcount(); }, "headcount: must be set"},
      {"no_exit", [](P& p) { p.clear_exit(); }, "exit: must be set"},
      {"no_daily", [](P& p) { p.clear_daily_management(); }, "daily_management: must be set"},
      {"no_assessment", [](P& p) { p.clear_assessment(); }, "assessment: must be set"},
      {"no_annual_rating", [](P& p) { p.clear_annual_rating(); }, "annual_rating: must be set"},
      {"no_points", [](P& p) { p.clear_points(); }, "points: must be set"},
      {"no_grading", [](P& p) { p.clear_grading(); }, "grading: must be set"},
      {"no_survey", [](P& p) { p.clear_survey(); }, "survey: must be set"},
  };
}

INSTANTIATE_TEST_SUITE_P(Sections, ValidatePolicyTest, ::testing::ValuesIn(SectionCases()),
                         BreakCaseName);

TEST(ValidatePolicyMessageTest, ReportsEveryProblemAtOnce) {
  Policy policy = Preset("haimen");
  policy.mutable_annual_rating()->set_cap_percent(150);
  policy.mutable_survey()->set_min_responses(0);
  absl::Status status = ValidatePolicy(policy);
  EXPECT_EQ(status.message(),
            "policy \"haimen\": annual_rating.cap_percent: must be between 1 and 100, got 150; "
            "survey.min_responses: must be greater than 0, got 0");
}

TEST(ValidatePolicyMessageTest, EmptyPolicyFails) {
  absl::Status status = ValidatePolicy(Policy());
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()),
              ::testing::StartsWith("policy \"\": jurisdiction: must be set"));
}

}  // namespace
}  // namespace auxpro::policy::testutil
