// The performance-pay sheet rules of longquan art. 17 (deductions at the policy's amounts, the
// year-end coefficients 1.2 / 1.0 / 0.8, no year-end bonus for a contract ended within its first
// year with probation not counted, a newcomer's first year by the month), and the publication
// period of longquan art. 13(4) (the regulation names no length: the bureau states the end).

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "libs/policy/testing/policy_test_util.h"
#include "libs/common/errors.h"
#include "services/assessment/pay_rules.h"
#include "services/assessment/publication_rules.h"

namespace auxpro::assessment {
namespace {

using policy::testutil::Preset;
using ::testing::HasSubstr;

v1::DailyRecord Record(const std::string& name, v1::DailyRecordKind kind, CivilDate date,
                       double days = 0, int64_t deduction_fen = 0) {
  v1::DailyRecord r;
  r.set_name(name);
  r.set_kind(kind);
  *r.mutable_date() = ToProto(date);
  r.set_days(days);
  r.set_deduction_fen(deduction_fen);
  return r;
}

v1::LeaveRequest Leave(const std::string& name, v1::LeaveKind kind, CivilDate start, CivilDate end,
                       v1::LeaveRequest::State state) {
  v1::LeaveRequest l;
  l.set_name(name);
  l.set_kind(kind);
  *l.mutable_start_date() = ToProto(start);
  *l.mutable_end_date() = ToProto(end);
  l.set_state(state);
  return l;
}

v1::AnnualRating Final(const std::string& grade) {
  v1::AnnualRating r;
  r.set_name("jurisdictions/longquan/annualRatings/y-1");
  r.set_grade(grade);
  r.set_state(v1::FINAL);
  return r;
}

const PayPolicy& Longquan() { return Preset("longquan").assessment().performance_pay(); }

TEST(PerformancePayLongquanArt17, DeductionsAtThePolicysAmountsEachWithItsRecord) {
  std::vector<v1::DailyRecord> records = {
      Record("absence", v1::UNEXCUSED_ABSENCE, {2025, 3, 4}, 2),      // 100 元/天
      Record("slack", v1::SLACKING, {2025, 3, 5}),                     // 100 元/次
      Record("breach", v1::WORK_DISCIPLINE_BREACH, {2025, 3, 6}),      // 50 元以上/次
      Record("breach80", v1::WORK_DISCIPLINE_BREACH, {2025, 3, 7}, 0, 8000),
      Record("roll", v1::LATENESS, {2025, 3, 8})};                     // no amount in art. 17
  std::vector<v1::LeaveRequest> leaves = {
      // 事假 30 元/天: 3 days in March of a leave 30 March - 2 April.
      Leave("personal", v1::PERSONAL, {2025, 3, 30}, {2025, 4, 2}, v1::LeaveRequest::APPROVED),
      Leave("sick", v1::SICK, {2025, 3, 10}, {2025, 3, 12}, v1::LeaveRequest::APPROVED),
      Leave("rejected", v1::PERSONAL, {2025, 3, 10}, {2025, 3, 12}, v1::LeaveRequest::REJECTED)};
  auto d = MonthDeductions(Longquan(), records, leaves, 2025, 3);
  ASSERT_EQ(d.size(), 5u);
  EXPECT_EQ(d[0].record(), "absence");
  EXPECT_EQ(d[0].amount_fen(), 20000);
  EXPECT_EQ(d[0].article(), "longquan art. 17(2)2(1)");
  EXPECT_EQ(d[1].amount_fen(), 10000);
  EXPECT_EQ(d[2].amount_fen(), 5000);
  EXPECT_EQ(d[3].amount_fen(), 8000);
  EXPECT_EQ(d[4].record(), "personal");
  EXPECT_EQ(d[4].record_kind(), "PERSONAL_LEAVE");
  EXPECT_EQ(d[4].quantity(), 2);  // 30 and 31 March
  EXPECT_EQ(d[4].amount_fen(), 6000);
  auto april = MonthDeductions(Longquan(), {}, leaves, 2025, 4);
  ASSERT_EQ(april.size(), 1u);
  EXPECT_EQ(april[0].amount_fen(), 6000);  // 1 and 2 April
}

TEST(PerformancePayLongquanArt17, AnEarlyReturnEndsThePersonalLeave) {
  auto l = Leave("p", v1::PERSONAL, {2025, 3, 3}, {2025, 3, 7}, v1::LeaveRequest::RETURNED);
  *l.mutable_return_date() = ToProto(CivilDate{2025, 3, 5});
  EXPECT_EQ(LeaveDaysWithin(l, {2025, 3, 1}, {2025, 3, 31}), 2);
}

TEST(PerformancePayLongquanArt17, AStatedDeductionBelowTheMinimumIsRefused) {
  const auto& policy = Preset("longquan").assessment();
  auto low = Record("b", v1::WORK_DISCIPLINE_BREACH, {2025, 3, 6}, 0, 4000);
  absl::Status s = CheckRecordDeduction(policy, low);
  EXPECT_EQ(s.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ErrorInfoOf(s)->reason, "DEDUCTION_BELOW_MINIMUM");
  EXPECT_THAT(s.message(), HasSubstr("at least 5000 fen"));
  EXPECT_TRUE(CheckRecordDeduction(policy, Record("b", v1::WORK_DISCIPLINE_BREACH, {2025, 3, 6}, 0,
                                                  5000))
                  .ok());
  // A fixed amount cannot be changed by the record.
  EXPECT_EQ(CheckRecordDeduction(policy, Record("a", v1::SLACKING, {2025, 3, 6}, 0, 20000)).code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(PerformancePayLongquanArt17, YearEndCoefficientsOfTheGrades) {
  const CivilDate start{2023, 4, 1};
  EXPECT_DOUBLE_EQ(YearEndOf(Longquan(), 2025, Final("EXCELLENT"), start, {}).coefficient(), 1.2);
  EXPECT_DOUBLE_EQ(YearEndOf(Longquan(), 2025, Final("GOOD"), start, {}).coefficient(), 1.0);
  EXPECT_DOUBLE_EQ(YearEndOf(Longquan(), 2025, Final("FAIR"), start, {}).coefficient(), 0.8);
  auto y = YearEndOf(Longquan(), 2025, Final("GOOD"), start, {});
  EXPECT_TRUE(y.eligible());
  EXPECT_EQ(y.months(), 12);
  // Not final yet: no coefficient.
  v1::AnnualRating proposed = Final("EXCELLENT");
  proposed.set_state(v1::PROPOSED);
  auto p = YearEndOf(Longquan(), 2025, proposed, start, {});
  EXPECT_FALSE(p.eligible());
  EXPECT_EQ(p.coefficient(), 0);
}

TEST(PerformancePayLongquanArt17, NoYearEndBonusWhenTheContractEndedWithinItsFirstYear) {
  // Hired 1 Jan 2025, 3 months' probation: the contract runs from 1 April. Ended 1 Dec 2025: 8
  // months of contract (the probation is not counted), so no bonus although 11 months served.
  auto y = YearEndOf(Longquan(), 2025, Final("EXCELLENT"), CivilDate{2025, 4, 1},
                     CivilDate{2025, 12, 1});
  EXPECT_FALSE(y.eligible());
  EXPECT_THAT(y.reason(), HasSubstr("less than 12 (probation not counted)"));
  // A contract of a full year that then ended keeps the bonus: its end is its last day, so 1 June
  // 2024 to 31 May 2025 is a whole year, and a day less is not.
  EXPECT_TRUE(YearEndOf(Longquan(), 2025, Final("GOOD"), CivilDate{2024, 6, 1},
                        CivilDate{2025, 5, 31})
                  .eligible());
  EXPECT_FALSE(YearEndOf(Longquan(), 2025, Final("GOOD"), CivilDate{2024, 6, 2},
                         CivilDate{2025, 5, 31})
                   .eligible());
  // Still in probation: no contract yet.
  EXPECT_FALSE(YearEndOf(Longquan(), 2025, Final("GOOD"), std::nullopt, std::nullopt).eligible());
}

TEST(PerformancePayLongquanArt17, ANewcomersFirstYearIsPaidByTheMonthFromTheContractMonth) {
  auto y = YearEndOf(Longquan(), 2025, Final("GOOD"), CivilDate{2025, 4, 1}, std::nullopt);
  EXPECT_TRUE(y.eligible());
  EXPECT_EQ(y.months(), 9);  // April to December
}

namespace pv1 = ::auxpro::personnel::v1;

pv1::Person Hired(CivilDate hire, CivilDate probation_end) {
  pv1::Person p;
  p.set_name("jurisdictions/longquan/persons/p1");
  p.set_state(pv1::ACTIVE);
  *p.mutable_hire_date() = ToProto(hire);
  *p.mutable_probation_end_date() = ToProto(probation_end);
  return p;
}

pv1::LabourContract Contract(const std::string& id, CivilDate start, CivilDate end, bool renewal,
                             bool ended = false) {
  pv1::LabourContract c;
  c.set_name("jurisdictions/longquan/persons/p1/labourContracts/" + id);
  *c.mutable_start_date() = ToProto(start);
  *c.mutable_end_date() = ToProto(end);
  c.set_renewal(renewal);
  c.set_state(ended ? pv1::LabourContract::ENDED : pv1::LabourContract::IN_FORCE);
  return c;
}

TEST(PerformancePayLongquanArt17, ContractOfTheYearIsTheRealContractNotTheProbationEnd) {
  const pv1::Person p = Hired({2024, 1, 1}, {2024, 4, 1});
  // Signed on 1 May 2024, a month after probation ended: the contract counts from 1 May.
  ContractSpan span = ContractOfYear(p, {Contract("c1", {2024, 5, 1}, {2027, 4, 30}, false)}, 2025);
  ASSERT_TRUE(span.start.has_value());
  EXPECT_EQ(*span.start, (CivilDate{2024, 5, 1}));
  EXPECT_FALSE(span.end.has_value());
  EXPECT_THAT(span.contract, HasSubstr("labourContracts/c1"));
  // No contract at all (still waiting for one): none begun, whatever the probation end says.
  EXPECT_FALSE(ContractOfYear(p, {}, 2025).start.has_value());
  // A contract signed only next year has not begun in this one.
  EXPECT_FALSE(
      ContractOfYear(p, {Contract("c1", {2026, 1, 5}, {2027, 1, 4}, false)}, 2025).start);
}

TEST(PerformancePayLongquanArt17, ContractSignedWithinProbationCountsFromTheProbationEnd) {
  const pv1::Person p = Hired({2025, 1, 1}, {2025, 4, 1});
  ContractSpan span =
      ContractOfYear(p, {Contract("c1", {2025, 1, 1}, {2027, 12, 31}, false)}, 2025);
  EXPECT_EQ(*span.start, (CivilDate{2025, 4, 1}));  // 不含试用期
}

TEST(PerformancePayLongquanArt17, RenewalsContinueTheFirstContractAndAnEndedOneEndsTheSpan) {
  const pv1::Person p = Hired({2023, 1, 1}, {2023, 4, 1});
  // Two one-year contracts, the second a renewal, ended early on 1 March 2025.
  ContractSpan span =
      ContractOfYear(p,
                     {Contract("c2", {2024, 4, 1}, {2025, 3, 31}, true, /*ended=*/true),
                      Contract("c1", {2023, 4, 1}, {2024, 3, 31}, false)},
                     2025);
  EXPECT_EQ(*span.start, (CivilDate{2023, 4, 1}));
  ASSERT_TRUE(span.end.has_value());
  EXPECT_EQ(*span.end, (CivilDate{2025, 3, 31}));
  EXPECT_THAT(span.contract, HasSubstr("c2"));
  EXPECT_TRUE(YearEndOf(Longquan(), 2025, Final("GOOD"), span.start, span.end).eligible());
  // Ended after 8 months of its first contract: no year-end bonus.
  span = ContractOfYear(p, {Contract("c1", {2023, 4, 1}, {2023, 11, 30}, false, true)}, 2023);
  EXPECT_FALSE(YearEndOf(Longquan(), 2023, Final("GOOD"), span.start, span.end).eligible());
}

TEST(PerformancePayLongquanArt17, AOneYearContractThatRanItsTermIsAWholeYear) {
  const pv1::Person p = Hired({2024, 1, 1}, {2024, 4, 1});
  // 1 April 2024 to 31 March 2025, not renewed: the term ran out in 2025 and nothing follows.
  ContractSpan span =
      ContractOfYear(p, {Contract("c1", {2024, 4, 1}, {2025, 3, 31}, false)}, 2025);
  ASSERT_TRUE(span.end.has_value());
  EXPECT_EQ(*span.end, (CivilDate{2025, 3, 31}));
  EXPECT_TRUE(YearEndOf(Longquan(), 2025, Final("GOOD"), span.start, span.end).eligible());
  // A half-year contract whose term ran out with nothing after it ended the relation early.
  span = ContractOfYear(p, {Contract("c1", {2024, 4, 1}, {2024, 9, 30}, false)}, 2024);
  EXPECT_EQ(*span.end, (CivilDate{2024, 9, 30}));
  EXPECT_FALSE(YearEndOf(Longquan(), 2024, Final("GOOD"), span.start, span.end).eligible());
  // The same contract renewed from next January: the relation runs on.
  span = ContractOfYear(p,
                        {Contract("c1", {2024, 4, 1}, {2024, 12, 31}, false),
                         Contract("c2", {2025, 1, 1}, {2027, 12, 31}, true)},
                        2024);
  EXPECT_FALSE(span.end.has_value());
  EXPECT_TRUE(YearEndOf(Longquan(), 2024, Final("GOOD"), span.start, span.end).eligible());
}

TEST(PerformancePayLongquanArt17, AContractOfAnEarlierPeriodLeavesOutThatPeriodsProbation) {
  // Re-hired in 2025; the earlier period ran from 1 Jan 2023 (probation to 1 April) to an exit on
  // 31 Oct 2023, its contract back-dated to the hire.
  pv1::Person p = Hired({2025, 3, 1}, {2025, 6, 1});
  pv1::EmploymentPeriod* past = p.add_past_periods();
  *past->mutable_hire_date() = ToProto(CivilDate{2023, 1, 1});
  *past->mutable_probation_end_date() = ToProto(CivilDate{2023, 4, 1});
  *past->mutable_exit_date() = ToProto(CivilDate{2023, 10, 31});
  ContractSpan span =
      ContractOfYear(p, {Contract("c1", {2023, 1, 1}, {2025, 12, 31}, false)}, 2023);
  EXPECT_EQ(*span.start, (CivilDate{2023, 4, 1}));
  ASSERT_TRUE(span.end.has_value());
  EXPECT_EQ(*span.end, (CivilDate{2023, 10, 31}));  // the period's exit
  EXPECT_FALSE(YearEndOf(Longquan(), 2023, Final("GOOD"), span.start, span.end).eligible());
}

TEST(PerformancePay, TemplateAndShanxiSetNoAmounts) {
  // template art. 13 leaves every amount blank (X元); shanxi art. 22 names none.
  EXPECT_FALSE(Preset("template").assessment().has_performance_pay());
  EXPECT_FALSE(Preset("shanxi").assessment().has_performance_pay());
  EXPECT_EQ(Longquan().sheet_due_day(), 25u);  // art. 17(2) 每月25日前
}

TEST(PublicationLongquanArt13_4, NoLengthInTheRegulationSoTheBureauStatesTheEnd) {
  const auto& policy = Preset("longquan").assessment();
  EXPECT_EQ(policy.publication().article(), "longquan art. 13(4)");
  EXPECT_EQ(policy.publication().period_length(), 0u);
  WorkingDayCalendar none;
  auto missing = PeriodOf(policy, none, {2025, 3, 3}, std::nullopt);
  EXPECT_EQ(missing.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(missing.status().message(), HasSubstr("publication.end_date"));
  auto past = PeriodOf(policy, none, {2025, 3, 3}, CivilDate{2025, 3, 2});
  EXPECT_EQ(past.status().code(), absl::StatusCode::kInvalidArgument);
  auto ok = PeriodOf(policy, none, {2025, 3, 3}, CivilDate{2025, 3, 10});
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok->end, (CivilDate{2025, 3, 10}));
  EXPECT_THAT(ok->basis, HasSubstr("stated by the bureau"));
  EXPECT_TRUE(InPeriod(ok->start, ok->end, {2025, 3, 10}));
  EXPECT_FALSE(InPeriod(ok->start, ok->end, {2025, 3, 11}));
}

TEST(PublicationLongquanArt13_4, APolicyLengthInDaysOrWorkingDaysFixesTheEnd) {
  auto policy = Preset("longquan").assessment();
  policy.mutable_publication()->set_period_length(5);
  policy.mutable_publication()->set_period_unit(
      policy::v1::Assessment::ResultPublication::CALENDAR_DAYS);
  WorkingDayCalendar none;
  auto days = PeriodOf(policy, none, {2025, 3, 7}, CivilDate{2025, 3, 8});
  ASSERT_TRUE(days.ok());
  EXPECT_EQ(days->end, (CivilDate{2025, 3, 12}));  // the bureau's date is not used
  policy.mutable_publication()->set_period_unit(
      policy::v1::Assessment::ResultPublication::WORKING_DAYS);
  // Without the year in the working calendar the end is refused, never guessed.
  EXPECT_EQ(PeriodOf(policy, none, {2025, 3, 7}, std::nullopt).status().code(),
            absl::StatusCode::kFailedPrecondition);
  policy::v1::WorkingCalendar cal;
  cal.add_weekend_days(policy::v1::WorkingCalendar::SATURDAY);
  cal.add_weekend_days(policy::v1::WorkingCalendar::SUNDAY);
  auto* year = cal.add_years();
  year->set_year(2025);
  auto working = PeriodOf(policy, WorkingDayCalendar::FromProto(cal), {2025, 3, 7}, std::nullopt);
  ASSERT_TRUE(working.ok()) << working.status();
  EXPECT_EQ(working->end, (CivilDate{2025, 3, 14}));  // Friday + 5 working days
}

}  // namespace
}  // namespace auxpro::assessment
