// Who sits a centralized session (wenjiang 7.3.1.2) and the satisfaction item read from the survey
// (7.3.1.5): a probationer's first session after joining, the policy's pass mark, and an
// insufficient sample that gives no result.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "libs/common/errors.h"
#include "libs/policy/testing/policy_test_util.h"
#include "services/assessment/session_rules.h"

namespace auxpro::assessment {
namespace {

using policy::testutil::Preset;
using ::testing::HasSubstr;

std::string ReasonOf(const absl::Status& s) {
  auto info = ErrorInfoOf(s);
  return info ? info->reason : "";
}

TEST(Participation, AProbationerSitsTheFirstSessionAfterJoiningOnThatBasis) {
  ParticipantFacts f{"jurisdictions/wenjiang/persons/p-1", true, false};
  EXPECT_EQ(DecideParticipation(f), v1::AssessmentSession::PROBATION_FIRST_SESSION);
  f.sat_before = true;  // a later session: a retake, not the probation session
  EXPECT_EQ(DecideParticipation(f), v1::AssessmentSession::REGULAR);
  f = {"jurisdictions/wenjiang/persons/p-2", false, false};  // active (level 4 ...), first placed
  EXPECT_EQ(DecideParticipation(f), v1::AssessmentSession::REGULAR);
}

survey::v1::SatisfactionRate Rate(double percent, int64_t responses, bool insufficient) {
  survey::v1::SatisfactionRate r;
  r.set_person("jurisdictions/wenjiang/persons/p-1");
  r.set_campaign("jurisdictions/wenjiang/campaigns/c-1");
  r.set_rate_percent(percent);
  r.set_response_count(responses);
  r.set_min_responses(30);
  r.set_insufficient(insufficient);
  return r;
}

TEST(SatisfactionItem, PassedAtThePolicysMarkFromTheSurveysRate) {
  const auto& policy = Preset("wenjiang").assessment();
  EXPECT_TRUE(*DecideSatisfaction(policy, Rate(80, 40, false)));  // 80 % is the mark
  EXPECT_FALSE(*DecideSatisfaction(policy, Rate(79.9, 40, false)));
  policy::v1::Assessment stricter = policy;
  stricter.set_satisfaction_pass_percent(85);
  EXPECT_FALSE(*DecideSatisfaction(stricter, Rate(83, 40, false)));  // worked example 1's 83 %
}

TEST(SatisfactionItem, AnInsufficientSampleGivesNoResult) {
  auto s = DecideSatisfaction(Preset("wenjiang").assessment(), Rate(0, 20, true));
  EXPECT_EQ(s.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(s.status()), "SATISFACTION_INSUFFICIENT");
  EXPECT_THAT(s.status().message(), HasSubstr("20 survey responses"));
  EXPECT_THAT(s.status().message(), HasSubstr("minimum sample of 30"));
}

TEST(SatisfactionItem, NoPassMarkInThePolicyIsRefusedNamingIt) {
  policy::v1::Assessment unset = Preset("wenjiang").assessment();
  unset.clear_satisfaction_pass_percent();
  auto s = DecideSatisfaction(unset, Rate(95, 40, false));
  EXPECT_EQ(s.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(s.status().message(), HasSubstr("assessment.satisfaction_pass_percent"));
}

}  // namespace
}  // namespace auxpro::assessment
