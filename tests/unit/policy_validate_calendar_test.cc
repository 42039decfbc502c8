#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "libs/common/calendar.h"
#include "libs/policy/testing/validate_policy_test.h"
#include "libs/policy/validate_policy.h"

// validate_calendar.cc: working_calendar and grading_deadlines. The wenjiang preset lists 2025
// (years[0]) and 2026 (years[1]); 2026's holidays are 元旦, 春节, 清明节, 劳动节, 端午节, 中秋节,
// 国庆节 (holidays[0..6]) and its make-up working days 01-04, 02-14, 02-28, 05-09, 09-20, 10-10.

namespace auxpro::policy::testutil {
namespace {

using auxpro::policy::v1::WorkingCalendar;

auxpro::policy::v1::CalendarYear& Year2026(P& p) {
  return *p.mutable_working_calendar()->mutable_years(1);
}

void SetDate(auxpro::common::v1::Date* d, int year, int month, int day) {
  *d = ToProto(CivilDate{year, month, day});
}

std::vector<BreakCase> CalendarCases() {
  return {
      {"weekend_duplicate",
       [](P& p) { p.mutable_working_calendar()->set_weekend_days(1, WorkingCalendar::SATURDAY); },
       "working_calendar.weekend_days[1]: duplicate SATURDAY", true},
      {"weekend_unset",
       [](P& p) {
         p.mutable_working_calendar()->set_weekend_days(0,
                                                        WorkingCalendar::DAY_OF_WEEK_UNSPECIFIED);
       },
       "working_calendar.weekend_days[0]: must be set", true},
      {"weekend_whole_week",
       [](P& p) {
         for (auto day :
              {WorkingCalendar::MONDAY, WorkingCalendar::TUESDAY, WorkingCalendar::WEDNESDAY,
               WorkingCalendar::THURSDAY, WorkingCalendar::FRIDAY}) {
           p.mutable_working_calendar()->add_weekend_days(day);
         }
       },
       "working_calendar.weekend_days: must leave at least one working day in the week"},
      {"years_empty", [](P& p) { p.mutable_working_calendar()->clear_years(); },
       "working_calendar.years: must not be empty"},
      {"year_out_of_range",
       [](P& p) { p.mutable_working_calendar()->mutable_years(0)->set_year(0); },
       "working_calendar.years[0].year: must be between 1000 and 9999, got 0"},
      {"years_unsorted",
       [](P& p) { p.mutable_working_calendar()->mutable_years()->SwapElements(0, 1); },
       "working_calendar.years[1].year: 2025 is not after 2026 (years[0]): years must be in "
       "ascending order, each once",
       true},
      {"year_twice", [](P& p) { Year2026(p).set_year(2025); },
       "working_calendar.years[1].year: 2025 is not after 2025 (years[0]): years must be in "
       "ascending order, each once",
       true},
      {"source_missing", [](P& p) { Year2026(p).clear_source(); },
       "working_calendar.years[1].source: must be set"},
      {"holiday_name_missing", [](P& p) { Year2026(p).mutable_holidays(0)->clear_name(); },
       "working_calendar.years[1].holidays[0].name: must be set"},
      {"holiday_not_a_date",
       [](P& p) { Year2026(p).mutable_holidays(1)->mutable_first()->set_day(30); },
       "working_calendar.years[1].holidays[1].first: must be a calendar date, got 2026-2-30"},
      {"holiday_reversed",
       [](P& p) { SetDate(Year2026(p).mutable_holidays(1)->mutable_last(), 2026, 2, 10); },
       "working_calendar.years[1].holidays[1].last: 2026-02-10 is before first (2026-02-15)"},
      {"holiday_far_from_its_year",
       [](P& p) { SetDate(Year2026(p).mutable_holidays(0)->mutable_first(), 2024, 12, 31); },
       "working_calendar.years[1].holidays[0].first: 2024-12-31 is not in 2026 or an adjacent "
       "year"},
      {"holiday_holds_no_day_of_its_year",
       [](P& p) {
         SetDate(Year2026(p).mutable_holidays(6)->mutable_first(), 2027, 1, 1);
         SetDate(Year2026(p).mutable_holidays(6)->mutable_last(), 2027, 1, 2);
       },
       "working_calendar.years[1].holidays[6]: holds no day of 2026"},
      {"holidays_unsorted", [](P& p) { Year2026(p).mutable_holidays()->SwapElements(0, 1); },
       "working_calendar.years[1].holidays[1].first: 2026-01-01 is not after the end of \"春节\" "
       "(2026-02-15 to 2026-02-23): holiday periods must be in date order and not overlap",
       true},
      {"holidays_overlap",
       [](P& p) { SetDate(Year2026(p).mutable_holidays(2)->mutable_first(), 2026, 2, 23); },
       "working_calendar.years[1].holidays[2].first: 2026-02-23 is not after the end of \"春节\" "
       "(2026-02-15 to 2026-02-23): holiday periods must be in date order and not overlap",
       true},
      {"holiday_on_a_make_up_day",
       [](P& p) { SetDate(Year2026(p).mutable_make_up_working_days(1), 2026, 2, 15); },
       "working_calendar.years[1].make_up_working_days[1]: 2026-02-15 is a day off of \"春节\" "
       "(2026-02-15 to 2026-02-23): a day cannot be both"},
      {"make_up_day_on_a_weekday",
       [](P& p) { SetDate(Year2026(p).mutable_make_up_working_days(1), 2026, 2, 13); },
       "working_calendar.years[1].make_up_working_days[1]: 2026-02-13 is a FRIDAY, not a weekend "
       "day: a make-up working day is a weekend day worked"},
      {"make_up_days_unsorted",
       [](P& p) { Year2026(p).mutable_make_up_working_days()->SwapElements(0, 1); },
       "working_calendar.years[1].make_up_working_days[1]: 2026-01-04 is not after 2026-02-14: "
       "make-up working days must be in ascending order, each once"},
      {"make_up_day_twice",
       [](P& p) { SetDate(Year2026(p).mutable_make_up_working_days(1), 2026, 1, 4); },
       "working_calendar.years[1].make_up_working_days[1]: 2026-01-04 is not after 2026-01-04: "
       "make-up working days must be in ascending order, each once"},
      {"make_up_day_not_a_date",
       [](P& p) { Year2026(p).mutable_make_up_working_days(5)->set_month(13); },
       "working_calendar.years[1].make_up_working_days[5]: must be a calendar date, got "
       "2026-13-10"},
  };
}

std::vector<BreakCase> DeadlineCases() {
  return {
      {"step_without_days",
       [](P& p) {
         p.mutable_grading_deadlines()->mutable_qualification_review()->set_working_days(0);
       },
       "grading_deadlines.qualification_review.working_days: must be between 1 and 250, got 0"},
      {"reminder_not_before_deadline",
       [](P& p) {
         p.mutable_grading_deadlines()->mutable_evaluation()->set_reminder_lead_working_days(20);
       },
       "grading_deadlines.evaluation.reminder_lead_working_days: must be below working_days "
       "(20), got 20"},
      {"escalation_unset", [](P& p) { p.mutable_grading_deadlines()->clear_escalation_agency(); },
       "grading_deadlines.escalation_agency: must be set"},
      {"escalation_to_the_public",
       [](P& p) { p.mutable_grading_deadlines()->set_escalation_agency(common::v1::PUBLIC); },
       "grading_deadlines.escalation_agency: must be an agency that takes part in grading "
       "(ESTABLISHMENT_OFFICE, ENFORCEMENT_BUREAU or HR_COMPANY), got PUBLIC"},
      {"notice_period_too_long",
       [](P& p) { p.mutable_grading_deadlines()->set_result_notice_working_days(251); },
       "grading_deadlines.result_notice_working_days: must be between 0 and 250, got 251"},
      {"deadlines_without_calendar", [](P& p) { p.clear_working_calendar(); },
       "grading_deadlines: needs working_calendar: its time limits count working days on it"},
  };
}

INSTANTIATE_TEST_SUITE_P(WorkingCalendar, ValidatePolicyTest, ::testing::ValuesIn(CalendarCases()),
                         BreakCaseName);
INSTANTIATE_TEST_SUITE_P(GradingDeadlines, ValidatePolicyTest, ::testing::ValuesIn(DeadlineCases()),
                         BreakCaseName);

TEST(ValidateCalendarTest, BothSectionsAreOptional) {
  P p = Preset("wenjiang");
  p.clear_working_calendar();
  p.clear_grading_deadlines();
  EXPECT_TRUE(ValidatePolicy(p).ok()) << ValidatePolicy(p);
}

TEST(ValidateCalendarTest, EveryPresetListsTheNationalScheduleOf2025And2026) {
  for (const std::string& j : Presets().Jurisdictions()) {
    const P& p = Preset(j);
    ASSERT_TRUE(p.has_working_calendar()) << j;
    ASSERT_EQ(p.working_calendar().years_size(), 2) << j;
    EXPECT_EQ(p.working_calendar().years(0).year(), 2025) << j;
    EXPECT_EQ(p.working_calendar().years(1).year(), 2026) << j;
    EXPECT_EQ(p.working_calendar().years(1).holidays_size(), 7) << j;
    EXPECT_EQ(p.working_calendar().years(1).make_up_working_days_size(), 6) << j;
  }
  // Only the demo district sets time limits (no seed does).
  EXPECT_TRUE(Preset("wenjiang").has_grading_deadlines());
  EXPECT_FALSE(Preset("haimen").has_grading_deadlines());
}

}  // namespace
}  // namespace auxpro::policy::testutil
