// The survey rules without a database (DOMAIN.md section 6 and worked example 1): the rate, the
// minimum sample, the policy's satisfied set, the campaign life cycle, answers, link payloads.

#include <gtest/gtest.h>

#include "libs/common/errors.h"
#include "libs/policy/testing/policy_test_util.h"
#include "services/survey/campaigns_rules.h"
#include "services/survey/rates_rules.h"
#include "services/survey/survey_keys.h"

namespace auxpro::survey {
namespace {

const policy::v1::Survey& Wenjiang() { return policy::testutil::Preset("wenjiang").survey(); }

// `responses` responses whose answers to the ten questions hold `satisfied` answers of 4 (满意)
// and the rest 2 (一般), spread over the questions.
AnswerCounts Responses(int64_t responses, int64_t satisfied) {
  AnswerCounts c;
  c.responses = responses;
  int64_t left = satisfied;
  for (int q = 1; q <= 10; ++q) {
    const int64_t here = std::min<int64_t>(left, responses);
    c.by_question[q][4] = here;
    c.by_question[q][2] = responses - here;
    left -= here;
  }
  return c;
}

TEST(SatisfactionRate, WorkedExample1Is83PercentOf40Responses) {
  const v1::SatisfactionRate rate = DecideRate(Wenjiang(), Responses(40, 332), false);
  EXPECT_FALSE(rate.insufficient());
  EXPECT_EQ(rate.response_count(), 40);
  EXPECT_EQ(rate.rated_answers(), 400);
  EXPECT_EQ(rate.satisfied_answers(), 332);
  EXPECT_DOUBLE_EQ(rate.rate_percent(), 83.0);
}

TEST(SatisfactionRate, WorkedExample1With20ResponsesIsInsufficientAndWithheld) {
  const v1::SatisfactionRate rate = DecideRate(Wenjiang(), Responses(20, 166), true);
  EXPECT_TRUE(rate.insufficient());
  EXPECT_EQ(rate.response_count(), 20);
  EXPECT_EQ(rate.min_responses(), 30);
  EXPECT_EQ(rate.rate_percent(), 0);
  EXPECT_EQ(rate.satisfied_answers(), 0);
  EXPECT_TRUE(rate.distributions().empty());
}

TEST(SatisfactionRate, MinimumSampleIsThePolicyValue) {
  policy::v1::Survey survey = Wenjiang();
  EXPECT_TRUE(DecideRate(survey, Responses(29, 0), false).insufficient());
  EXPECT_FALSE(DecideRate(survey, Responses(30, 0), false).insufficient());
  survey.set_min_responses(50);
  EXPECT_TRUE(DecideRate(survey, Responses(40, 332), false).insufficient());
}

TEST(SatisfactionRate, SatisfiedAnswersAreThePolicySet) {
  AnswerCounts c;
  c.responses = 30;
  for (int q = 1; q <= 10; ++q) {
    c.by_question[q][1] = 6;
    c.by_question[q][2] = 6;
    c.by_question[q][3] = 6;
    c.by_question[q][4] = 6;
    c.by_question[q][5] = 6;
  }
  EXPECT_DOUBLE_EQ(DecideRate(Wenjiang(), c, false).rate_percent(), 60.0);  // 3, 4, 5
  policy::v1::Survey strict = Wenjiang();
  strict.clear_satisfied_answers();
  strict.add_satisfied_answers(4);
  strict.add_satisfied_answers(5);
  EXPECT_DOUBLE_EQ(DecideRate(strict, c, false).rate_percent(), 40.0);
}

TEST(SatisfactionRate, DistributionsCountEachAnswerPerQuestion) {
  const v1::SatisfactionRate rate = DecideRate(Wenjiang(), Responses(40, 332), true);
  ASSERT_EQ(rate.distributions_size(), 10);
  EXPECT_EQ(rate.distributions(0).question(), 1);
  ASSERT_EQ(rate.distributions(0).counts_size(), 5);
  EXPECT_EQ(rate.distributions(0).counts(3), 40);  // answer 4
  EXPECT_EQ(rate.distributions(8).counts(3), 12);  // 332 = 8 x 40 + 12
  EXPECT_EQ(rate.distributions(8).counts(1), 28);  // answer 2
  EXPECT_EQ(rate.distributions(9).counts(3), 0);
}

TEST(CampaignLifeCycle, DraftOpensOpenClosesNothingElse) {
  v1::Campaign c;
  c.set_state(v1::Campaign::DRAFT);
  EXPECT_EQ(*DecideTransition(c, "open"), v1::Campaign::OPEN);
  auto bad = DecideTransition(c, "close");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorInfoOf(bad.status())->reason, "INVALID_STATE_TRANSITION");
  c.set_state(v1::Campaign::OPEN);
  EXPECT_EQ(*DecideTransition(c, "close"), v1::Campaign::CLOSED);
  c.set_state(v1::Campaign::CLOSED);
  EXPECT_FALSE(DecideTransition(c, "open").ok());
}

TEST(CampaignSubmission, OnlyOpenAndWithinThePeriod) {
  v1::Campaign c;
  c.set_name("jurisdictions/wenjiang/campaigns/c-1");
  c.set_state(v1::Campaign::OPEN);
  c.mutable_period_start()->set_year(2026);
  c.mutable_period_start()->set_month(1);
  c.mutable_period_start()->set_day(1);
  c.mutable_period_end()->set_year(2026);
  c.mutable_period_end()->set_month(3);
  c.mutable_period_end()->set_day(31);
  common::v1::Date inside;
  inside.set_year(2026);
  inside.set_month(3);
  inside.set_day(31);
  EXPECT_TRUE(CheckOpenFor(c, inside).ok());
  common::v1::Date after = inside;
  after.set_month(4);
  after.set_day(1);
  EXPECT_EQ(ErrorInfoOf(CheckOpenFor(c, after))->reason, "OUTSIDE_CAMPAIGN_PERIOD");
  c.set_state(v1::Campaign::CLOSED);
  EXPECT_EQ(ErrorInfoOf(CheckOpenFor(c, inside))->reason, "CAMPAIGN_NOT_OPEN");
  EXPECT_EQ(ErrorInfoOf(CheckCovered(c, false, "WJ00001"))->reason, "AUXILIARY_NOT_COVERED");
}

TEST(SurveyAnswers, ExactlyTheRatedQuestionsOnTheFivePointScale) {
  google::protobuf::RepeatedField<uint32_t> answers;
  for (int i = 0; i < 10; ++i) answers.Add(5);
  EXPECT_TRUE(CheckAnswers(10, answers).ok());
  answers.Set(6, 6);
  absl::Status bad = CheckAnswers(10, answers);
  EXPECT_EQ(bad.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(bad.message().find("answers[6]"), std::string::npos);
  answers.Set(6, 0);
  EXPECT_FALSE(CheckAnswers(10, answers).ok());
  answers.RemoveLast();
  EXPECT_NE(CheckAnswers(10, answers).message().find("got 9"), std::string::npos);
}

TEST(SurveyKeys, LinkPayloadIsSignedPerCampaign) {
  const std::string secret = NewCampaignSecret();
  const std::string payload = LinkPayload(secret, "c-1", "WJ00001");
  EXPECT_EQ(BadgeOfLinkPayload(secret, "c-1", payload), "WJ00001");
  EXPECT_FALSE(BadgeOfLinkPayload(secret, "c-2", payload).has_value());
  EXPECT_FALSE(BadgeOfLinkPayload(NewCampaignSecret(), "c-1", payload).has_value());
  std::string forged = LinkPayload(secret, "c-1", "WJ00002");
  forged.back() = forged.back() == '0' ? '1' : '0';
  EXPECT_FALSE(BadgeOfLinkPayload(secret, "c-1", forged).has_value());
  EXPECT_FALSE(BadgeOfLinkPayload(secret, "c-1", "garbage").has_value());
}

TEST(SurveyKeys, RespondentHashIsKeyedByTheCampaignSecret) {
  const std::string a = NewCampaignSecret(), b = NewCampaignSecret();
  EXPECT_EQ(RespondentHash(a, "key"), RespondentHash(a, "key"));
  EXPECT_NE(RespondentHash(a, "key"), RespondentHash(b, "key"));
  EXPECT_EQ(RespondentHash(a, "key").size(), 64u);
  EXPECT_EQ(RespondentHash(a, "key").find("key"), std::string::npos);
}

}  // namespace
}  // namespace auxpro::survey
