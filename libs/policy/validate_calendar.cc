// working_calendar and grading_deadlines (proto/auxpro/policy/v1/working_calendar.proto): a
// calendar whose every date is a real date of its year or the next to it, days off and make-up
// working days in date order across the whole calendar, no make-up day on a day off or on a
// weekday; time limits that count on a calendar.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "libs/common/calendar.h"
#include "libs/common/working_days.h"
#include "libs/policy/validate_sections.h"

namespace auxpro::policy::validation {
namespace {

using auxpro::policy::v1::CalendarYear;
using auxpro::policy::v1::GradingDeadlines;
using auxpro::policy::v1::HolidayPeriod;
using auxpro::policy::v1::WorkingCalendar;

// A typo guard, not a rule: no time limit of a grading step runs longer than about a year.
constexpr int64_t kMaxWorkingDays = 250;

struct Period {
  CivilDate first;
  CivilDate last;
  std::string name;
};

// A date of `year`'s schedule: a calendar date of the year or of an adjacent one (a New Year
// holiday that starts on 31 December). Returns it when so.
std::optional<CivilDate> CheckDate(Problems p, absl::string_view field,
                                   const common::v1::Date& date, int year) {
  if (!IsValidDate(date)) {
    p.Add(field, absl::StrCat("must be a calendar date, got ", date.year(), "-", date.month(), "-",
                              date.day()));
    return std::nullopt;
  }
  CivilDate d = FromProto(date);
  if (d.year < year - 1 || d.year > year + 1) {
    p.Add(field, absl::StrCat(FormatDate(d), " is not in ", year, " or an adjacent year"));
    return std::nullopt;
  }
  return d;
}

std::string Shown(const Period& period) {
  return absl::StrCat(Quote(period.name), " (", FormatDate(period.first), " to ",
                      FormatDate(period.last), ")");
}

// The periods of all years, in the order listed; problems of each period reported at it.
void CheckHolidays(Problems p, const CalendarYear& year, std::vector<Period>& periods) {
  for (int i = 0; i < year.holidays_size(); ++i) {
    const HolidayPeriod& holiday = year.holidays(i);
    Problems item = p.Item("holidays", i);
    item.NonEmpty("name", holiday.name());
    std::optional<CivilDate> first = CheckDate(item, "first", holiday.first(), year.year());
    std::optional<CivilDate> last = CheckDate(item, "last", holiday.last(), year.year());
    if (!first || !last) {
      continue;
    }
    if (*last < *first) {
      item.Add("last",
               absl::StrCat(FormatDate(*last), " is before first (", FormatDate(*first), ")"));
      continue;
    }
    if (first->year != year.year() && last->year != year.year()) {
      item.Add("", absl::StrCat("holds no day of ", year.year()));
      continue;
    }
    Period period{*first, *last, holiday.name()};
    if (!periods.empty() && !(periods.back().last < period.first)) {
      item.Add("first", absl::StrCat(FormatDate(period.first), " is not after the end of ",
                                     Shown(periods.back()),
                                     ": holiday periods must be in date order and not overlap"));
    }
    periods.push_back(std::move(period));
  }
}

const Period* PeriodHolding(const std::vector<Period>& periods, CivilDate d) {
  for (const Period& period : periods) {
    if (!(d < period.first) && !(period.last < d)) {
      return &period;
    }
  }
  return nullptr;
}

void CheckMakeUpDays(Problems p, const CalendarYear& year, const std::set<int>& weekend,
                     const std::vector<Period>& periods, std::optional<CivilDate>& previous) {
  for (int i = 0; i < year.make_up_working_days_size(); ++i) {
    Problems item = p.Item("make_up_working_days", i);
    std::optional<CivilDate> d = CheckDate(item, "", year.make_up_working_days(i), year.year());
    if (!d) {
      continue;
    }
    if (previous && !(*previous < *d)) {
      item.Add("", absl::StrCat(FormatDate(*d), " is not after ", FormatDate(*previous),
                                ": make-up working days must be in ascending order, each once"));
    }
    previous = *d;
    const int weekday = IsoWeekday(*d);
    if (!weekend.contains(weekday)) {
      item.Add("", absl::StrCat(FormatDate(*d), " is a ", WorkingCalendar::DayOfWeek_Name(weekday),
                                ", not a weekend day: a make-up working day is a weekend day "
                                "worked"));
    }
    if (const Period* period = PeriodHolding(periods, *d); period != nullptr) {
      item.Add("", absl::StrCat(FormatDate(*d), " is a day off of ", Shown(*period),
                                ": a day cannot be both"));
    }
  }
}

void CheckStepLimit(Problems p, absl::string_view field, bool present,
                    const GradingDeadlines::StepLimit& limit) {
  if (!present) {
    return;
  }
  Problems step = p.Field(field);
  if (!step.Range("working_days", limit.working_days(), 1, kMaxWorkingDays)) {
    return;
  }
  if (limit.has_reminder_lead_working_days() &&
      limit.reminder_lead_working_days() >= limit.working_days()) {
    step.Add("reminder_lead_working_days",
             absl::StrCat("must be below working_days (", limit.working_days(), "), got ",
                          limit.reminder_lead_working_days()));
  }
}

}  // namespace

void ValidateWorkingCalendar(Problems p, const WorkingCalendar& calendar) {
  std::set<int> weekend;
  for (int i = 0; i < calendar.weekend_days_size(); ++i) {
    const int day = calendar.weekend_days(i);
    Problems item = p.Item("weekend_days", i);
    if (item.RequiredEnum("", day, WorkingCalendar::DayOfWeek_IsValid, "day of the week")) {
      item.Distinct("", weekend, day, WorkingCalendar::DayOfWeek_Name(day));
    }
  }
  if (weekend.size() == 7) {
    p.Add("weekend_days", "must leave at least one working day in the week");
  }
  p.NotEmpty("years", calendar.years());
  std::vector<Period> periods;
  for (int i = 0; i < calendar.years_size(); ++i) {
    const CalendarYear& year = calendar.years(i);
    Problems item = p.Item("years", i);
    if (!item.Range("year", year.year(), 1000, 9999)) {
      continue;
    }
    if (i > 0 && year.year() <= calendar.years(i - 1).year()) {
      item.Add("year", absl::StrCat(year.year(), " is not after ", calendar.years(i - 1).year(),
                                    " (years[", i - 1,
                                    "]): years must be in ascending order, "
                                    "each once"));
    }
    item.NonEmpty("source", year.source());
    CheckHolidays(item, year, periods);
  }
  // Make-up days are checked against the periods of every year (one may lie next to a New Year
  // holiday listed under the other year).
  std::optional<CivilDate> previous;
  for (int i = 0; i < calendar.years_size(); ++i) {
    const CalendarYear& year = calendar.years(i);
    if (year.year() < 1000 || year.year() > 9999) {
      continue;
    }
    CheckMakeUpDays(p.Item("years", i), year, weekend, periods, previous);
  }
}

void ValidateGradingDeadlines(Problems p, const GradingDeadlines& deadlines, bool has_calendar) {
  CheckStepLimit(p, "resubmission", deadlines.has_resubmission(), deadlines.resubmission());
  CheckStepLimit(p, "qualification_review", deadlines.has_qualification_review(),
                 deadlines.qualification_review());
  CheckStepLimit(p, "evaluation", deadlines.has_evaluation(), deadlines.evaluation());
  CheckStepLimit(p, "filing", deadlines.has_filing(), deadlines.filing());
  CheckStepLimit(p, "notice_publication", deadlines.has_notice_publication(),
                 deadlines.notice_publication());
  CheckStepLimit(p, "objection_answer", deadlines.has_objection_answer(),
                 deadlines.objection_answer());
  const auto agency = deadlines.escalation_agency();
  if (p.RequiredEnum("escalation_agency", agency, common::v1::AgencyKind_IsValid, "agency kind") &&
      agency != common::v1::ESTABLISHMENT_OFFICE && agency != common::v1::ENFORCEMENT_BUREAU &&
      agency != common::v1::HR_COMPANY) {
    p.Add("escalation_agency",
          absl::StrCat("must be an agency that takes part in grading (ESTABLISHMENT_OFFICE, "
                       "ENFORCEMENT_BUREAU or HR_COMPANY), got ",
                       common::v1::AgencyKind_Name(agency)));
  }
  p.Range("result_notice_working_days", deadlines.result_notice_working_days(), 0, kMaxWorkingDays);
  if (!has_calendar) {
    p.Add("", "needs working_calendar: its time limits count working days on it");
  }
}

}  // namespace auxpro::policy::validation
