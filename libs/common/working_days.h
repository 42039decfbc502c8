#pragma once

// Working days (工作日) on a jurisdiction's calendar (policy working_calendar): which dates are
// working days, the n-th working day after a date, and how many working days lie between two
// dates. Time limits of the regulations are counted this way, never as 24-hour periods. Pure.
//
// The convention (as 民法典 art. 201 counts periods: the day of the event is not counted):
//   - AddWorkingDays(d, n), n > 0: the n-th working day after d; d itself never counts, whether or
//     not it is a working day. A step that reaches its holder on d with a limit of n working days
//     is due on AddWorkingDays(d, n) and is on time when finished on or before that day.
//   - AddWorkingDays(d, -n): the n-th working day before d (d not counted); AddWorkingDays(d, 0)
//     is d.
//   - WorkingDaysBetween(a, b): the working days d with a < d <= b (a not counted, b counted);
//     negative with the same magnitude when b < a. So WorkingDaysBetween(d, AddWorkingDays(d, n))
//     is n, and WorkingDaysBetween(since, today) is how many working days a step has used.
//   - A date is a working day when it is a make-up working day (调休上班) of the calendar, or else
//     when it is neither a weekend day nor inside a holiday period (放假调休).
//   - Only the years the calendar lists are known. A computation that needs to look at a date of
//     any other year is refused with FAILED_PRECONDITION (ErrorInfo reason
//     WORKING_CALENDAR_YEAR_MISSING, metadata "year"), never guessed from the weekends alone.

#include <cstdint>
#include <set>

#include "absl/status/statusor.h"
#include "auxpro/policy/v1/working_calendar.pb.h"
#include "libs/common/calendar.h"

namespace auxpro {

// ErrorInfo reason of a date outside the calendar's years.
inline constexpr char kWorkingCalendarYearMissing[] = "WORKING_CALENDAR_YEAR_MISSING";

// ISO 8601 day of the week: 1 Monday ... 7 Sunday.
int IsoWeekday(CivilDate d);

// A policy's WorkingCalendar indexed for lookups. Built from a validated policy (ValidatePolicy
// refuses inconsistent calendars); should the data still list a date both as a day off and as a
// make-up working day, the make-up working day wins. Copyable, immutable.
class WorkingDayCalendar {
 public:
  // An empty calendar: no year is known, every computation is refused.
  WorkingDayCalendar() = default;
  static WorkingDayCalendar FromProto(const policy::v1::WorkingCalendar& calendar);

  bool CoversYear(int year) const { return years_.contains(year); }

 private:
  friend absl::StatusOr<bool> IsWorkingDay(const WorkingDayCalendar& calendar, CivilDate d);

  std::set<int> years_;
  // Days since 1970-01-01.
  std::set<int64_t> days_off_;
  std::set<int64_t> make_up_days_;
  bool weekend_[8] = {};  // indexed by IsoWeekday
};

// Whether `d` is a working day. INVALID_ARGUMENT for a date that is not a calendar date;
// FAILED_PRECONDITION WORKING_CALENDAR_YEAR_MISSING when d's year is not in the calendar.
absl::StatusOr<bool> IsWorkingDay(const WorkingDayCalendar& calendar, CivilDate d);

// The n-th working day after `from` (n > 0), before it (n < 0), or `from` (n == 0); `from` itself
// is never counted. Errors as IsWorkingDay for any date examined on the way.
absl::StatusOr<CivilDate> AddWorkingDays(const WorkingDayCalendar& calendar, CivilDate from, int n);

// Working days d with a < d <= b; -(WorkingDaysBetween(b, a)) when b < a; 0 when a == b.
// Errors as IsWorkingDay for any date examined.
absl::StatusOr<int> WorkingDaysBetween(const WorkingDayCalendar& calendar, CivilDate a,
                                       CivilDate b);

}  // namespace auxpro
