// libs/common/working_days: the working-day calendar and its counting convention (the day of the
// event not counted), on the State Council's 2025 and 2026 schedules built in code
// (tests/support/working_calendar_fixture.h), so the tests do not depend on the preset files.
#include "libs/common/working_days.h"

#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "libs/common/errors.h"
#include "tests/support/working_calendar_fixture.h"

namespace auxpro {
namespace {

using policy::v1::WorkingCalendar;

using testing::AddCalendarYear;
using testing::China2025And2026;

class WorkingDaysTest : public ::testing::Test {
 protected:
  bool Working(CivilDate d) const {
    absl::StatusOr<bool> w = IsWorkingDay(calendar_, d);
    EXPECT_TRUE(w.ok()) << FormatDate(d) << ": " << w.status();
    return w.ok() && *w;
  }
  CivilDate Add(CivilDate d, int n) const {
    absl::StatusOr<CivilDate> r = AddWorkingDays(calendar_, d, n);
    EXPECT_TRUE(r.ok()) << FormatDate(d) << " + " << n << ": " << r.status();
    return r.ok() ? *r : CivilDate{};
  }
  int Between(CivilDate a, CivilDate b) const {
    absl::StatusOr<int> r = WorkingDaysBetween(calendar_, a, b);
    EXPECT_TRUE(r.ok()) << FormatDate(a) << " .. " << FormatDate(b) << ": " << r.status();
    return r.ok() ? *r : -999;
  }

