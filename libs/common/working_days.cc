#include "libs/common/working_days.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"

namespace auxpro {
namespace {

// A holiday period longer than this is not indexed (ValidatePolicy keeps periods within the year
// and its neighbours, so only corrupt data reaches it).
constexpr int64_t kMaxIndexedPeriodDays = 3 * 366;

absl::Status YearMissing(int year) {
  return WithErrorInfo(
      Precondition(absl::StrCat("working calendar: the year ", year,
                                " is not in the policy's working_calendar, so its working days are "
                                "unknown (add the year's holiday schedule to the policy)")),
      kWorkingCalendarYearMissing, {{"year", std::to_string(year)}});
}

absl::Status RequireCalendarDate(CivilDate d) {
  if (IsValidCivilDate(d)) {
    return absl::OkStatus();
  }
  return Invalid(absl::StrCat("working calendar: ", d.year, "-", d.month, "-", d.day,
                              " is not a calendar date"));
}

}  // namespace

int IsoWeekday(CivilDate d) {
  // 1970-01-01 was a Thursday (4).
  const int64_t days = DaysSinceEpoch(d);
  return static_cast<int>(((days % 7 + 7) % 7 + 3) % 7) + 1;
}

WorkingDayCalendar WorkingDayCalendar::FromProto(const policy::v1::WorkingCalendar& calendar) {
  WorkingDayCalendar c;
  for (int day : calendar.weekend_days()) {
    if (day >= 1 && day <= 7) {
      c.weekend_[day] = true;
    }
  }
  for (const policy::v1::CalendarYear& year : calendar.years()) {
    c.years_.insert(year.year());
    for (const policy::v1::HolidayPeriod& period : year.holidays()) {
      const CivilDate first = auxpro::FromProto(period.first());
      const CivilDate last = auxpro::FromProto(period.last());
      if (!IsValidCivilDate(first) || !IsValidCivilDate(last)) {
        continue;
      }
      const int64_t from = DaysSinceEpoch(first);
      const int64_t to = DaysSinceEpoch(last);
      if (to < from || to - from > kMaxIndexedPeriodDays) {
        continue;
      }
      for (int64_t day = from; day <= to; ++day) {
        c.days_off_.insert(day);
      }
    }
    for (const common::v1::Date& date : year.make_up_working_days()) {
      const CivilDate d = auxpro::FromProto(date);
      if (IsValidCivilDate(d)) {
        c.make_up_days_.insert(DaysSinceEpoch(d));
      }
    }
  }
  return c;
}

absl::StatusOr<bool> IsWorkingDay(const WorkingDayCalendar& calendar, CivilDate d) {
  RETURN_IF_ERROR(RequireCalendarDate(d));
  if (!calendar.CoversYear(d.year)) {
    return YearMissing(d.year);
  }
  const int64_t day = DaysSinceEpoch(d);
  if (calendar.make_up_days_.contains(day)) {
    return true;
  }
  return !calendar.weekend_[IsoWeekday(d)] && !calendar.days_off_.contains(day);
}

absl::StatusOr<CivilDate> AddWorkingDays(const WorkingDayCalendar& calendar, CivilDate from,
                                         int n) {
  RETURN_IF_ERROR(RequireCalendarDate(from));
  const int step = n < 0 ? -1 : 1;
  int remaining = n < 0 ? -n : n;
  CivilDate d = from;
  while (remaining > 0) {
    d = AddDays(d, step);
    ASSIGN_OR_RETURN(bool working, IsWorkingDay(calendar, d));
    if (working) {
      --remaining;
    }
  }
  return d;
}

absl::StatusOr<int> WorkingDaysBetween(const WorkingDayCalendar& calendar, CivilDate a,
                                       CivilDate b) {
  if (b < a) {
    ASSIGN_OR_RETURN(int count, WorkingDaysBetween(calendar, b, a));
    return -count;
  }
  RETURN_IF_ERROR(RequireCalendarDate(a));
  RETURN_IF_ERROR(RequireCalendarDate(b));
  int count = 0;
  for (CivilDate d = AddDays(a, 1); d <= b; d = AddDays(d, 1)) {
    ASSIGN_OR_RETURN(bool working, IsWorkingDay(calendar, d));
    if (working) {
      ++count;
    }
  }
  return count;
}

}  // namespace auxpro
