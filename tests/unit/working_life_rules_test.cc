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
