// services/grading/deadline_rules: deadlines of an application's steps counted in working days
// on the 2025/2026 calendar (tests/support/working_calendar_fixture.h); reminders and escalations
// each due once. The policy is built in code with only the limits a test needs.
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "libs/common/errors.h"
#include "services/grading/deadline_rules.h"
#include "tests/support/working_calendar_fixture.h"

namespace auxpro::grading {
namespace {

using common::v1::ENFORCEMENT_BUREAU;
using common::v1::ESTABLISHMENT_OFFICE;
using common::v1::HR_COMPANY;
using policy::v1::GradingDeadlines;

GradingDeadlines Deadlines() {
  GradingDeadlines d;
  d.mutable_qualification_review()->set_working_days(10);
  d.mutable_qualification_review()->set_reminder_lead_working_days(2);
  d.mutable_evaluation()->set_working_days(5);  // no reminder
  d.mutable_objection_answer()->set_working_days(3);
  d.mutable_objection_answer()->set_reminder_lead_working_days(0);
  d.set_escalation_agency(ESTABLISHMENT_OFFICE);
  return d;
}

StepHold Review(CivilDate since) {
  return {GradingDeadlines::QUALIFICATION_REVIEW, ENFORCEMENT_BUREAU, since};
}

StepDeadline Must(absl::StatusOr<StepDeadline> r) {
  EXPECT_TRUE(r.ok()) << r.status();
  return r.ok() ? *std::move(r) : StepDeadline{};
}

StepDeadline At(const StepHold& hold, CivilDate today, SentMarkers sent = {}) {
  return Must(ReviewStepDeadline(Deadlines(), testing::ChinaWorkingDays(), hold, sent, today));
}

TEST(GradingDeadlineRulesTest, AStepWithoutALimitHasNoDeadline) {
  StepHold filing{GradingDeadlines::FILING, ENFORCEMENT_BUREAU, {2026, 3, 2}};
  StepDeadline d = At(filing, {2026, 11, 30});
  EXPECT_FALSE(d.has_limit);
  EXPECT_FALSE(d.overdue);
  EXPECT_FALSE(d.deadline.has_value());
  EXPECT_TRUE(d.to_send.empty());
  // No policy section at all: the same.
  absl::StatusOr<StepDeadline> none = ReviewStepDeadline(
      GradingDeadlines(), testing::ChinaWorkingDays(), Review({2026, 3, 2}), {}, {2026, 11, 30});
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_FALSE(none->has_limit);
}

TEST(GradingDeadlineRulesTest, DeadlineIsTheLimitThWorkingDayAfterTheDayItArrived) {
  // Monday 2 March + 10 working days (3 March counted first) = Monday 16 March.
  StepDeadline d = At(Review({2026, 3, 2}), {2026, 3, 4});
  ASSERT_TRUE(d.has_limit);
  EXPECT_EQ(d.working_days, 10u);
  EXPECT_EQ(d.deadline, (CivilDate{2026, 3, 16}));
  EXPECT_EQ(d.working_days_used, 2);
  // Reminder 2 working days before: Thursday 12 March.
  EXPECT_EQ(d.reminder_on, (CivilDate{2026, 3, 12}));
  EXPECT_FALSE(d.overdue);
  EXPECT_FALSE(d.reminder_window);
  EXPECT_TRUE(d.to_send.empty());
}

TEST(GradingDeadlineRulesTest, ReminderGoesToTheHolderOnceInItsWindow) {
  EXPECT_TRUE(At(Review({2026, 3, 2}), {2026, 3, 11}).to_send.empty());
  StepDeadline d = At(Review({2026, 3, 2}), {2026, 3, 12});
  EXPECT_TRUE(d.reminder_window);
  ASSERT_EQ(d.to_send.size(), 1u);
  EXPECT_EQ(d.to_send[0].kind, DeadlineNoticeKind::kReminder);
  EXPECT_EQ(d.to_send[0].recipient, ENFORCEMENT_BUREAU);
  EXPECT_EQ(d.to_send[0].hold.step, GradingDeadlines::QUALIFICATION_REVIEW);
  EXPECT_EQ(d.to_send[0].deadline, (CivilDate{2026, 3, 16}));
  // Already sent: not again, neither that day nor on the deadline day.
  EXPECT_TRUE(At(Review({2026, 3, 2}), {2026, 3, 12}, {.reminder = true}).to_send.empty());
  StepDeadline on_deadline = At(Review({2026, 3, 2}), {2026, 3, 16}, {.reminder = true});
  EXPECT_FALSE(on_deadline.overdue);
  EXPECT_TRUE(on_deadline.to_send.empty());
  // Missed (the service was down on the 12th): still sent late in the window.
  EXPECT_EQ(At(Review({2026, 3, 2}), {2026, 3, 14}).to_send.size(), 1u);
}

TEST(GradingDeadlineRulesTest, OverdueFromTheDayAfterTheDeadlineEscalatedOnce) {
  StepDeadline d = At(Review({2026, 3, 2}), {2026, 3, 17}, {.reminder = true});
  EXPECT_TRUE(d.overdue);
  EXPECT_EQ(d.working_days_overdue, 1);
  EXPECT_FALSE(d.reminder_window);
  ASSERT_EQ(d.to_send.size(), 1u);
  EXPECT_EQ(d.to_send[0].kind, DeadlineNoticeKind::kEscalation);
  EXPECT_EQ(d.to_send[0].recipient, ESTABLISHMENT_OFFICE);
  EXPECT_EQ(d.to_send[0].hold.holder, ENFORCEMENT_BUREAU);
  EXPECT_TRUE(At(Review({2026, 3, 2}), {2026, 3, 30}, {.reminder = true, .escalation = true})
                  .to_send.empty());
  // Overdue before any reminder went out: the escalation only, the reminder is moot.
  StepDeadline late = At(Review({2026, 3, 2}), {2026, 3, 20});
  ASSERT_EQ(late.to_send.size(), 1u);
  EXPECT_EQ(late.to_send[0].kind, DeadlineNoticeKind::kEscalation);
  EXPECT_EQ(late.working_days_overdue, 4);
}

TEST(GradingDeadlineRulesTest, FridayDeadlineIsOverdueOnSaturday) {
  // Friday 6 March + 5 working days = Friday 13 March.
  StepHold eval{GradingDeadlines::EVALUATION, ESTABLISHMENT_OFFICE, {2026, 3, 6}};
  EXPECT_FALSE(At(eval, {2026, 3, 13}).overdue);
  StepDeadline d = At(eval, {2026, 3, 14});
  EXPECT_EQ(d.deadline, (CivilDate{2026, 3, 13}));
  EXPECT_TRUE(d.overdue);
  EXPECT_EQ(d.working_days_overdue, 0);
  ASSERT_EQ(d.to_send.size(), 1u);
  EXPECT_EQ(d.to_send[0].kind, DeadlineNoticeKind::kEscalation);
}

TEST(GradingDeadlineRulesTest, SpringFestivalDoesNotCount) {
  // Tuesday 10 February + 10 working days: 11, 12, 13, 14 (Saturday worked), 24-27, 28
  // (Saturday worked), 2 March. Counting 24-hour periods would have said 20 February.
  StepDeadline d = At(Review({2026, 2, 10}), {2026, 2, 23});
  EXPECT_EQ(d.deadline, (CivilDate{2026, 3, 2}));
  EXPECT_EQ(d.working_days_used, 4);
  EXPECT_FALSE(d.overdue);
  EXPECT_EQ(d.reminder_on, (CivilDate{2026, 2, 27}));
  EXPECT_TRUE(At(Review({2026, 2, 10}), {2026, 3, 3}).overdue);
}

TEST(GradingDeadlineRulesTest, NationalDayWeekAndItsMakeUpSaturday) {
  // Monday 28 September + 5: 29, 30, 8 October, 9, 10 (Saturday worked).
  StepHold eval{GradingDeadlines::EVALUATION, ESTABLISHMENT_OFFICE, {2026, 9, 28}};
  StepDeadline d = At(eval, {2026, 10, 7});
  EXPECT_EQ(d.deadline, (CivilDate{2026, 10, 10}));
  EXPECT_FALSE(d.reminder_on.has_value());  // no reminder lead for evaluation
  EXPECT_TRUE(d.to_send.empty());
  EXPECT_FALSE(At(eval, {2026, 10, 10}).overdue);
  StepDeadline sunday = At(eval, {2026, 10, 11});
  EXPECT_TRUE(sunday.overdue);
  EXPECT_EQ(sunday.working_days_overdue, 0);
}

TEST(GradingDeadlineRulesTest, ADeadlineInAYearNotYetListedIsUnknownButNotOverdue) {
  // Monday 21 December + 10 working days reaches 2027, whose schedule is not in the calendar.
  StepDeadline d = At(Review({2026, 12, 21}), {2026, 12, 28});
  ASSERT_TRUE(d.has_limit);
  EXPECT_FALSE(d.deadline.has_value());
  EXPECT_FALSE(d.overdue);
  // The reminder day (the 8th working day, 31 December) is known, and the reminder goes out.
  EXPECT_EQ(d.reminder_on, (CivilDate{2026, 12, 31}));
  StepDeadline eve = At(Review({2026, 12, 21}), {2026, 12, 31});
  ASSERT_EQ(eve.to_send.size(), 1u);
  EXPECT_EQ(eve.to_send[0].kind, DeadlineNoticeKind::kReminder);
  EXPECT_FALSE(eve.to_send[0].deadline.has_value());
  // Today in 2027: refused until the year's schedule is added, never guessed.
  absl::StatusOr<StepDeadline> r = ReviewStepDeadline(Deadlines(), testing::ChinaWorkingDays(),
                                                      Review({2026, 12, 21}), {}, {2027, 1, 4});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), absl::StatusCode::kFailedPrecondition);
  ASSERT_TRUE(ErrorInfoOf(r.status()).has_value());
  EXPECT_EQ(ErrorInfoOf(r.status())->reason, "WORKING_CALENDAR_YEAR_MISSING");
}

