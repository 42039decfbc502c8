// An auxiliary's employment: the person state machine, hiring, probation, transfer and exit
// (DOMAIN.md 2; wenjiang 5.2, C.3; shanxi 24-26). Each action is decided by one call on the facts
// the handler loaded, returning the person as the action leaves them or every reason it is
// refused (FAILED_PRECONDITION with a google.rpc.ErrorInfo). Pure: dates are passed in.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "auxpro/personnel/v1/personnel_service.pb.h"
#include "auxpro/policy/v1/policy.pb.h"
#include "libs/common/calendar.h"
#include "libs/common/decision.h"
#include "services/personnel/recruitment_rules.h"

namespace auxpro::personnel {

enum class PersonState { kCandidate, kProbation, kActive, kExited };
enum class PersonAction { kHire, kEndProbation, kIssuePermit, kTransfer, kExit };

// "candidate", "probation", "active", "exited".
std::string_view PersonStateName(PersonState state);
// "hire", "end_probation", "issue_permit", "transfer", "exit".
std::string_view PersonActionName(PersonAction action);

// hire: candidate or exited (a re-hire) -> probation; end_probation: probation -> active;
// issue_permit and transfer: probation or active, state unchanged; exit: probation or active ->
// exited. nullopt otherwise.
std::optional<PersonState> NextState(PersonState from, PersonAction action);
// "transition" failure naming the state and the action when NextState is nullopt.
Decision CheckTransition(PersonState from, PersonAction action);

PersonState StateOf(const v1::Person& person);
// FAILED_PRECONDITION INVALID_STATE_TRANSITION (state: the API's PersonState name, e.g.
// "CANDIDATE"; action: the rpc, e.g. "HirePerson") when the person's state does not allow it.
absl::Status CheckAction(const v1::Person& person, PersonAction action);

// MONTHS: hire date + months (clamped to month end). UNTIL_FIRST_CENTRALIZED_ASSESSMENT (ends with
// an event, not a date) and KIND_UNSPECIFIED: nullopt.
std::optional<CivilDate> ProbationEnd(const policy::v1::Probation& probation, CivilDate hire_date);

// What a hire looks at, as loaded. The agreement and the head-count limits are checked by
// CheckAgreementOpen and CheckRoomForOneMore before.
struct HireFacts {
  v1::Person person;
  std::string unit;                // the unit's name
  std::string dispatch_agreement;  // the agreement's name
  TeamComposition team;            // members of the jurisdiction before the hire
  CivilDate hire_date;
};
// The person hired (PROBATION, unit, agreement, hire date, probation end) or the refusal:
// INVALID_STATE_TRANSITION, RECRUITMENT_INELIGIBLE (conditions: every failed condition code).
absl::StatusOr<v1::Person> DecideHire(const policy::v1::Policy& policy, const HireFacts& facts);

// An exited person's hiring steps recorded after the exit (a re-hire records them again); the
// person unchanged otherwise.
v1::Person StepsOfThisPeriod(const v1::Person& person);
// For an exited person being re-hired: the closed period appended to past_periods, the current
// period's fields cleared (exit, probation result and assessments, deposit, backbone post), steps
// of earlier periods dropped, former_auxiliary set. The person unchanged otherwise.
v1::Person OpenNewPeriod(const v1::Person& person);

// The candidate's eligibility on `hire_date` (INVALID_STATE_TRANSITION when not a candidate);
// warning_only rules go to *warnings when given.
absl::StatusOr<Decision> DecideEligibility(const policy::v1::Policy& policy,
                                           const v1::Person& person, TeamComposition team,
                                           CivilDate hire_date,
                                           std::vector<RuleFailure>* warnings = nullptr);

// PROBATION -> ACTIVE on `end_date`: INVALID_STATE_TRANSITION, DATE_BEFORE_HIRE.
absl::StatusOr<v1::Person> DecideEndProbation(const v1::Person& person, CivilDate end_date);
// As above, and not before the policy's probation period has run from the hire date (longquan
// art. 6: 3 months, template art. 10: 1 month): FAILED_PRECONDITION PROBATION_NOT_OVER naming the
// earliest end.
absl::StatusOr<v1::Person> DecideEndProbation(const policy::v1::Policy& policy,
                                              const v1::Person& person, CivilDate end_date);

// How a probation ends, as EndProbation receives it.
struct ProbationOutcomeFacts {
  v1::Person person;
  CivilDate end_date;
  v1::ProbationResult result = v1::PROBATION_RESULT_UNSPECIFIED;
  std::string evidence_ref;
  // For a failed probation: the exit checklist items confirmed.
  std::vector<std::string> confirmed_checklist;
};
// Probation ended by its result (longquan art. 6, template art. 10): PASSED -> ACTIVE; FAILED ->
// EXITED (exit_reason FAILED_PROBATION, badge cleared) after the exit checklist, as DecideExit.
// An unset result is INVALID_ARGUMENT "result" where employment.probation_requires_result and a
// pass elsewhere; a result without evidence_ref is INVALID_ARGUMENT "evidence_ref". Either
// result waits for the policy's period (PROBATION_NOT_OVER) and is not before the hire
// (DATE_BEFORE_HIRE). Without evidence_ref, the session of the probation assessment results the
// assessment service reported (Person.probation_assessments, wenjiang 7.3.1.2) is the evidence.
// The person carries the result, its evidence and the assessment results.
absl::StatusOr<v1::Person> DecideProbationOutcome(const policy::v1::Policy& policy,
                                                  const ProbationOutcomeFacts& facts);

// Into another unit (`to_unit`, its name): INVALID_STATE_TRANSITION, ALREADY_IN_UNIT.
absl::StatusOr<v1::Person> DecideTransfer(const v1::Person& person, const std::string& to_unit);

// Checklist items not confirmed, in checklist order.
std::vector<std::string> MissingExitItems(const policy::v1::Exit& exit,
                                          const std::vector<std::string>& confirmed);
// "exit_checklist.missing" per unconfirmed item, "exit_checklist.unknown" per confirmed item that
// is not on the checklist.
Decision CheckExitChecklist(const policy::v1::Exit& exit,
                            const std::vector<std::string>& confirmed);

// Each confirmed item once: an item confirmed twice is INVALID_ARGUMENT naming
// confirmed_checklist (the confirmed items are stored joined, in a column sized for a checklist,
// so a thousand copies of one item must not reach it).
absl::Status CheckConfirmedOnce(const std::vector<std::string>& confirmed);

struct ExitFacts {
  v1::Person person;
  v1::ExitReason reason = v1::EXIT_REASON_UNSPECIFIED;
  std::vector<std::string> confirmed_checklist;
  CivilDate exit_date;
};
// The person exited (EXITED, exit date and reason, badge cleared) or the refusal:
// an item confirmed twice (CheckConfirmedOnce), INVALID_STATE_TRANSITION,
// EXIT_CHECKLIST_INCOMPLETE (missing, unknown: comma-separated items), DATE_BEFORE_HIRE.
absl::StatusOr<v1::Person> DecideExit(const policy::v1::Policy& policy, const ExitFacts& facts);

}  // namespace auxpro::personnel
