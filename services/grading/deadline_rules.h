// Deadlines that move a grading case (issue 10; no seed sets a time limit, so every limit is an
// optional policy value, policy grading_deadlines): how many working days a step has taken, whether
// it is overdue, and which reminder or escalation is now due, each emitted once. Pure: the
// application's open steps, the markers of what was already sent, the policy and today in; the
// answer out. Working days count on the jurisdiction's calendar (libs/common/working_days.h).
//
// Convention (docs/grading-deadlines.md): a step with a limit of L working days that reached its
// holder on `since` (not counted) is due on the L-th working day after `since` and is on time when
// finished on or before that day; from the next calendar day it is overdue. With a reminder lead
// of R working days the holder is reminded from the (L - R)-th working day after `since` (R
// working days before the deadline) until the deadline; an overdue step is escalated to the
// policy's escalation_agency (the programme's lead, the establishment office), and is no longer
// reminded.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "auxpro/common/v1/access.pb.h"
#include "auxpro/policy/v1/working_calendar.pb.h"
#include "libs/common/calendar.h"
#include "libs/common/working_days.h"

namespace auxpro::grading {

using DeadlineStep = policy::v1::GradingDeadlines::Step;

// One step of an application in one agency's hands. A level-5 evaluation is two holds, one of the
// bureau and one of the HR company, each open until that agency has approved or rejected; a step
// entered again (returned, resubmitted) is a new hold with a new `since`.
struct StepHold {
  DeadlineStep step = policy::v1::GradingDeadlines::STEP_UNSPECIFIED;
  common::v1::AgencyKind holder = common::v1::AGENCY_KIND_UNSPECIFIED;
  // The day the step reached the holder (China Standard Time); not counted.
  CivilDate since;
};

// What the application's history already records for this hold (the same step, holder and since).
struct SentMarkers {
  bool reminder = false;
  bool escalation = false;
};

enum class DeadlineNoticeKind {
  // To the holder: the deadline is near.
  kReminder,
  // To the policy's escalation_agency: the deadline has passed.
  kEscalation,
};

// A notice to emit now (an outbox event and a history entry), then to mark as sent.
struct DeadlineNotice {
  DeadlineNoticeKind kind = DeadlineNoticeKind::kReminder;
  common::v1::AgencyKind recipient = common::v1::AGENCY_KIND_UNSPECIFIED;
  StepHold hold;
  // The step's deadline; unset only for a reminder whose deadline lies in a year the calendar does
  // not list yet (cannot happen for an escalation: an overdue deadline lies before today).
  std::optional<CivilDate> deadline;
};

// Where one hold stands on `today`.
struct StepDeadline {
  // False when the policy sets no limit for the step: no deadline, nothing overdue, nothing sent;
  // the other fields are zero.
  bool has_limit = false;
  // The policy's limit L.
  uint32_t working_days = 0;
  // Working days from `since` (not counted) to today (counted).
  int working_days_used = 0;
  // The L-th working day after `since`: the last day on time. Unset when it lies in a year the
  // calendar does not list yet (then it is later than today, so the step is not overdue).
  std::optional<CivilDate> deadline;
  // The day the reminder is due from, when the policy sets a reminder lead and the day is known.
  std::optional<CivilDate> reminder_on;
  // today is after the deadline.
  bool overdue = false;
  // Working days after the deadline up to today (0 on a weekend right after a Friday deadline);
  // 0 when not overdue.
  int working_days_overdue = 0;
  // The reminder window is open: on or after reminder_on and not overdue (whether or not sent).
  bool reminder_window = false;
  // What to emit now: a reminder (in the window, not sent before) or an escalation (overdue, not
  // sent before); never both, never one already marked as sent.
  std::vector<DeadlineNotice> to_send;
};

// The policy's limit for `step`; nullptr when it sets none (or for STEP_UNSPECIFIED).
const policy::v1::GradingDeadlines::StepLimit* LimitOf(
    const policy::v1::GradingDeadlines& deadlines, DeadlineStep step);

// Where `hold` stands on `today` and what to send. INVALID_ARGUMENT for an unset step or holder, or
// a `since` after today; FAILED_PRECONDITION WORKING_CALENDAR_YEAR_MISSING when a year from since
// to today is not in the calendar (a deadline in a later, unlisted year is not an error: it is
// reported unset).
absl::StatusOr<StepDeadline> ReviewStepDeadline(const policy::v1::GradingDeadlines& deadlines,
                                                const WorkingDayCalendar& calendar,
                                                const StepHold& hold, const SentMarkers& sent,
                                                CivilDate today);

// An open step of an application, as the overdue query loads them.
struct OpenStep {
  // The application's resource name.
  std::string application;
  StepHold hold;
};

struct OverdueStep {
  std::string application;
  StepHold hold;
  CivilDate deadline;
  int working_days_overdue = 0;
};

// The steps of `open` that are overdue on `today`, held by `holder` (AGENCY_KIND_UNSPECIFIED: any
// holder), in the order given. Errors as ReviewStepDeadline, for the first step that fails.
absl::StatusOr<std::vector<OverdueStep>> OverdueSteps(const policy::v1::GradingDeadlines& deadlines,
                                                      const WorkingDayCalendar& calendar,
                                                      const std::vector<OpenStep>& open,
                                                      common::v1::AgencyKind holder,
                                                      CivilDate today);

}  // namespace auxpro::grading