TEST(GradingDeadlineRulesTest, ReminderLeadZeroRemindsOnTheDeadlineDay) {
  // An objection recorded on Monday 2 March: answer within 3 working days, by Thursday 5 March.
  StepHold answer{GradingDeadlines::OBJECTION_ANSWER, ESTABLISHMENT_OFFICE, {2026, 3, 2}};
  EXPECT_TRUE(At(answer, {2026, 3, 4}).to_send.empty());
  StepDeadline d = At(answer, {2026, 3, 5});
  EXPECT_EQ(d.reminder_on, (CivilDate{2026, 3, 5}));
  ASSERT_EQ(d.to_send.size(), 1u);
  EXPECT_EQ(d.to_send[0].recipient, ESTABLISHMENT_OFFICE);
}

TEST(GradingDeadlineRulesTest, LimitOfEachStepIsItsOwnField) {
  GradingDeadlines d;
  d.mutable_resubmission()->set_working_days(1);
  d.mutable_qualification_review()->set_working_days(2);
  d.mutable_evaluation()->set_working_days(3);
  d.mutable_filing()->set_working_days(4);
  d.mutable_notice_publication()->set_working_days(5);
  d.mutable_objection_answer()->set_working_days(6);
  const std::vector<DeadlineStep> steps = {
      GradingDeadlines::RESUBMISSION,       GradingDeadlines::QUALIFICATION_REVIEW,
      GradingDeadlines::EVALUATION,         GradingDeadlines::FILING,
      GradingDeadlines::NOTICE_PUBLICATION, GradingDeadlines::OBJECTION_ANSWER};
  for (size_t i = 0; i < steps.size(); ++i) {
    const GradingDeadlines::StepLimit* limit = LimitOf(d, steps[i]);
    ASSERT_NE(limit, nullptr) << i;
    EXPECT_EQ(limit->working_days(), i + 1);
  }
  EXPECT_EQ(LimitOf(d, GradingDeadlines::STEP_UNSPECIFIED), nullptr);
  EXPECT_EQ(LimitOf(GradingDeadlines(), GradingDeadlines::EVALUATION), nullptr);
}

