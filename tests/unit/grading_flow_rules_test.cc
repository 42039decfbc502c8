// services/grading/flow_rules: which steps an application is in and who holds them (the holds
// whose working-day deadlines deadline_rules counts), and the reopening of an evaluation after a
// sustained objection to a result notice.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "libs/common/errors.h"
#include "services/grading/flow_rules.h"

namespace auxpro::grading {
namespace {

using common::v1::ENFORCEMENT_BUREAU;
using common::v1::ESTABLISHMENT_OFFICE;
using common::v1::HR_COMPANY;
using policy::v1::GradingDeadlines;
using v1::Application;

Application App(Application::State state, policy::v1::DecidingBody body) {
  Application a;
  a.set_name("jurisdictions/wenjiang/applications/a-1");
  a.set_person("jurisdictions/wenjiang/persons/p-1");
  a.set_state(state);
  a.set_deciding_body(body);
  return a;
}

void Approve(Application& a, common::v1::AgencyKind kind) {
  auto* x = a.add_approvals();
  x->set_agency_kind(kind);
  x->set_outcome(v1::APPROVE);
}

TEST(GradingFlowRulesTest, ANewDraftHoldsNothingAReturnedDraftWaitsForTheBureausResubmission) {
  Application a = App(Application::DRAFT, policy::v1::ESTABLISHMENT_OFFICE);
  EXPECT_TRUE(HoldsOf(a).empty());
  a.mutable_submitted_check()->set_passed(false);
  EXPECT_THAT(HoldsOf(a), ::testing::ElementsAre(
                              WantedHold{GradingDeadlines::RESUBMISSION, ENFORCEMENT_BUREAU}));
}

TEST(GradingFlowRulesTest, QualificationReviewIsHeldByTheBureau) {
  EXPECT_THAT(HoldsOf(App(Application::QUALIFICATION_REVIEW, policy::v1::BUREAU_AND_HR_COMPANY)),
              ::testing::ElementsAre(
                  WantedHold{GradingDeadlines::QUALIFICATION_REVIEW, ENFORCEMENT_BUREAU}));
}

TEST(GradingFlowRulesTest, LevelFiveEvaluationIsHeldByBureauAndHrCompanyEachUntilItDecides) {
  Application a = App(Application::EVALUATION, policy::v1::BUREAU_AND_HR_COMPANY);
  EXPECT_THAT(HoldsOf(a),
              ::testing::ElementsAre(WantedHold{GradingDeadlines::EVALUATION, ENFORCEMENT_BUREAU},
                                     WantedHold{GradingDeadlines::EVALUATION, HR_COMPANY}));
  Approve(a, ENFORCEMENT_BUREAU);
  EXPECT_THAT(HoldsOf(a), ::testing::ElementsAre(
                              WantedHold{GradingDeadlines::EVALUATION, HR_COMPANY}));
}

TEST(GradingFlowRulesTest, LevelsFourToOneEvaluationIsHeldByTheEstablishmentOffice) {
  EXPECT_THAT(HoldsOf(App(Application::EVALUATION, policy::v1::ESTABLISHMENT_OFFICE)),
              ::testing::ElementsAre(
                  WantedHold{GradingDeadlines::EVALUATION, ESTABLISHMENT_OFFICE}));
}

TEST(GradingFlowRulesTest, DecidedLevelFiveApprovedWaitsForFilingRejectedHoldsNothing) {
  Application a = App(Application::DECIDED, policy::v1::BUREAU_AND_HR_COMPANY);
  a.set_outcome(v1::APPROVE);
  EXPECT_THAT(HoldsOf(a), ::testing::ElementsAre(
                              WantedHold{GradingDeadlines::FILING, ENFORCEMENT_BUREAU}));
  a.set_outcome(v1::REJECT);
  EXPECT_TRUE(HoldsOf(a).empty());
}

TEST(GradingFlowRulesTest, DecidedLevelsFourToOneWaitForTheOfficesResultNotice) {
  Application a = App(Application::DECIDED, policy::v1::ESTABLISHMENT_OFFICE);
  a.set_outcome(v1::REJECT);
  EXPECT_THAT(HoldsOf(a), ::testing::ElementsAre(WantedHold{GradingDeadlines::NOTICE_PUBLICATION,
                                                            ESTABLISHMENT_OFFICE}));
}

TEST(GradingFlowRulesTest, ClosedApplicationsHoldNothing) {
  for (auto state : {Application::FILED, Application::PUBLISHED, Application::WITHDRAWN}) {
    EXPECT_TRUE(HoldsOf(App(state, policy::v1::ESTABLISHMENT_OFFICE)).empty())
        << Application::State_Name(state);
  }
}

TEST(GradingFlowRulesTest, SustainedObjectionReopensThePublishedDecisionForEvaluation) {
  Application a = App(Application::PUBLISHED, policy::v1::ESTABLISHMENT_OFFICE);
  a.set_outcome(v1::APPROVE);
  Approve(a, ESTABLISHMENT_OFFICE);
  a.mutable_evaluation_check()->set_passed(true);
  a.set_result_notice("jurisdictions/wenjiang/resultNotices/n-1");
  Actor by{ESTABLISHMENT_OFFICE, "ESTABLISHMENT_OFFICE wenjiang-office", "", absl::Now()};
  absl::StatusOr<Application> r = ReopenForEvaluation(a, by);
  ASSERT_TRUE(r.ok()) << r.status();
  EXPECT_EQ(r->state(), Application::EVALUATION);
  EXPECT_EQ(r->outcome(), v1::OUTCOME_UNSPECIFIED);
  EXPECT_EQ(r->approvals_size(), 0);
  EXPECT_FALSE(r->has_evaluation_check());
  EXPECT_EQ(r->result_notice(), a.result_notice());  // the history keeps where it was published
  EXPECT_THAT(HoldsOf(*r), ::testing::ElementsAre(
                               WantedHold{GradingDeadlines::EVALUATION, ESTABLISHMENT_OFFICE}));
}

TEST(GradingFlowRulesTest, OnlyAPublishedDecisionIsReopened) {
  Actor by{ESTABLISHMENT_OFFICE, "ESTABLISHMENT_OFFICE wenjiang-office", "", absl::Now()};
  absl::StatusOr<Application> r =
      ReopenForEvaluation(App(Application::DECIDED, policy::v1::ESTABLISHMENT_OFFICE), by);
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorInfoOf(r.status())->reason, "WRONG_STATE");
}

TEST(GradingFlowRulesTest, EntryStatesFollowTheDecisionStates) {
  EXPECT_EQ(EntryStateOf(DecisionState::kAwaiting), v1::ResultNotice::AWAITING);
  EXPECT_EQ(EntryStateOf(DecisionState::kHeld), v1::ResultNotice::HELD);
  EXPECT_EQ(EntryStateOf(DecisionState::kInForce), v1::ResultNotice::IN_FORCE);
  EXPECT_EQ(EntryStateOf(DecisionState::kOverturned), v1::ResultNotice::OVERTURNED);
}

}  // namespace
}  // namespace auxpro::grading
