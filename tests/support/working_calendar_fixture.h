#pragma once

// The State Council's holiday schedules of 2025 (国办发明电〔2024〕12号) and 2026 (notice of
// 2025-11-04), built in code for the tests of working days, grading deadlines and result notices,
// so they do not depend on the preset files. Header-only.

#include <vector>

#include "auxpro/policy/v1/working_calendar.pb.h"
#include "libs/common/calendar.h"
#include "libs/common/working_days.h"

namespace auxpro::testing {

struct HolidaySpan {
  CivilDate first;
  CivilDate last;
};

inline void AddCalendarYear(policy::v1::WorkingCalendar& calendar, int year,
                            const std::vector<HolidaySpan>& holidays,
                            const std::vector<CivilDate>& make_up_days) {
  policy::v1::CalendarYear* y = calendar.add_years();
  y->set_year(year);
  y->set_source("test");
  for (const HolidaySpan& h : holidays) {
    policy::v1::HolidayPeriod* period = y->add_holidays();
    period->set_name("holiday");
    *period->mutable_first() = ToProto(h.first);
    *period->mutable_last() = ToProto(h.last);
  }
  for (CivilDate d : make_up_days) {
    *y->add_make_up_working_days() = ToProto(d);
  }
}

inline policy::v1::WorkingCalendar China2025And2026() {
  policy::v1::WorkingCalendar c;
  c.add_weekend_days(policy::v1::WorkingCalendar::SATURDAY);
  c.add_weekend_days(policy::v1::WorkingCalendar::SUNDAY);
  AddCalendarYear(c, 2025,
                  {{{2025, 1, 1}, {2025, 1, 1}},
                   {{2025, 1, 28}, {2025, 2, 4}},
                   {{2025, 4, 4}, {2025, 4, 6}},
                   {{2025, 5, 1}, {2025, 5, 5}},
                   {{2025, 5, 31}, {2025, 6, 2}},
                   {{2025, 10, 1}, {2025, 10, 8}}},
                  {{2025, 1, 26}, {2025, 2, 8}, {2025, 4, 27}, {2025, 9, 28}, {2025, 10, 11}});
  AddCalendarYear(
      c, 2026,
      {{{2026, 1, 1}, {2026, 1, 3}},
       {{2026, 2, 15}, {2026, 2, 23}},
       {{2026, 4, 4}, {2026, 4, 6}},
       {{2026, 5, 1}, {2026, 5, 5}},
       {{2026, 6, 19}, {2026, 6, 21}},
       {{2026, 9, 25}, {2026, 9, 27}},
       {{2026, 10, 1}, {2026, 10, 7}}},
      {{2026, 1, 4}, {2026, 2, 14}, {2026, 2, 28}, {2026, 5, 9}, {2026, 9, 20}, {2026, 10, 10}});
  return c;
}

inline const WorkingDayCalendar& ChinaWorkingDays() {
  static const WorkingDayCalendar* calendar =
      new WorkingDayCalendar(WorkingDayCalendar::FromProto(China2025And2026()));
  return *calendar;
}

}  // namespace auxpro::testing