TEST(GradingDeadlineRulesTest, BadHoldsAreInvalid) {
  const auto& cal = testing::ChinaWorkingDays();
  auto code = [&](StepHold hold, CivilDate today) {
    return ReviewStepDeadline(Deadlines(), cal, hold, {}, today).status().code();
  };
  EXPECT_EQ(
      code({GradingDeadlines::STEP_UNSPECIFIED, ENFORCEMENT_BUREAU, {2026, 3, 2}}, {2026, 3, 3}),
      absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(code({GradingDeadlines::EVALUATION, common::v1::AGENCY_KIND_UNSPECIFIED, {2026, 3, 2}},
                 {2026, 3, 3}),
            absl::StatusCode::kInvalidArgument);
  absl::Status future =
      ReviewStepDeadline(Deadlines(), cal, Review({2026, 3, 5}), {}, {2026, 3, 3}).status();
  EXPECT_EQ(future.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(future.message().find("hold.since"), absl::string_view::npos) << future;
}

TEST(GradingDeadlineRulesTest, OverdueStepsListsEachAgencysOwn) {
  // A level-5 evaluation is held by the bureau and the HR company each; here the bureau has
  // already approved, so only the HR company's hold is open.
  const std::vector<OpenStep> open = {
      {"jurisdictions/w/applications/a1", Review({2026, 3, 2})},  // due 16 March
      {"jurisdictions/w/applications/a2",
       {GradingDeadlines::EVALUATION, HR_COMPANY, {2026, 3, 6}}},  // due 13 March
      {"jurisdictions/w/applications/a3",
       {GradingDeadlines::EVALUATION, ESTABLISHMENT_OFFICE, {2026, 3, 16}}},  // due 23 March
      {"jurisdictions/w/applications/a4",
       {GradingDeadlines::FILING, ENFORCEMENT_BUREAU, {2026, 1, 5}}},  // no limit
  };
  const auto& cal = testing::ChinaWorkingDays();
  absl::StatusOr<std::vector<OverdueStep>> all =
      OverdueSteps(Deadlines(), cal, open, common::v1::AGENCY_KIND_UNSPECIFIED, {2026, 3, 17});
  ASSERT_TRUE(all.ok()) << all.status();
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].application, "jurisdictions/w/applications/a1");
  EXPECT_EQ((*all)[0].deadline, (CivilDate{2026, 3, 16}));
  EXPECT_EQ((*all)[0].working_days_overdue, 1);
  EXPECT_EQ((*all)[1].application, "jurisdictions/w/applications/a2");
  EXPECT_EQ((*all)[1].working_days_overdue, 2);

  absl::StatusOr<std::vector<OverdueStep>> hr =
      OverdueSteps(Deadlines(), cal, open, HR_COMPANY, {2026, 3, 17});
  ASSERT_TRUE(hr.ok()) << hr.status();
  ASSERT_EQ(hr->size(), 1u);
  EXPECT_EQ((*hr)[0].hold.holder, HR_COMPANY);

  absl::StatusOr<std::vector<OverdueStep>> office =
      OverdueSteps(Deadlines(), cal, open, ESTABLISHMENT_OFFICE, {2026, 3, 17});
  ASSERT_TRUE(office.ok()) << office.status();
  EXPECT_TRUE(office->empty());
}

}  // namespace
}  // namespace auxpro::grading
