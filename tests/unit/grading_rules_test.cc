// The grading rules without a database: the requirement check of wenjiang 6.1 and table 1
// (DOMAIN.md section 7 example 1), one level at a time, and the application state machine with
// its refusals.
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "libs/common/calendar.h"
#include "libs/common/errors.h"
#include "libs/policy/policy_set.h"
#include "services/grading/application_rules.h"
#include "services/grading/check_rules.h"
#include "tests/unit/grading_example1_facts.h"

namespace auxpro::grading {
namespace {

const policy::v1::Policy& Wenjiang() {
  static const policy::PolicySet* set = new policy::PolicySet(*policy::PolicySet::LoadEmbedded());
  return *set->Find("wenjiang");
}

// DOMAIN.md 7 example 1, level points +15 at level 5 by default.
CheckFacts Example1(int current_level = 5, int level_points = 15, int responses = 40) {
  return testing::Example1Facts(current_level, level_points, responses);
}

v1::RowStatus StatusOf(const v1::RequirementCheck& c, v1::Requirement r) {
  for (const auto& row : c.rows()) {
    if (row.requirement() == r) return row.status();
  }
  return v1::ROW_STATUS_UNSPECIFIED;
}

std::string Reason(const absl::Status& s) {
  auto info = ErrorInfoOf(s);
  return info ? info->reason : "";
}

TEST(GradingCheckRules, Example1EligibleForLevel4WithEveryRow) {
  const v1::RequirementCheck c = EvaluateRequirements(Wenjiang(), Example1(), 4);
  EXPECT_TRUE(c.passed());
  EXPECT_EQ(c.rows_size(), 13);
  EXPECT_EQ(StatusOf(c, v1::SATISFACTION), v1::PASS);
  EXPECT_EQ(StatusOf(c, v1::LEVEL_POINTS), v1::PASS);
  EXPECT_EQ(StatusOf(c, v1::AGE), v1::NOT_REQUIRED);
  for (const auto& row : c.rows()) EXPECT_FALSE(row.source_service().empty());
  EXPECT_TRUE(RequirePassed(c).ok());
}

TEST(GradingCheckRules, Example1AtLevel4FailsLevelPointsAndSatisfactionForLevel3) {
  const v1::RequirementCheck c = EvaluateRequirements(Wenjiang(), Example1(4, 0), 3);
  EXPECT_FALSE(c.passed());
  EXPECT_EQ(StatusOf(c, v1::LEVEL_POINTS), v1::FAIL);
  EXPECT_EQ(StatusOf(c, v1::SATISFACTION), v1::FAIL);
  EXPECT_EQ(StatusOf(c, v1::EDUCATION), v1::PASS);
  const absl::Status s = RequirePassed(c);
  EXPECT_EQ(Reason(s), "REQUIREMENTS_NOT_MET");
  EXPECT_EQ(ErrorInfoOf(s)->metadata.at("failing"), "SATISFACTION,LEVEL_POINTS");
}

TEST(GradingCheckRules, Example1With20ResponsesSatisfactionIsInsufficient) {
  const v1::RequirementCheck c = EvaluateRequirements(Wenjiang(), Example1(5, 15, 20), 4);
  EXPECT_EQ(StatusOf(c, v1::SATISFACTION), v1::INSUFFICIENT);
  EXPECT_FALSE(c.passed());
}

TEST(GradingCheckRules, AServiceThatDoesNotAnswerMakesItsRowsUnavailable) {
  CheckFacts f = Example1();
  f.satisfaction.status = absl::UnavailableError("survey down");
  f.person_record.status = absl::UnavailableError("personnel down");
  const v1::RequirementCheck c = EvaluateRequirements(Wenjiang(), f, 4);
  EXPECT_FALSE(c.passed());
  EXPECT_EQ(StatusOf(c, v1::SATISFACTION), v1::UNAVAILABLE);
  EXPECT_EQ(StatusOf(c, v1::EDUCATION), v1::UNAVAILABLE);
  EXPECT_EQ(StatusOf(c, v1::BASIC_INTEGRITY), v1::UNAVAILABLE);
  EXPECT_EQ(ErrorInfoOf(RequirePassed(c))->metadata.at("unavailable").find("SATISFACTION") !=
                std::string::npos,
            true);
}

TEST(GradingCheckRules, BasicRequirementsOf61) {
  CheckFacts f = Example1();
  auto* finding = f.person_record.value.add_findings();
  finding->set_kind(common::v1::DISCIPLINARY_SANCTION);
  finding->mutable_ended_on()->set_year(2020);
  finding->mutable_ended_on()->set_month(1);
  finding->mutable_ended_on()->set_day(1);
  f.person_record.value.clear_attestations();
  const v1::RequirementCheck c = EvaluateRequirements(Wenjiang(), f, 4);
  EXPECT_EQ(StatusOf(c, v1::BASIC_NO_VIOLATION), v1::FAIL);  // ended, still counts (6.1 d)
  EXPECT_EQ(StatusOf(c, v1::BASIC_INTEGRITY), v1::PASS);
  EXPECT_EQ(StatusOf(c, v1::BASIC_FITNESS), v1::FAIL);
  EXPECT_EQ(StatusOf(c, v1::BASIC_CONDUCT), v1::FAIL);
}

TEST(GradingCheckRules, AgeAtLevel5AndPointsPeriodNotYetAtTheLevel) {
  CheckFacts f = Example1(0);
  f.person_record.value.mutable_birth_date()->set_year(1970);
  v1::RequirementCheck c = EvaluateRequirements(Wenjiang(), f, 5);
  EXPECT_EQ(StatusOf(c, v1::AGE), v1::FAIL);
  EXPECT_EQ(StatusOf(c, v1::LEVEL_POINTS), v1::NOT_REQUIRED);
  f = Example1(4, 20);
  f.balance.value.set_level(5);  // LevelChanged not yet applied by points
  c = EvaluateRequirements(Wenjiang(), f, 3);
  EXPECT_EQ(StatusOf(c, v1::LEVEL_POINTS), v1::INSUFFICIENT);
}

TEST(GradingLevelRules, OneLevelAtATime) {
  const auto& g = Wenjiang().grading();
  EXPECT_TRUE(CheckOneLevelAtATime(g, "p", 0, 5).ok());
  EXPECT_TRUE(CheckOneLevelAtATime(g, "p", 5, 4).ok());
  EXPECT_EQ(Reason(CheckOneLevelAtATime(g, "p", 5, 3)), "ONE_LEVEL_AT_A_TIME");
  EXPECT_EQ(Reason(CheckOneLevelAtATime(g, "p", 0, 4)), "ONE_LEVEL_AT_A_TIME");
  EXPECT_EQ(Reason(CheckOneLevelAtATime(g, "p", 1, 0)), "ONE_LEVEL_AT_A_TIME");
}

Actor As(common::v1::AgencyKind kind) {
  return {kind, common::v1::AgencyKind_Name(kind), "a", absl::Now()};
}

v1::Application App(int target, policy::v1::DecidingBody body) {
  v1::Application a;
  a.set_name("jurisdictions/wenjiang/applications/a-1");
  a.set_target_level(target);
  a.set_from_level(target == 5 ? 0 : target + 1);
  a.set_deciding_body(body);
  a.set_state(v1::Application::DRAFT);
  return a;
}

v1::RequirementCheck Passed() {
  v1::RequirementCheck c = EvaluateRequirements(Wenjiang(), Example1(), 4);
  return c;
}

TEST(GradingApplicationRules, Level5NeedsBothTheBureauAndTheHrCompany) {
  auto a = Submit(App(5, policy::v1::BUREAU_AND_HR_COMPANY), Passed(),
                  As(common::v1::ENFORCEMENT_BUREAU));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->state(), v1::Application::QUALIFICATION_REVIEW);
  a = PassQualificationReview(*a, As(common::v1::ENFORCEMENT_BUREAU));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(
      Decide(*a, v1::APPROVE, "ok", Passed(), As(common::v1::ESTABLISHMENT_OFFICE)).status().code(),
      absl::StatusCode::kPermissionDenied);
  a = Decide(*a, v1::APPROVE, "ok", Passed(), As(common::v1::ENFORCEMENT_BUREAU));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->state(), v1::Application::EVALUATION);
  EXPECT_EQ(
      Reason(Decide(*a, v1::APPROVE, "ok", Passed(), As(common::v1::ENFORCEMENT_BUREAU)).status()),
      "ALREADY_APPROVED");
  a = Decide(*a, v1::APPROVE, "ok", Passed(), As(common::v1::HR_COMPANY));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->state(), v1::Application::DECIDED);
  EXPECT_TRUE(ChangesLevelAtDecision(*a));
  EXPECT_EQ(Reason(Decide(*a, v1::REJECT, "no", Passed(), As(common::v1::HR_COMPANY)).status()),
            "WRONG_STATE");
  a = File(*a, As(common::v1::ENFORCEMENT_BUREAU));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->state(), v1::Application::FILED);
}

