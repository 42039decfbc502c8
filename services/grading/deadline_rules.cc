#include "services/grading/deadline_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "libs/common/errors.h"
#include "libs/common/status_macros.h"

namespace auxpro::grading {
namespace {

using policy::v1::GradingDeadlines;

// `status` says only that a year is missing from the calendar.
bool IsYearMissing(const absl::Status& status) {
  std::optional<ErrorInfo> info = ErrorInfoOf(status);
  return info.has_value() && info->reason == kWorkingCalendarYearMissing;
}

// The n-th working day after `since`; nullopt when it lies in a year the calendar does not list.
absl::StatusOr<std::optional<CivilDate>> WorkingDayAfterIfKnown(const WorkingDayCalendar& calendar,
                                                                CivilDate since, int n) {
  absl::StatusOr<CivilDate> day = AddWorkingDays(calendar, since, n);
  if (day.ok()) {
    return std::optional<CivilDate>(*day);
  }
  if (IsYearMissing(day.status())) {
    return std::optional<CivilDate>();
  }
  return day.status();
}

absl::Status CheckHold(const StepHold& hold, CivilDate today) {
  if (hold.step == GradingDeadlines::STEP_UNSPECIFIED ||
      !GradingDeadlines::Step_IsValid(hold.step)) {
    return Invalid("hold.step: required");
  }
  if (hold.holder == common::v1::AGENCY_KIND_UNSPECIFIED ||
      !common::v1::AgencyKind_IsValid(hold.holder)) {
    return Invalid("hold.holder: required");
  }
  if (!IsValidCivilDate(hold.since) || !IsValidCivilDate(today)) {
    return Invalid("hold.since and today: must be calendar dates");
  }
  if (today < hold.since) {
    return Invalid(absl::StrCat("hold.since: ", FormatDate(hold.since), " is after today (",
                                FormatDate(today), ")"));
  }
  return absl::OkStatus();
}

}  // namespace

const GradingDeadlines::StepLimit* LimitOf(const GradingDeadlines& d, DeadlineStep step) {
  switch (step) {
    case GradingDeadlines::RESUBMISSION:
      return d.has_resubmission() ? &d.resubmission() : nullptr;
    case GradingDeadlines::QUALIFICATION_REVIEW:
      return d.has_qualification_review() ? &d.qualification_review() : nullptr;
    case GradingDeadlines::EVALUATION:
      return d.has_evaluation() ? &d.evaluation() : nullptr;
    case GradingDeadlines::FILING:
      return d.has_filing() ? &d.filing() : nullptr;
    case GradingDeadlines::NOTICE_PUBLICATION:
      return d.has_notice_publication() ? &d.notice_publication() : nullptr;
    case GradingDeadlines::OBJECTION_ANSWER:
      return d.has_objection_answer() ? &d.objection_answer() : nullptr;
    default:
      return nullptr;
  }
}

absl::StatusOr<StepDeadline> ReviewStepDeadline(const GradingDeadlines& deadlines,
                                                const WorkingDayCalendar& calendar,
                                                const StepHold& hold, const SentMarkers& sent,
                                                CivilDate today) {
  RETURN_IF_ERROR(CheckHold(hold, today));
  StepDeadline r;
  const GradingDeadlines::StepLimit* limit = LimitOf(deadlines, hold.step);
  if (limit == nullptr || limit->working_days() == 0) {
    return r;
  }
  r.has_limit = true;
  r.working_days = limit->working_days();
  const int limit_days = static_cast<int>(limit->working_days());

  // Everything is decided from the working days used so far, which needs only the years from
  // `since` to today: today is on or after the k-th working day after `since` exactly when at
  // least k working days lie in (since, today].
  ASSIGN_OR_RETURN(r.working_days_used, WorkingDaysBetween(calendar, hold.since, today));
  ASSIGN_OR_RETURN(bool today_is_working_day, IsWorkingDay(calendar, today));
  // Used == L on a working day: today is the deadline. On a day off: the deadline has passed.
  r.overdue = r.working_days_used > limit_days ||
              (r.working_days_used == limit_days && !today_is_working_day);
  r.working_days_overdue = r.overdue ? r.working_days_used - limit_days : 0;
  ASSIGN_OR_RETURN(r.deadline, WorkingDayAfterIfKnown(calendar, hold.since, limit_days));

  if (limit->has_reminder_lead_working_days()) {
    const int from_day =
        std::max(0, limit_days - static_cast<int>(limit->reminder_lead_working_days()));
    ASSIGN_OR_RETURN(r.reminder_on, WorkingDayAfterIfKnown(calendar, hold.since, from_day));
    r.reminder_window = !r.overdue && r.working_days_used >= from_day;
  }

  if (r.overdue && !sent.escalation) {
    r.to_send.push_back(DeadlineNotice{DeadlineNoticeKind::kEscalation,
                                       deadlines.escalation_agency(), hold, r.deadline});
  } else if (r.reminder_window && !sent.reminder) {
    r.to_send.push_back(
        DeadlineNotice{DeadlineNoticeKind::kReminder, hold.holder, hold, r.deadline});
  }
  return r;
}

absl::StatusOr<std::vector<OverdueStep>> OverdueSteps(const GradingDeadlines& deadlines,
                                                      const WorkingDayCalendar& calendar,
                                                      const std::vector<OpenStep>& open,
                                                      common::v1::AgencyKind holder,
                                                      CivilDate today) {
  std::vector<OverdueStep> overdue;
  for (const OpenStep& step : open) {
    if (holder != common::v1::AGENCY_KIND_UNSPECIFIED && step.hold.holder != holder) {
      continue;
    }
    ASSIGN_OR_RETURN(StepDeadline d,
                     ReviewStepDeadline(deadlines, calendar, step.hold, SentMarkers{}, today));
    if (d.overdue && d.deadline.has_value()) {
      overdue.push_back(
          OverdueStep{step.application, step.hold, *d.deadline, d.working_days_overdue});
    }
  }
  return overdue;
}

}  // namespace auxpro::grading