  WorkingDayCalendar calendar_ = WorkingDayCalendar::FromProto(China2025And2026());
};

// The reason and year a refusal for a missing year carries.
void ExpectYearMissing(const absl::Status& status, int year) {
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << status;
  std::optional<ErrorInfo> info = ErrorInfoOf(status);
  ASSERT_TRUE(info.has_value()) << status;
  EXPECT_EQ(info->reason, "WORKING_CALENDAR_YEAR_MISSING");
  EXPECT_EQ(info->metadata["year"], std::to_string(year));
  EXPECT_NE(status.message().find(std::to_string(year)), absl::string_view::npos) << status;
}

TEST(IsoWeekdayTest, CountsFromMonday) {
  EXPECT_EQ(IsoWeekday({1970, 1, 1}), 4);
  EXPECT_EQ(IsoWeekday({2026, 12, 2}), 3);
  EXPECT_EQ(IsoWeekday({2026, 2, 14}), 6);
  EXPECT_EQ(IsoWeekday({2026, 2, 15}), 7);
  EXPECT_EQ(IsoWeekday({2026, 2, 16}), 1);
  EXPECT_EQ(IsoWeekday({1969, 12, 31}), 3);
}

TEST_F(WorkingDaysTest, OrdinaryWeekHasFiveWorkingDays) {
  EXPECT_TRUE(Working({2026, 3, 2}));   // Monday
  EXPECT_TRUE(Working({2026, 3, 6}));   // Friday
  EXPECT_FALSE(Working({2026, 3, 7}));  // Saturday
  EXPECT_FALSE(Working({2026, 3, 8}));  // Sunday
  EXPECT_EQ(Between({2026, 3, 1}, {2026, 3, 8}), 5);
  // Friday + 1 working day is Monday, not Saturday.
  EXPECT_EQ(Add({2026, 3, 6}, 1), (CivilDate{2026, 3, 9}));
}

TEST_F(WorkingDaysTest, SpringFestival2026WithItsMakeUpSaturdays) {
  // 2月15日至23日放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
  EXPECT_TRUE(Working({2026, 2, 13}));
  EXPECT_TRUE(Working({2026, 2, 14}));  // Saturday, worked
  for (int day = 15; day <= 23; ++day) {
    EXPECT_FALSE(Working({2026, 2, day})) << day;
  }
  EXPECT_TRUE(Working({2026, 2, 24}));
  EXPECT_TRUE(Working({2026, 2, 28}));  // Saturday, worked
  EXPECT_FALSE(Working({2026, 3, 1}));  // Sunday
  // A step that reaches its holder on Thursday 12 February with 5 working days: 13, 14 (the
  // Saturday worked), then 24, 25, 26 after the holiday.
  EXPECT_EQ(Add({2026, 2, 12}, 5), (CivilDate{2026, 2, 26}));
  EXPECT_EQ(Add({2026, 2, 13}, 1), (CivilDate{2026, 2, 14}));
  EXPECT_EQ(Add({2026, 2, 14}, 1), (CivilDate{2026, 2, 24}));
  // From inside the holiday: the first working day after it.
  EXPECT_EQ(Add({2026, 2, 17}, 1), (CivilDate{2026, 2, 24}));
  EXPECT_EQ(Between({2026, 2, 13}, {2026, 2, 28}), 6);
  // 24 hours would not do: nine calendar days off count no working day.
  EXPECT_EQ(Between({2026, 2, 14}, {2026, 2, 23}), 0);
}

TEST_F(WorkingDaysTest, NationalDayWeek2026) {
  // 中秋节 9月25日至27日; 国庆节 10月1日至7日放假调休; 9月20日（周日）、10月10日（周六）上班.
  EXPECT_TRUE(Working({2026, 9, 20}));   // Sunday, worked
  EXPECT_FALSE(Working({2026, 9, 25}));  // Mid-Autumn, a Friday
  for (int day = 1; day <= 7; ++day) {
    EXPECT_FALSE(Working({2026, 10, day})) << day;
  }
  EXPECT_TRUE(Working({2026, 10, 8}));
  EXPECT_TRUE(Working({2026, 10, 10}));   // Saturday, worked
  EXPECT_FALSE(Working({2026, 10, 11}));  // Sunday
  EXPECT_EQ(Add({2026, 9, 30}, 1), (CivilDate{2026, 10, 8}));
  EXPECT_EQ(Add({2026, 9, 30}, 3), (CivilDate{2026, 10, 10}));
  EXPECT_EQ(Add({2026, 9, 30}, 4), (CivilDate{2026, 10, 12}));
  // 20; 21-24; 28-30; 8, 9; 10; 12.
  EXPECT_EQ(Between({2026, 9, 18}, {2026, 10, 12}), 12);
  // Backwards: the third working day before 12 October.
  EXPECT_EQ(Add({2026, 10, 12}, -3), (CivilDate{2026, 10, 8}));
}

TEST_F(WorkingDaysTest, AcrossTheYearBoundary) {
  // 2025-12-31 is a Wednesday; 2026: 1月1日至3日放假，1月4日（周日）上班.
  EXPECT_EQ(Add({2025, 12, 31}, 1), (CivilDate{2026, 1, 4}));
  EXPECT_EQ(Add({2025, 12, 31}, 2), (CivilDate{2026, 1, 5}));
  EXPECT_EQ(Add({2026, 1, 4}, -1), (CivilDate{2025, 12, 31}));
  EXPECT_EQ(Between({2025, 12, 30}, {2026, 1, 5}), 3);
  EXPECT_EQ(Between({2026, 1, 5}, {2025, 12, 30}), -3);
  // The whole of 2026: 261 weekdays, 19 of them off, 6 weekend days worked.
  EXPECT_EQ(Between({2025, 12, 31}, {2026, 12, 31}), 248);
}

TEST_F(WorkingDaysTest, AYearMissingFromTheCalendarIsRefusedNotGuessed) {
  ExpectYearMissing(IsWorkingDay(calendar_, {2027, 1, 4}).status(), 2027);
  // 2027-01-01 would be a Friday; without 2027's schedule it is not assumed to be worked.
  ExpectYearMissing(AddWorkingDays(calendar_, {2026, 12, 31}, 1).status(), 2027);
  ExpectYearMissing(WorkingDaysBetween(calendar_, {2026, 12, 1}, {2027, 1, 5}).status(), 2027);
  ExpectYearMissing(AddWorkingDays(calendar_, {2025, 1, 2}, -2).status(), 2024);
  // What stays inside the known years is answered.
  EXPECT_EQ(Add({2026, 12, 30}, 1), (CivilDate{2026, 12, 31}));
  EXPECT_EQ(Add({2025, 1, 3}, -1), (CivilDate{2025, 1, 2}));
}

TEST_F(WorkingDaysTest, TheDayOfTheEventIsNotCounted) {
  // Zero working days: the day itself, working day or not.
  EXPECT_EQ(Add({2026, 2, 17}, 0), (CivilDate{2026, 2, 17}));
  EXPECT_EQ(Between({2026, 3, 2}, {2026, 3, 2}), 0);
  // Monday + 1 is Tuesday: Monday is not counted even though it is a working day.
  EXPECT_EQ(Add({2026, 3, 2}, 1), (CivilDate{2026, 3, 3}));
  EXPECT_EQ(Between({2026, 3, 2}, {2026, 3, 3}), 1);
  // The end is counted.
  EXPECT_EQ(Between({2026, 3, 1}, {2026, 3, 2}), 1);
}

TEST_F(WorkingDaysTest, BetweenUndoesAddOverTheWholeYear) {
  for (CivilDate d{2025, 12, 31}; d < CivilDate{2026, 11, 1}; d = AddDays(d, 1)) {
    for (int n : {0, 1, 5, 20}) {
      EXPECT_EQ(Between(d, Add(d, n)), n) << FormatDate(d) << " + " << n;
    }
  }
}

TEST(WorkingDayCalendarTest, EmptyCalendarKnowsNoYear) {
  WorkingDayCalendar empty;
  EXPECT_FALSE(empty.CoversYear(2026));
  ExpectYearMissing(IsWorkingDay(empty, {2026, 3, 2}).status(), 2026);
  // Zero working days needs no calendar.
  ASSERT_TRUE(AddWorkingDays(empty, {2026, 3, 2}, 0).ok());
}

TEST(WorkingDayCalendarTest, NotACalendarDateIsInvalid) {
  WorkingDayCalendar c = WorkingDayCalendar::FromProto(China2025And2026());
  EXPECT_EQ(IsWorkingDay(c, {2026, 2, 30}).status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(AddWorkingDays(c, {2026, 13, 1}, 1).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(WorkingDaysBetween(c, {2026, 3, 1}, {2026, 0, 1}).status().code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(WorkingDayCalendarTest, MakeUpDayWinsOverADayOffListedTwice) {
  WorkingCalendar proto;
  proto.add_weekend_days(WorkingCalendar::SATURDAY);
  proto.add_weekend_days(WorkingCalendar::SUNDAY);
  AddCalendarYear(proto, 2026, {{{2026, 3, 7}, {2026, 3, 9}}}, {{2026, 3, 7}});
  WorkingDayCalendar c = WorkingDayCalendar::FromProto(proto);
  EXPECT_TRUE(*IsWorkingDay(c, {2026, 3, 7}));
  EXPECT_FALSE(*IsWorkingDay(c, {2026, 3, 9}));
}

TEST(WorkingDayCalendarTest, WeekendDaysComeFromThePolicy) {
  // A jurisdiction whose only weekly day off is Sunday.
  WorkingCalendar proto;
  proto.add_weekend_days(WorkingCalendar::SUNDAY);
  AddCalendarYear(proto, 2026, {}, {});
  WorkingDayCalendar c = WorkingDayCalendar::FromProto(proto);
  EXPECT_TRUE(*IsWorkingDay(c, {2026, 3, 7}));
  EXPECT_FALSE(*IsWorkingDay(c, {2026, 3, 8}));
  EXPECT_EQ(*AddWorkingDays(c, {2026, 3, 6}, 2), (CivilDate{2026, 3, 9}));
}

}  // namespace
}  // namespace auxpro
