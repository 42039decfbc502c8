// Unit tests of libs/common/calendar: the one calendar of the project.

#include "libs/common/calendar.h"

#include <gtest/gtest.h>

#include "absl/time/civil_time.h"

namespace auxpro {
namespace {

TEST(CivilDate, AgeCountsWholeYearsFromTheBirthday) {
  EXPECT_EQ(AgeOn({1980, 3, 1}, {2026, 3, 1}), 46);
  EXPECT_EQ(AgeOn({1980, 3, 2}, {2026, 3, 1}), 45);
  EXPECT_EQ(AgeOn({1980, 12, 31}, {2026, 1, 1}), 45);
}

TEST(CivilDate, LeapDayBirthTurnsOlderOnFirstOfMarchInCommonYears) {
  EXPECT_EQ(AgeOn({2008, 2, 29}, {2026, 2, 28}), 17);
  EXPECT_EQ(AgeOn({2008, 2, 29}, {2026, 3, 1}), 18);
  EXPECT_EQ(AgeOn({2008, 2, 29}, {2028, 2, 29}), 20);
}

TEST(CivilDate, ValidityFollowsTheGregorianCalendar) {
  EXPECT_TRUE(IsValidCivilDate({2024, 2, 29}));
  EXPECT_TRUE(IsValidCivilDate({2000, 2, 29}));
  EXPECT_FALSE(IsValidCivilDate({1900, 2, 29}));
  EXPECT_FALSE(IsValidCivilDate({2026, 2, 29}));
  EXPECT_FALSE(IsValidCivilDate({2026, 4, 31}));
  EXPECT_FALSE(IsValidCivilDate({2026, 13, 1}));
  EXPECT_FALSE(IsValidCivilDate({2026, 0, 1}));
  EXPECT_FALSE(IsValidCivilDate({0, 1, 1}));
}

TEST(CivilDate, ConvertsToAndFromProtoDateAndFormats) {
  const common::v1::Date proto = ToProto({2026, 3, 1});
  EXPECT_EQ(proto.year(), 2026);
  EXPECT_EQ(proto.month(), 3);
  EXPECT_EQ(proto.day(), 1);
  EXPECT_EQ(FromProto(proto), (CivilDate{2026, 3, 1}));
  EXPECT_EQ(FormatDate({2026, 3, 1}), "2026-03-01");
  EXPECT_LT((CivilDate{2025, 12, 31}), (CivilDate{2026, 1, 1}));
}

TEST(CivilDate, AddDaysAndMonthsCrossYearEnds) {
  EXPECT_EQ(AddDays({2025, 12, 29}, 7), (CivilDate{2026, 1, 5}));
  EXPECT_EQ(AddDays({2024, 2, 28}, 1), (CivilDate{2024, 2, 29}));
  EXPECT_EQ(AddDays({2026, 1, 5}, -7), (CivilDate{2025, 12, 29}));
  EXPECT_EQ(DaysSinceEpoch({1970, 1, 1}), 0);
  EXPECT_EQ(AddMonths({2026, 11, 30}, 3), (CivilDate{2027, 2, 28}));
  EXPECT_EQ(AddMonths({2026, 1, 15}, -2), (CivilDate{2025, 11, 15}));
}

TEST(CivilDate, TheLastDateARecordHoldsIsACalendarDate) {
  common::v1::Date last = ToProto({9999, 12, 31});
  EXPECT_TRUE(IsValidDate(last));
  EXPECT_TRUE(RequireDate(last, "end_date").ok());
  common::v1::Date feb30 = ToProto({2026, 2, 30});
  EXPECT_EQ(RequireDate(feb30, "end_date").message(),
            "end_date: 2026-02-30 is not a calendar date");
  common::v1::Date early = ToProto({999, 1, 1});
  EXPECT_EQ(RequireDate(early, "start_date").message(),
            "start_date: 0999-01-01 is outside the years 1000-9999");
  EXPECT_EQ(RequireDate({}, "start_date").message(), "start_date: required (a date)");
}

TEST(CivilDate, AnUnsetDateIsTodayInChinaStandardTime) {
  // 2026-03-01 17:00 UTC is already 2026-03-02 in Beijing.
  const absl::Time t =
      absl::FromCivil(absl::CivilSecond(2026, 3, 1, 17, 0, 0), absl::UTCTimeZone());
  auto today = DateOrToday({}, t, "hire_date");
  ASSERT_TRUE(today.ok());
  EXPECT_EQ(FromProto(*today), (CivilDate{2026, 3, 2}));
  auto given = DateOrToday(ToProto({2026, 1, 31}), t, "hire_date");
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(FromProto(*given), (CivilDate{2026, 1, 31}));
  EXPECT_EQ(DateOrToday(ToProto({2026, 13, 1}), t, "hire_date").status().code(),
            absl::StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace auxpro