TEST(GradingApplicationRules, Levels4To1ByTheOfficeThenPublished) {
  auto a = Submit(App(4, policy::v1::ESTABLISHMENT_OFFICE), Passed(),
                  As(common::v1::ENFORCEMENT_BUREAU));
  a = PassQualificationReview(*a, As(common::v1::ENFORCEMENT_BUREAU));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(Reason(Decide(*a, v1::APPROVE, "ok", Passed(), As(common::v1::HR_COMPANY)).status()),
            "WRONG_DECIDING_BODY");
  v1::RequirementCheck failing = EvaluateRequirements(Wenjiang(), Example1(5, 3), 4);
  EXPECT_EQ(
      Reason(Decide(*a, v1::APPROVE, "ok", failing, As(common::v1::ESTABLISHMENT_OFFICE)).status()),
      "REQUIREMENTS_NOT_MET");
  a = Decide(*a, v1::APPROVE, "ok", Passed(), As(common::v1::ESTABLISHMENT_OFFICE));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->state(), v1::Application::DECIDED);
  EXPECT_FALSE(ChangesLevelAtDecision(*a));
  EXPECT_EQ(Reason(File(*a, As(common::v1::ENFORCEMENT_BUREAU)).status()), "WRONG_STATE");
  a = Publish(*a, "jurisdictions/wenjiang/resultNotices/n-1", As(common::v1::ESTABLISHMENT_OFFICE));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->state(), v1::Application::PUBLISHED);
}

