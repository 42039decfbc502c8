// hiring_steps_rules and working_life_rules against the presets as compiled in, one test per
// article: the hiring procedures (shanxi art. 10, longquan art. 6, haimen 三(一)2-3), probation's
// end (longquan art. 6, template art. 10), renewal (template art. 10), resignation (longquan art.
// 15, template art. 20) and backbone posts (longquan art. 14, 17).
#include "services/personnel/working_life_rules.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "libs/common/errors.h"
#include "libs/policy/testing/policy_test_util.h"
#include "services/personnel/employment_rules.h"
#include "services/personnel/hiring_steps_rules.h"
#include "services/personnel/persons_rules.h"
#include "services/personnel/probation_evidence_rules.h"

namespace auxpro::personnel {
namespace {

using policy::testutil::Preset;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr CivilDate kToday{2026, 3, 1};

std::vector<std::string> Conditions(const Decision& d) {
  std::vector<std::string> out;
  for (const auto& f : d.failures) out.push_back(f.condition);
  return out;
}

v1::HiringStepRecord Step(const std::string& code, CivilDate date, bool passed = true) {
  v1::HiringStepRecord r;
  r.set_step(code);
  *r.mutable_date() = ToProto(date);
  r.set_result(passed ? v1::HiringStepRecord::PASSED : v1::HiringStepRecord::FAILED);
  r.set_evidence_ref("doc-1");
  return r;
}

v1::Person AllStepsPassed(std::string_view j) {
  v1::Person p;
  for (const auto& s : Preset(j).employment().hiring_steps()) {
    *p.add_hiring_steps() = Step(s.code(), kToday);
  }
  return p;
}

// ------------------------------------------------------------------ hiring procedures

TEST(HiringSteps, ShanxiArt10SixStepsEachNamedWhenMissing) {
  const auto& e = Preset("shanxi").employment();
  Decision none = CheckHiringStepsComplete(e, v1::Person());
  EXPECT_THAT(Conditions(none),
              ElementsAre("hiring_step.public_application", "hiring_step.written_exam",
                          "hiring_step.physical_test", "hiring_step.medical",
                          "hiring_step.political_review", "hiring_step.public_notice"));
  EXPECT_THAT(none.failures[0].reason, HasSubstr("shanxi art. 10"));
  EXPECT_TRUE(CheckHiringStepsComplete(e, AllStepsPassed("shanxi")).ok());
}

TEST(HiringSteps, ShanxiArt10PublicNoticeRunsItsPeriod) {
  const auto& e = Preset("shanxi").employment();
  v1::HiringStepRecord notice = Step("public_notice", kToday);
  EXPECT_EQ(CheckHiringStepRecord(e, notice, kToday).code(), absl::StatusCode::kInvalidArgument);
  *notice.mutable_start_date() = ToProto(AddDays(kToday, -6));
  absl::Status short_notice = CheckHiringStepRecord(e, notice, kToday);
  EXPECT_EQ(short_notice.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(short_notice.message(), HasSubstr("ran 6 days"));
  *notice.mutable_start_date() = ToProto(AddDays(kToday, -7));
  EXPECT_TRUE(CheckHiringStepRecord(e, notice, kToday).ok());
}

TEST(HiringSteps, LongquanArt6PoliticalReviewExamInterviewMedicalThenPartyGroup) {
  const auto& e = Preset("longquan").employment();
  v1::Person p = AllStepsPassed("longquan");
  EXPECT_TRUE(CheckHiringStepsComplete(e, p).ok());
  p = WithHiringStep(p, Step("medical", kToday, /*passed=*/false));
  Decision d = CheckHiringStepsComplete(e, p);
  EXPECT_THAT(Conditions(d), ElementsAre("hiring_step.medical"));
  EXPECT_THAT(d.failures[0].reason, HasSubstr("FAILED"));
  // A retake replaces the failed record.
  p = WithHiringStep(p, Step("medical", kToday));
  EXPECT_TRUE(CheckHiringStepsComplete(e, p).ok());
  EXPECT_EQ(p.hiring_steps_size(), Preset("longquan").employment().hiring_steps_size());
}

TEST(HiringSteps, HaimenSection3Item3ACandidateWhoFailsTheTrainingIsNotHired) {
  const auto& e = Preset("haimen").employment();
  v1::Person p = WithHiringStep(AllStepsPassed("haimen"),
                                Step("district_pre_job_training", kToday, /*passed=*/false));
  EXPECT_THAT(Conditions(CheckHiringStepsComplete(e, p)),
              ElementsAre("hiring_step.district_pre_job_training"));
}

TEST(HiringSteps, WenjiangListsNoProcedureSoNothingIsMissing) {
  EXPECT_TRUE(CheckHiringStepsComplete(Preset("wenjiang").employment(), v1::Person()).ok());
}

TEST(HiringSteps, BadStepRecordsNameTheField) {
  const auto& e = Preset("longquan").employment();
  auto message = [&](const v1::HiringStepRecord& r) {
    return std::string(CheckHiringStepRecord(e, r, kToday).message());
  };
  EXPECT_THAT(message(Step("lottery", kToday)), HasSubstr("step.step"));
  EXPECT_THAT(message(Step("medical", CivilDate{2099, 1, 1})), HasSubstr("step.date"));
  v1::HiringStepRecord no_result = Step("medical", kToday);
  no_result.clear_result();
  EXPECT_THAT(message(no_result), HasSubstr("step.result"));
  v1::HiringStepRecord no_evidence = Step("medical", kToday);
  no_evidence.clear_evidence_ref();
  EXPECT_THAT(message(no_evidence), HasSubstr("step.evidence_ref"));
  v1::HiringStepRecord backwards = Step("medical", kToday);
  *backwards.mutable_start_date() = ToProto(AddDays(kToday, 1));
  EXPECT_THAT(message(backwards), HasSubstr("step.start_date"));
}

// ------------------------------------------------------------------ probation

TEST(WorkingLife, LongquanArt6ProbationOfThreeMonthsEndsOnlyWhenPassedOrFailed) {
  const auto& p = Preset("longquan");
  const CivilDate hire{2026, 1, 15};
  EXPECT_THAT(Conditions(CheckProbationEnd(p, hire, {2026, 4, 14}, ProbationResult::kPassed)),
              ElementsAre("probation_end"));
  EXPECT_TRUE(CheckProbationEnd(p, hire, {2026, 4, 15}, ProbationResult::kPassed).ok());
  EXPECT_TRUE(CheckProbationEnd(p, hire, {2026, 4, 15}, ProbationResult::kFailed).ok());
  EXPECT_THAT(Conditions(CheckProbationEnd(p, hire, {2026, 4, 15}, ProbationResult::kNone)),
              ElementsAre("probation_result"));
}

TEST(WorkingLife, LongquanArt6EndProbationBeforeThreeMonthsIsRefused) {
  v1::Person p;
  p.set_state(v1::PROBATION);
  *p.mutable_hire_date() = ToProto(CivilDate{2026, 1, 15});
  auto early = DecideEndProbation(Preset("longquan"), p, {2026, 4, 14});
  EXPECT_EQ(early.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_THAT(early.status().message(), HasSubstr("2026-04-15"));
  auto ended = DecideEndProbation(Preset("longquan"), p, {2026, 4, 15});
  ASSERT_TRUE(ended.ok()) << ended.status();
  EXPECT_EQ(ended->state(), v1::ACTIVE);
  // Wenjiang's probation lasts until the first centralized assessment: no fixed period.
  EXPECT_TRUE(DecideEndProbation(Preset("wenjiang"), p, {2026, 1, 20}).ok());
}

std::string ErrorReason(const absl::Status& s) {
  auto info = ErrorInfoOf(s);
  return info ? info->reason : "";
}

v1::Person OnProbation(CivilDate hire) {
  v1::Person p;
  p.set_name("jurisdictions/longquan/persons/p1");
  p.set_state(v1::PROBATION);
  p.set_badge_number("LQ00001");
  *p.mutable_hire_date() = ToProto(hire);
  return p;
}

std::vector<std::string> Checklist(std::string_view j) {
  const auto& c = Preset(j).exit().checklist();
  return {c.begin(), c.end()};
}

TEST(ProbationOutcome, LongquanArt6PassedConfirmsTheHire) {
  auto out = DecideProbationOutcome(
      Preset("longquan"),
      {OnProbation({2026, 1, 15}), {2026, 4, 15}, v1::PROBATION_PASSED, "党组会议纪要 2026-4", {}});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->state(), v1::ACTIVE);
  EXPECT_EQ(out->probation_result(), v1::PROBATION_PASSED);
  EXPECT_EQ(out->probation_evidence_ref(), "党组会议纪要 2026-4");
  EXPECT_EQ(out->probation_end_date().month(), 4);
}

TEST(ProbationOutcome, LongquanArt6FailedEndsTheEmploymentAfterTheChecklist) {
  const auto& policy = Preset("longquan");
  auto incomplete = DecideProbationOutcome(
      policy, {OnProbation({2026, 1, 15}), {2026, 4, 15}, v1::PROBATION_FAILED, "doc", {}});
  EXPECT_EQ(incomplete.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorReason(incomplete.status()), "EXIT_CHECKLIST_INCOMPLETE");
  auto out = DecideProbationOutcome(policy, {OnProbation({2026, 1, 15}),
                                             {2026, 4, 15},
                                             v1::PROBATION_FAILED,
                                             "doc",
                                             Checklist("longquan")});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->state(), v1::EXITED);
  EXPECT_EQ(out->exit_reason(), v1::FAILED_PROBATION);
  EXPECT_EQ(out->probation_result(), v1::PROBATION_FAILED);
  EXPECT_TRUE(out->badge_number().empty());
}

TEST(ProbationOutcome, LongquanArt6NeitherResultBeforeThreeMonths) {
  for (auto result : {v1::PROBATION_PASSED, v1::PROBATION_FAILED}) {
    auto early = DecideProbationOutcome(
        Preset("longquan"),
        {OnProbation({2026, 1, 15}), {2026, 4, 14}, result, "doc", Checklist("longquan")});
    EXPECT_EQ(ErrorReason(early.status()), "PROBATION_NOT_OVER") << result;
  }
}

TEST(ProbationOutcome, TemplateArt10ResultRequired) {
  auto none = DecideProbationOutcome(
      Preset("template"),
      {OnProbation({2026, 1, 1}), {2026, 2, 1}, v1::PROBATION_RESULT_UNSPECIFIED, "", {}});
  EXPECT_EQ(none.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(none.status().message(), HasSubstr("result: required"));
  EXPECT_THAT(none.status().message(), HasSubstr("probation_requires_result"));
  auto no_evidence = DecideProbationOutcome(
      Preset("template"), {OnProbation({2026, 1, 1}), {2026, 2, 1}, v1::PROBATION_PASSED, "", {}});
  EXPECT_EQ(no_evidence.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(no_evidence.status().message(), HasSubstr("evidence_ref"));
  auto unknown = DecideProbationOutcome(
      Preset("template"),
      {OnProbation({2026, 1, 1}), {2026, 2, 1}, static_cast<v1::ProbationResult>(7), "doc", {}});
  EXPECT_THAT(unknown.status().message(), HasSubstr("result: unknown"));
}

TEST(ProbationOutcome, ShanxiSetsNoResultRuleAnUnsetResultIsAPass) {
  auto out = DecideProbationOutcome(
      Preset("shanxi"),
      {OnProbation({2026, 1, 1}), {2026, 1, 2}, v1::PROBATION_RESULT_UNSPECIFIED, "", {}});
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->state(), v1::ACTIVE);
  EXPECT_EQ(out->probation_result(), v1::PROBATION_PASSED);
}

TEST(WorkingLife, TemplateArt10OneMonthProbationBeforeTheContract) {
  const auto& p = Preset("template");
  EXPECT_THAT(
      Conditions(CheckProbationEnd(p, {2026, 1, 31}, {2026, 2, 27}, ProbationResult::kPassed)),
      ElementsAre("probation_end"));
  EXPECT_TRUE(CheckProbationEnd(p, {2026, 1, 31}, {2026, 2, 28}, ProbationResult::kPassed).ok());
}

// ------------------------------------------------------------------ contracts

TEST(WorkingLife, TemplateArt10RenewalNeedsAQualifiedRatingNeverByDefault) {
  const auto& p = Preset("template");
  EXPECT_EQ(p.employment().contract_term_months(), 12u);
  EXPECT_THAT(Conditions(CheckRenewal(p, std::nullopt)), ElementsAre("annual_rating"));
  EXPECT_THAT(CheckRenewal(p, std::nullopt).failures[0].reason, HasSubstr("not available"));
  EXPECT_TRUE(CheckRenewal(p, std::string("QUALIFIED")).ok());
  EXPECT_TRUE(CheckRenewal(p, std::string("EXCELLENT")).ok());
  EXPECT_THAT(Conditions(CheckRenewal(p, std::string("BASICALLY_QUALIFIED"))),
              ElementsAre("annual_rating"));
}

TEST(WorkingLife, ShanxiArt9AndWenjiang52AllowDirectEmployment) {
  EXPECT_TRUE(Preset("shanxi").employment().direct_employment_allowed());
  EXPECT_TRUE(Preset("wenjiang").employment().direct_employment_allowed());
  EXPECT_TRUE(Preset("wenjiang").employment().min_service_period_required());
}

// ------------------------------------------------------------------ resignation

TEST(WorkingLife, LongquanArt15FifteenDaysWrittenNoticeAndThreeSignatures) {
  const auto& r = Preset("longquan").employment().resignation();
  const CivilDate last{2026, 3, 16};
  Decision late = CheckResignation(r, {2026, 3, 2}, last, {"team_head"}, {});
  EXPECT_THAT(Conditions(late),
              ElementsAre("notice_days", "signoff.deputy_director", "signoff.director"));
  EXPECT_TRUE(
      CheckResignation(r, {2026, 3, 1}, last, {"team_head", "deputy_director", "director"}, {})
          .ok());
}

TEST(WorkingLife, TemplateArt20PermitAndUniformBackDepositKeptWithinAYear) {
  policy::v1::Resignation r = Preset("template").employment().resignation();
  EXPECT_THAT(Conditions(CheckResignation(r, {2026, 1, 1}, {2026, 3, 1}, {}, {"work_permit"})),
              ElementsAre("handback.uniform_and_equipment"));
  r.set_performance_deposit_fen(100000);  // the county fills in the blank amount
  EXPECT_EQ(ForfeitedDepositFen(r, {2025, 3, 2}, {2026, 3, 1}), 100000);
  EXPECT_EQ(ForfeitedDepositFen(r, {2025, 3, 1}, {2026, 3, 1}), 0);
}

// ------------------------------------------------------------------ backbone posts

TEST(WorkingLife, LongquanArt17LeaderAndDeputyAllowancesAndSeniorityPay) {
  const auto& b = Preset("longquan").employment().backbone();
  EXPECT_EQ(MonthlyBackbonePayFen(b, BackbonePost::kLeader, 0), 50000);
  EXPECT_EQ(MonthlyBackbonePayFen(b, BackbonePost::kDeputyLeader, 0), 30000);
  EXPECT_EQ(MonthlyBackbonePayFen(b, BackbonePost::kLeader, 3), 50000 + 3 * 5000);
  EXPECT_EQ(MonthlyBackbonePayFen(b, BackbonePost::kDeputyLeader, 2), 30000 + 2 * 3000);
  EXPECT_EQ(MonthlyBackbonePayFen(b, BackbonePost::kMember, 4), 4 * 2000);
  EXPECT_EQ(
      MonthlyBackbonePayFen(Preset("wenjiang").employment().backbone(), BackbonePost::kLeader, 3),
      0);
}

TEST(WorkingLife, LongquanArt14LeaderFromTheDeputiesWithinTheUnitsNumber) {
  const auto& b = Preset("longquan").employment().backbone();
  EXPECT_TRUE(
      CheckBackboneAppointment(b, BackbonePost::kLeader, BackbonePost::kDeputyLeader, 0, 1).ok());
  EXPECT_THAT(
      Conditions(CheckBackboneAppointment(b, BackbonePost::kLeader, BackbonePost::kMember, 1, 1)),
      ElementsAre("backbone_quota", "leader_from_deputies"));
  EXPECT_THAT(Conditions(CheckBackboneAppointment(Preset("shanxi").employment().backbone(),
                                                  BackbonePost::kDeputyLeader,
                                                  BackbonePost::kMember, 0, 2)),
              ElementsAre("backbone_disabled"));
}

}  // namespace
}  // namespace auxpro::personnel

namespace auxpro::personnel {
namespace {

// ------------------------------------------------------------------ re-hire

// A haimen auxiliary born 1982-05-17 who served 2020-2024 and left.
v1::Person FormerHaimenAuxiliary() {
  v1::Person p;
  p.set_name("jurisdictions/haimen/persons/p9");
  p.set_state(v1::EXITED);
  p.set_gender(common::v1::MALE);
  *p.mutable_birth_date() = ToProto(CivilDate{1982, 5, 17});
  p.set_education(common::v1::HIGH_SCHOOL);
  p.add_attestations(common::v1::FIT_FOR_POST);
  *p.mutable_hire_date() = ToProto(CivilDate{2020, 3, 1});
  *p.mutable_probation_end_date() = ToProto(CivilDate{2020, 6, 1});
  p.set_probation_result(v1::PROBATION_PASSED);
  *p.mutable_exit_date() = ToProto(CivilDate{2024, 8, 31});
  p.set_exit_reason(v1::RESIGNATION);
  p.set_unit("jurisdictions/haimen/units/u1");
  p.set_employment_kind(v1::DISPATCHED);
  p.set_dispatch_agreement("jurisdictions/haimen/dispatchAgreements/a1");
  for (const auto& s : Preset("haimen").employment().hiring_steps()) {
    *p.add_hiring_steps() = Step(s.code(), {2020, 2, 1});
  }
  return p;
}

TEST(Rehire, HaimenAnnex2Item3FormerAuxiliaryOnTheSameArchiveWithTheAgeCapOf45) {
  const auto& policy = Preset("haimen");
  v1::Person p = FormerHaimenAuxiliary();
  const CivilDate hire{2026, 3, 1};  // 43 years old: above 40, within the former auxiliaries' 45
  // The first period's steps do not count for the new one.
  auto no_steps = DecideHire(policy, {p, "jurisdictions/haimen/units/u2", "", {}, hire});
  EXPECT_EQ(ErrorReason(no_steps.status()), "HIRING_STEPS_INCOMPLETE");
  for (const auto& s : policy.employment().hiring_steps()) {
    *p.add_hiring_steps() = Step(s.code(), {2026, 2, 1});
  }
  auto hired = DecideHire(policy, {p, "jurisdictions/haimen/units/u2", "", {}, hire});
  ASSERT_TRUE(hired.ok()) << hired.status();
  EXPECT_EQ(hired->state(), v1::PROBATION);
  EXPECT_TRUE(hired->former_auxiliary());
  EXPECT_EQ(hired->name(), p.name());  // the same archive
  ASSERT_EQ(hired->past_periods_size(), 1);
  EXPECT_EQ(hired->past_periods(0).exit_reason(), v1::RESIGNATION);
  EXPECT_EQ(hired->past_periods(0).hire_date().year(), 2020);
  EXPECT_EQ(hired->past_periods(0).unit(), "jurisdictions/haimen/units/u1");
  EXPECT_FALSE(hired->has_exit_date());
  EXPECT_EQ(hired->probation_result(), v1::PROBATION_RESULT_UNSPECIFIED);
  EXPECT_EQ(hired->hiring_steps_size(), policy.employment().hiring_steps_size());
  EXPECT_EQ(hired->hire_date().year(), 2026);
}

TEST(Rehire, HaimenAnnex2Item3The46thBirthdayEndsTheFormerAuxiliariesRelaxation) {
  v1::Person p = FormerHaimenAuxiliary();
  auto d = DecideEligibility(Preset("haimen"), p, {}, {2028, 5, 16});  // 45
  ASSERT_TRUE(d.ok());
  EXPECT_TRUE(d->ok()) << d->Summary();
  auto over = DecideEligibility(Preset("haimen"), p, {}, {2028, 5, 17});  // 46th birthday
  ASSERT_TRUE(over.ok());
  EXPECT_THAT(Conditions(*over), ::testing::Contains("age"));
}

TEST(Rehire, ShanxiArt12AgeCapAppliesToTheFirstHireOnly) {
  v1::Person p = FormerHaimenAuxiliary();  // 50 years old in 2032
  p.set_name("jurisdictions/shanxi/persons/p9");
  p.set_education(common::v1::JUNIOR_COLLEGE);
  auto d = DecideEligibility(Preset("shanxi"), p, {}, {2032, 6, 1});
  ASSERT_TRUE(d.ok());
  EXPECT_THAT(Conditions(*d), ::testing::Not(::testing::Contains("age")));
}

// ------------------------------------------------------------------ probation evidence

v1::ProbationAssessment SessionResult(const std::string& result, bool passed) {
  v1::ProbationAssessment a;
  a.set_session("jurisdictions/wenjiang/assessmentSessions/s1");
  a.set_result("jurisdictions/wenjiang/assessmentSessions/s1/results/" + result);
  a.set_year(2026);
  a.set_quarter(1);
  a.set_item("PHYSICAL_TEST");
  a.set_attempt(1);
  a.set_passed(passed);
  a.set_event_id("e-" + result);
  return a;
}

// wenjiang 7.3.1.2: the first centralized assessment after joining is evidence for the probation
// decision; its results are recorded on the period and the decision defaults to that session.
TEST(ProbationEvidence, Wenjiang7312FirstCentralizedAssessmentIsTheEvidenceOfTheDecision) {
  v1::Person p = OnProbation({2026, 1, 15});
  p.set_name("jurisdictions/wenjiang/persons/p1");
  auto once = RecordProbationAssessment(p, SessionResult("r1", false));
  ASSERT_TRUE(once.ok()) << once.status();
  // A redelivered or corrected result replaces the one recorded; another is appended.
  auto again = RecordProbationAssessment(*once, SessionResult("r1", true));
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->probation_assessments_size(), 1);
  EXPECT_TRUE(again->probation_assessments(0).passed());
  auto two = RecordProbationAssessment(*again, SessionResult("r2", true));
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->probation_assessments_size(), 2);

