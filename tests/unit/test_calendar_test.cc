// The test kit's synthetic calendar years (tests/support/test_calendar.h): test data that keeps
// the tests independent of today's date, never in a preset. The presets refuse a notice whose
// objection period reaches a year they do not list; the kit's policies count it.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "absl/time/clock.h"
#include "libs/common/calendar.h"
#include "libs/common/working_days.h"
#include "services/grading/notice_rules.h"
#include "tests/support/test_calendar.h"

namespace auxpro::testing {
namespace {

TEST(TestCalendar, NoPresetHoldsASyntheticYear) {
  auto presets = policy::PolicySet::LoadEmbedded();
  ASSERT_TRUE(presets.ok()) << presets.status();
  for (const std::string& j : presets->Jurisdictions()) {
    for (const auto& year : presets->Find(j)->working_calendar().years()) {
      EXPECT_NE(year.source(), kSyntheticCalendarSource) << j << " " << year.year();
      EXPECT_FALSE(year.source().empty()) << j << " " << year.year();
    }
  }
}

TEST(TestCalendar, KitPoliciesExtendEachCalendarThroughNextYearKeepingTheListedYears) {
  auto presets = policy::PolicySet::LoadEmbedded();
  auto kit = TestPolicies();
  ASSERT_TRUE(presets.ok() && kit.ok()) << kit.status();
  const int through = DateOf(absl::Now()).year() + 1;
  for (const std::string& j : presets->Jurisdictions()) {
    const auto& listed = presets->Find(j)->working_calendar();
    const auto& extended = kit->Find(j)->working_calendar();
    if (!presets->Find(j)->has_working_calendar()) {
      EXPECT_FALSE(kit->Find(j)->has_working_calendar()) << j;
      continue;
    }
    ASSERT_GE(extended.years_size(), listed.years_size()) << j;
    for (int i = 0; i < listed.years_size(); ++i) {
      EXPECT_EQ(extended.years(i).SerializeAsString(), listed.years(i).SerializeAsString()) << j;
    }
    EXPECT_GE(extended.years(extended.years_size() - 1).year(), through) << j;
    for (int i = listed.years_size(); i < extended.years_size(); ++i) {
      EXPECT_EQ(extended.years(i).source(), kSyntheticCalendarSource) << j;
      EXPECT_TRUE(extended.years(i).holidays().empty()) << j;
    }
  }
}

// Wenjiang's notice published on 28 December of the last year its preset lists: the period
// reaches the next year, so the preset refuses it, as production must; the kit's synthetic year
// counts it.
TEST(TestCalendar, ANoticeReachingAnUnlistedYearIsRefusedByThePresetAndCountedByTheKit) {
  auto presets = policy::PolicySet::LoadEmbedded();
  ASSERT_TRUE(presets.ok());
  policy::v1::Policy wenjiang = *presets->Find("wenjiang");
  const uint32_t days = wenjiang.grading_deadlines().result_notice_working_days();
  ASSERT_GT(days, 0u);
  const auto& years = wenjiang.working_calendar().years();
  ASSERT_FALSE(years.empty());
  const int last = years[years.size() - 1].year();
  const CivilDate late_december{last, 12, 28};
  auto refused = grading::NoticePeriodOf(
      WorkingDayCalendar::FromProto(wenjiang.working_calendar()), late_december, days);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  ExtendWithSyntheticYears(wenjiang, last + 1);
  auto counted = grading::NoticePeriodOf(
      WorkingDayCalendar::FromProto(wenjiang.working_calendar()), late_december, days);
  ASSERT_TRUE(counted.ok()) << counted.status();
  EXPECT_EQ(counted->last_day.year, last + 1);
}

}  // namespace
}  // namespace auxpro::testing