TEST(GradingApplicationRules, ReviewRefusedOnAFailingCheckReturnAndWithdraw) {
  v1::RequirementCheck failing = EvaluateRequirements(Wenjiang(), Example1(5, 3), 4);
  auto a =
      Submit(App(4, policy::v1::ESTABLISHMENT_OFFICE), failing, As(common::v1::ENFORCEMENT_BUREAU));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(Reason(PassQualificationReview(*a, As(common::v1::ENFORCEMENT_BUREAU)).status()),
            "REQUIREMENTS_NOT_MET");
  EXPECT_EQ(Return(*a, As(common::v1::HR_COMPANY)).status().code(),
            absl::StatusCode::kPermissionDenied);
  a = Return(*a, As(common::v1::ENFORCEMENT_BUREAU));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->state(), v1::Application::DRAFT);
  a = Withdraw(*a, As(common::v1::ENFORCEMENT_BUREAU));
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->state(), v1::Application::WITHDRAWN);
  EXPECT_EQ(Reason(Withdraw(*a, As(common::v1::ENFORCEMENT_BUREAU)).status()), "WRONG_STATE");
}

TEST(GradingLevelRules, LevelChangesAreOneStepFromTheExpectedLevel) {
  const auto& g = Wenjiang().grading();
  const Actor by = As(common::v1::ESTABLISHMENT_OFFICE);
  EXPECT_TRUE(DecideLevelChange(g, 0, 0, 5, v1::GRANTED, "r", "d", by).ok());
  EXPECT_TRUE(DecideLevelChange(g, 5, 5, 4, v1::PROMOTED, "r", "d", by).ok());
  EXPECT_TRUE(DecideLevelChange(g, 3, 3, 4, v1::DEMOTED, "r", "d", by).ok());
  EXPECT_TRUE(DecideLevelChange(g, 3, 3, 0, v1::REVOKED, "r", "d", by).ok());
  EXPECT_EQ(Reason(DecideLevelChange(g, 4, 5, 4, v1::PROMOTED, "r", "d", by).status()),
            "LEVEL_CHANGED");
  EXPECT_EQ(Reason(DecideLevelChange(g, 5, 5, 3, v1::PROMOTED, "r", "d", by).status()),
            "LEVEL_CHANGED");
  EXPECT_EQ(Reason(DecideLevelChange(g, 5, 5, 6, v1::DEMOTED, "r", "d", by).status()),
            "LEVEL_CHANGED");
}

// One open application per person: final only once nothing more can come of it.
TEST(GradingApplicationRules, OneOpenApplicationPerPersonADecisionAwaitingItsNoticeIsNotFinal) {
  auto app = [](v1::Application::State state, policy::v1::DecidingBody body) {
    v1::Application a;
    a.set_name("jurisdictions/wenjiang/applications/a-1");
    a.set_state(state);
    a.set_deciding_body(body);
    return a;
  };
  const auto office = policy::v1::ESTABLISHMENT_OFFICE;
  const auto joint = policy::v1::BUREAU_AND_HR_COMPANY;
  for (auto s : {v1::Application::DRAFT, v1::Application::QUALIFICATION_REVIEW,
                 v1::Application::EVALUATION}) {
    EXPECT_FALSE(IsFinal(app(s, office))) << v1::Application::State_Name(s);
    EXPECT_FALSE(IsFinal(app(s, joint))) << v1::Application::State_Name(s);
  }
  EXPECT_FALSE(IsFinal(app(v1::Application::DECIDED, office)));  // awaiting its notice
  v1::Application published = app(v1::Application::PUBLISHED, office);
  EXPECT_FALSE(IsFinal(published));  // in the objection period
  *published.mutable_effective_date() = ToProto(CivilDate{2026, 11, 28});
  EXPECT_TRUE(IsFinal(published));                             // in force
  EXPECT_TRUE(IsFinal(app(v1::Application::DECIDED, joint)));  // in force when decided
  EXPECT_TRUE(IsFinal(app(v1::Application::FILED, joint)));
  EXPECT_TRUE(IsFinal(app(v1::Application::WITHDRAWN, office)));
  absl::Status s = OtherApplicationOpen("jurisdictions/wenjiang/persons/p-1",
                                        app(v1::Application::DECIDED, office));
  EXPECT_TRUE(absl::IsFailedPrecondition(s));
  EXPECT_NE(s.message().find("one open application per person"), std::string::npos);
  EXPECT_EQ(ErrorInfoOf(s)->reason, "APPLICATION_OPEN");
}

}  // namespace
}  // namespace auxpro::grading
