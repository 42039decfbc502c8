// The result notice (公示) of a batch of level 4-1 decisions (wenjiang 8.4.1.2:
// 区委编办发布辅助岗位 定级结果通知) with its objection period (issue 10; the standard sets no
// period, so its length is the policy value grading_deadlines.result_notice_working_days). Pure:
// the notice, its objections and a date in; what is admissible and which decisions are in force
// out.
//
// The standard says nothing of objections; this is the reading of issue 10 (DOMAIN.md section 5
// keeps the decision with the establishment office):
//   - The period: published on P for N working days, P not counted (libs/common/working_days.h):
//     objections are admissible from P to the N-th working day after P (the last day), both
//     included. N = 0: no objection period.
//   - An objection is recorded by the bureau or the HR company, with its text and at least one
//     evidence reference, about one decision of the batch; it holds that decision until the
//     establishment office answers it.
//   - Answered DISMISSED (异议不成立): the decision stands and takes effect when the period has
//     ended and every objection to it is answered: on the later of the day after the last day
//     and the last answer's day. Answered SUSTAINED (异议成立): the decision is overturned and
//     never takes effect; the application goes back to the establishment office's evaluation (the
//     grading state machine's business). One sustained objection overturns, whatever the others.
//   - A decision without objection takes effect on the day after the last day (N = 0: on P).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "auxpro/common/v1/access.pb.h"
#include "libs/common/calendar.h"
#include "libs/common/working_days.h"

namespace auxpro::grading {

enum class ObjectionAnswer {
  kPending,
  // 异议不成立: the decision stands.
  kDismissed,
  // 异议成立: the decision is overturned.
  kSustained,
};

struct Objection {
  // The decision of the batch it concerns (the application's resource name).
  std::string decision;
  common::v1::AgencyKind by = common::v1::AGENCY_KIND_UNSPECIFIED;
  std::string text;
  // References to documents.
  std::vector<std::string> evidence;
  CivilDate recorded_on;
  ObjectionAnswer answer = ObjectionAnswer::kPending;
  // Set when answered.
  CivilDate answered_on;
};

// The dates of a notice's objection period.
struct NoticePeriod {
  CivilDate published_on;
  uint32_t working_days = 0;
  // The last day an objection is admissible; published_on when working_days is 0 (and then none
  // is admissible).
  CivilDate last_day;
  // The day a decision without objection takes effect: the day after last_day (published_on when
  // working_days is 0).
  CivilDate effective_on;
};

// ErrorInfo reasons.
inline constexpr char kObjectionAgencyNotAllowed[] = "OBJECTION_AGENCY_NOT_ALLOWED";
inline constexpr char kNoticeNotPublished[] = "NOTICE_NOT_PUBLISHED";
inline constexpr char kObjectionPeriodEnded[] = "OBJECTION_PERIOD_ENDED";
inline constexpr char kDecisionOverturned[] = "DECISION_OVERTURNED";
inline constexpr char kObjectionAnswerAgency[] = "OBJECTION_ANSWER_AGENCY_NOT_ALLOWED";
inline constexpr char kObjectionAlreadyAnswered[] = "OBJECTION_ALREADY_ANSWERED";

// The period of a notice published on `published_on` for `working_days` (the policy's
// grading_deadlines.result_notice_working_days). FAILED_PRECONDITION
// WORKING_CALENDAR_YEAR_MISSING when the period reaches a year the calendar does not list.
absl::StatusOr<NoticePeriod> NoticePeriodOf(const WorkingDayCalendar& calendar,
                                            CivilDate published_on, uint32_t working_days);

// A batch as a notice lists it: INVALID_ARGUMENT for an empty batch, an empty name or a decision
// listed twice (naming decisions[i]).
absl::Status CheckNoticeBatch(const std::vector<std::string>& decisions);

// Whether `objection` (its recorded_on the day it is recorded) may be recorded against the notice
// of `decisions` with `period`, given the objections already `recorded`:
//   PERMISSION_DENIED OBJECTION_AGENCY_NOT_ALLOWED  by is neither the bureau nor the HR company;
//   INVALID_ARGUMENT objection.decision / .text / .evidence  not a decision of this notice, no
//     text, no evidence reference or an empty one;
//   FAILED_PRECONDITION NOTICE_NOT_PUBLISHED  recorded before the publication day;
//   FAILED_PRECONDITION OBJECTION_PERIOD_ENDED  after the last day, or no period at all;
//   FAILED_PRECONDITION DECISION_OVERTURNED  a sustained objection already overturned it.
absl::Status CheckObjectionAdmissible(const NoticePeriod& period,
                                      const std::vector<std::string>& decisions,
                                      const std::vector<Objection>& recorded,
                                      const Objection& objection);

// Whether `by` may give `answer` to `objection` on `answered_on`:
//   PERMISSION_DENIED OBJECTION_ANSWER_AGENCY_NOT_ALLOWED  by is not the establishment office;
//   INVALID_ARGUMENT answer  kPending; answered_on  before the objection was recorded;
//   FAILED_PRECONDITION OBJECTION_ALREADY_ANSWERED  answered before.
absl::Status CheckObjectionAnswer(const Objection& objection, common::v1::AgencyKind by,
                                  ObjectionAnswer answer, CivilDate answered_on);

enum class DecisionState {
  // Not yet in force, nothing holds it: the period is running (or the notice not yet published).
  kAwaiting,
  // An objection recorded by the date is not answered by it.
  kHeld,
  // In force since effective_on.
  kInForce,
  // A sustained objection overturned it on overturned_on.
  kOverturned,
};

struct DecisionOutcome {
  std::string decision;
  DecisionState state = DecisionState::kAwaiting;
  // kInForce: the day it took effect; kAwaiting: the day it will, if no objection comes.
  std::optional<CivilDate> effective_on;
  // kOverturned: the day of the (first) sustained answer.
  std::optional<CivilDate> overturned_on;
};

// Each decision of the batch, in order, as of the end of `as_of`: only objections recorded and
// answers given on or before `as_of` count, so the same inputs answer for any past date. The
// decisions that take effect on a day D are those kInForce with effective_on == D.
std::vector<DecisionOutcome> DecisionsAsOf(const NoticePeriod& period,
                                           const std::vector<std::string>& decisions,
                                           const std::vector<Objection>& objections,
                                           CivilDate as_of);

}  // namespace auxpro::grading