  auto ended = DecideProbationOutcome(Preset("wenjiang"),
                                      {*two, {2026, 4, 1}, v1::PROBATION_PASSED, "", {}});
  ASSERT_TRUE(ended.ok()) << ended.status();
  EXPECT_EQ(ended->probation_evidence_ref(), "jurisdictions/wenjiang/assessmentSessions/s1");
  EXPECT_EQ(ended->probation_assessments_size(), 2);
  // Without a reported result the evidence is still required.
  auto bare = DecideProbationOutcome(Preset("wenjiang"),
                                     {p, {2026, 4, 1}, v1::PROBATION_PASSED, "", {}});
  EXPECT_EQ(bare.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(bare.status().message(), HasSubstr("evidence_ref"));
  // A named evidence_ref wins over the default.
  auto named = DecideProbationOutcome(Preset("wenjiang"),
                                      {*two, {2026, 4, 1}, v1::PROBATION_PASSED, "局会议纪要", {}});
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->probation_evidence_ref(), "局会议纪要");
}

TEST(ProbationEvidence, Wenjiang7312ACandidateHasNoProbationAndBadResultsAreNamed) {
  v1::Person candidate;
  candidate.set_name("jurisdictions/wenjiang/persons/p2");
  candidate.set_state(v1::CANDIDATE);
  EXPECT_EQ(RecordProbationAssessment(candidate, SessionResult("r1", true)).status().code(),
            absl::StatusCode::kInvalidArgument);
  v1::ProbationAssessment foreign = SessionResult("r1", true);
  foreign.set_session("jurisdictions/haimen/assessmentSessions/s1");
  foreign.set_result("jurisdictions/haimen/assessmentSessions/s1/results/r1");
  EXPECT_THAT(ValidateProbationAssessment(foreign, "wenjiang", "event").message(),
              HasSubstr("event.session"));
  v1::ProbationAssessment stray = SessionResult("r1", true);
  stray.set_result("jurisdictions/wenjiang/assessmentSessions/s9/results/r1");
  EXPECT_THAT(ValidateProbationAssessment(stray, "wenjiang", "event").message(),
              HasSubstr("event.result"));
  v1::ProbationAssessment no_item = SessionResult("r1", true);
  no_item.clear_item();
  EXPECT_THAT(ValidateProbationAssessment(no_item, "wenjiang", "event").message(),
              HasSubstr("event.item"));
  EXPECT_TRUE(ValidateProbationAssessment(SessionResult("r1", true), "wenjiang", "event").ok());
}

TEST(ProbationEvidence, RehireKeepsTheEarlierPeriodsAssessmentsWithThatPeriod) {
  v1::Person p = OnProbation({2026, 1, 15});
  p.set_name("jurisdictions/wenjiang/persons/p1");
  p = *RecordProbationAssessment(p, SessionResult("r1", true));
  p.set_state(v1::EXITED);
  *p.mutable_exit_date() = ToProto(CivilDate{2026, 6, 30});
  p.set_exit_reason(v1::RESIGNATION);
  v1::Person reopened = OpenNewPeriod(p);
  EXPECT_EQ(reopened.probation_assessments_size(), 0);
  ASSERT_EQ(reopened.past_periods_size(), 1);
  EXPECT_EQ(reopened.past_periods(0).probation_assessments_size(), 1);
}

// ------------------------------------------------------------------ an exited record

// An exited record is archived, but what the recruitment check reads may still be brought up to
// date before a re-hire (haimen annex 2 items 3-4); the rest stays refused (PERSON_EXITED).
TEST(Rehire, HaimenAnnex2Item3ExitedRecordKeepsOpenWhatTheRecruitmentCheckReads) {
  v1::Person exited = FormerHaimenAuxiliary();
  exited.set_full_name("张三");
  exited.set_post_type(v1::FIELD);
  v1::Person in;
  in.set_education(common::v1::JUNIOR_COLLEGE);
  in.set_veteran(true);
  auto* finding = in.add_findings();
  finding->set_kind(common::v1::DISCIPLINARY_SANCTION);
  *finding->mutable_ended_on() = ToProto(CivilDate{2025, 1, 1});
  in.add_attestations(common::v1::FIT_FOR_POST);
  google::protobuf::FieldMask mask;
  for (const char* path : {"education", "veteran", "findings", "attestations", "party_member",
                           "background_findings", "former_auxiliary"}) {
    mask.add_paths(path);
  }
  auto updated = UpdatedProfile(exited, in, mask);
  ASSERT_TRUE(updated.ok()) << updated.status();
  EXPECT_EQ(updated->education(), common::v1::JUNIOR_COLLEGE);
  EXPECT_TRUE(updated->veteran());
  EXPECT_EQ(updated->findings_size(), 1);
  EXPECT_TRUE(updated->former_auxiliary());  // sent false: an exited person is a former one
  EXPECT_EQ(updated->state(), v1::EXITED);
  EXPECT_EQ(updated->past_periods_size(), exited.past_periods_size());
  google::protobuf::FieldMask other;
  other.add_paths("duty_area");
  auto refused = UpdatedProfile(exited, in, other);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorReason(refused.status()), "PERSON_EXITED");
  EXPECT_THAT(refused.status().message(), HasSubstr("duty_area"));
}

}  // namespace
}  // namespace auxpro::personnel
