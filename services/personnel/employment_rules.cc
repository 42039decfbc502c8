#include "services/personnel/employment_rules.h"

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "libs/common/errors.h"
#include "libs/common/safe_text.h"
#include "services/personnel/hiring_steps_rules.h"
#include "services/personnel/probation_evidence_rules.h"
#include "services/personnel/working_life_rules.h"

namespace auxpro::personnel {

namespace {

// The rpc of each action, as INVALID_STATE_TRANSITION names it.
std::string_view ActionRpc(PersonAction action) {
  switch (action) {
    case PersonAction::kHire:
      return "HirePerson";
    case PersonAction::kEndProbation:
      return "EndProbation";
    case PersonAction::kIssuePermit:
      return "IssuePermit";
    case PersonAction::kTransfer:
      return "TransferPerson";
    case PersonAction::kExit:
      return "ExitPerson";
  }
  return "";
}

// FAILED_PRECONDITION DATE_BEFORE_HIRE when `date` (the request's `field`) is before the hire date.
absl::Status CheckNotBeforeHire(const v1::Person& person, CivilDate date, const char* field) {
  const CivilDate hired = FromProto(person.hire_date());
  if (date >= hired) return absl::OkStatus();
  return WithErrorInfo(Precondition(absl::StrCat(field, ": ", FormatDate(date),
                                                 " is before the hire date ", FormatDate(hired))),
                       "DATE_BEFORE_HIRE", {{"hire_date", FormatDate(hired)}});
}

}  // namespace

std::string_view PersonStateName(PersonState state) {
  switch (state) {
    case PersonState::kCandidate:
      return "candidate";
    case PersonState::kProbation:
      return "probation";
    case PersonState::kActive:
      return "active";
    case PersonState::kExited:
      return "exited";
  }
  return "unknown";
}

std::string_view PersonActionName(PersonAction action) {
  switch (action) {
    case PersonAction::kHire:
      return "hire";
    case PersonAction::kEndProbation:
      return "end_probation";
    case PersonAction::kIssuePermit:
      return "issue_permit";
    case PersonAction::kTransfer:
      return "transfer";
    case PersonAction::kExit:
      return "exit";
  }
  return "unknown";
}

std::optional<PersonState> NextState(PersonState from, PersonAction action) {
  const bool employed = from == PersonState::kProbation || from == PersonState::kActive;
  switch (action) {
    case PersonAction::kHire:
      // An exited person is re-hired on the same archive (haimen annex 2 items 3-4).
      if (from == PersonState::kCandidate || from == PersonState::kExited) {
        return PersonState::kProbation;
      }
      break;
    case PersonAction::kEndProbation:
      if (from == PersonState::kProbation) {
        return PersonState::kActive;
      }
      break;
    case PersonAction::kIssuePermit:
    case PersonAction::kTransfer:
      if (employed) {
        return from;
      }
      break;
    case PersonAction::kExit:
      if (employed) {
        return PersonState::kExited;
      }
      break;
  }
  return std::nullopt;
}

Decision CheckTransition(PersonState from, PersonAction action) {
  Decision d;
  if (!NextState(from, action)) {
    d.failures.push_back({"transition", "action " + std::string(PersonActionName(action)) +
                                            " is not allowed for a person in state " +
                                            std::string(PersonStateName(from))});
  }
  return d;
}

PersonState StateOf(const v1::Person& person) {
  switch (person.state()) {
    case v1::PROBATION:
      return PersonState::kProbation;
    case v1::ACTIVE:
      return PersonState::kActive;
    case v1::EXITED:
      return PersonState::kExited;
    default:
      return PersonState::kCandidate;
  }
}

absl::Status CheckAction(const v1::Person& person, PersonAction action) {
  Decision d = CheckTransition(StateOf(person), action);
  if (d.ok()) return absl::OkStatus();
  return WithErrorInfo(Precondition(absl::StrCat(person.name(), ": ", d.Summary())),
                       "INVALID_STATE_TRANSITION",
                       {{"state", v1::PersonState_Name(person.state())},
                        {"action", std::string(ActionRpc(action))}});
}

std::optional<CivilDate> ProbationEnd(const policy::v1::Probation& probation, CivilDate hire_date) {
  if (probation.kind() != policy::v1::Probation::MONTHS) {
    return std::nullopt;
  }
  return AddMonths(hire_date, static_cast<int>(probation.months()));
}

absl::StatusOr<Decision> DecideEligibility(const policy::v1::Policy& policy,
                                           const v1::Person& person, TeamComposition team,
                                           CivilDate hire_date,
                                           std::vector<RuleFailure>* warnings) {
  // Eligibility is about hiring a candidate; for someone hired the team already counts them.
  if (absl::Status s = CheckAction(person, PersonAction::kHire); !s.ok()) return s;
  Candidate candidate = CandidateOf(person);
  if (person.state() == v1::EXITED) candidate.former_auxiliary = true;
  return CheckEligibility(policy, candidate, hire_date, team, warnings);
}

v1::Person StepsOfThisPeriod(const v1::Person& person) {
  if (person.state() != v1::EXITED || !person.has_exit_date()) return person;
  v1::Person p = person;
  p.clear_hiring_steps();
  const CivilDate exited = FromProto(person.exit_date());
  for (const auto& step : person.hiring_steps()) {
    if (FromProto(step.date()) > exited) *p.add_hiring_steps() = step;
  }
  return p;
}

v1::Person OpenNewPeriod(const v1::Person& person) {
  if (person.state() != v1::EXITED) return person;
  v1::Person p = StepsOfThisPeriod(person);
  v1::EmploymentPeriod* past = p.add_past_periods();
  *past->mutable_hire_date() = person.hire_date();
  *past->mutable_probation_end_date() = person.probation_end_date();
  past->set_probation_result(person.probation_result());
  *past->mutable_exit_date() = person.exit_date();
  past->set_exit_reason(person.exit_reason());
  past->set_unit(person.unit());
  past->set_dispatch_agreement(person.dispatch_agreement());
  past->set_employment_kind(person.employment_kind());
  *past->mutable_probation_assessments() = person.probation_assessments();
  p.clear_probation_assessments();
  p.clear_exit_date();
  p.clear_exit_reason();
  p.clear_probation_result();
  p.clear_probation_evidence_ref();
  p.clear_probation_end_date();
  p.clear_forfeited_deposit_fen();
  p.clear_backbone_post();
  p.clear_backbone_monthly_pay_fen();
  p.set_former_auxiliary(true);
  return p;
}

absl::StatusOr<v1::Person> DecideHire(const policy::v1::Policy& policy, const HireFacts& facts) {
  auto eligible = DecideEligibility(policy, facts.person, facts.team, facts.hire_date);
  if (!eligible.ok()) return eligible.status();
  if (!eligible->ok()) {
    return WithErrorInfo(
        Precondition(absl::StrCat("recruitment eligibility: ", eligible->Summary())),
        "RECRUITMENT_INELIGIBLE", {{"conditions", eligible->Conditions()}});
  }
  Decision steps = CheckHiringStepsComplete(policy.employment(), StepsOfThisPeriod(facts.person));
  if (!steps.ok()) {
    return WithErrorInfo(Precondition(absl::StrCat("hiring procedure: ", steps.Summary())),
                         "HIRING_STEPS_INCOMPLETE", {{"missing", steps.Conditions()}});
  }
  v1::Person p = OpenNewPeriod(facts.person);
  p.set_state(v1::PROBATION);
  p.set_unit(facts.unit);
  p.set_dispatch_agreement(facts.dispatch_agreement);
  p.set_employment_kind(facts.dispatch_agreement.empty() ? v1::DIRECT : v1::DISPATCHED);
  *p.mutable_hire_date() = ToProto(facts.hire_date);
  p.clear_probation_end_date();
  if (auto end = ProbationEnd(policy.probation(), facts.hire_date)) {
    if (end->year > 9999) {
      return Invalid(absl::StrCat("hire_date: ", FormatDate(facts.hire_date),
                                  " leaves the probation ending after 9999-12-31"));
    }
    *p.mutable_probation_end_date() = ToProto(*end);
  }
  return p;
}

absl::StatusOr<v1::Person> DecideEndProbation(const policy::v1::Policy& policy,
                                              const v1::Person& person, CivilDate end_date) {
  if (absl::Status s = CheckAction(person, PersonAction::kEndProbation); !s.ok()) return s;
  if (absl::Status s = CheckNotBeforeHire(person, end_date, "end_date"); !s.ok()) return s;
  // The result is not recorded through the API yet: only the period is checked here.
  Decision period =
      CheckProbationEnd(policy, FromProto(person.hire_date()), end_date, ProbationResult::kPassed);
  if (!period.ok()) {
    return WithErrorInfo(Precondition(period.Summary()), "PROBATION_NOT_OVER",
                         {{"end_date", FormatDate(end_date)}});
  }
  return DecideEndProbation(person, end_date);
}

absl::StatusOr<v1::Person> DecideEndProbation(const v1::Person& person, CivilDate end_date) {
  if (absl::Status s = CheckAction(person, PersonAction::kEndProbation); !s.ok()) return s;
  if (absl::Status s = CheckNotBeforeHire(person, end_date, "end_date"); !s.ok()) return s;
  v1::Person p = person;
  p.set_state(v1::ACTIVE);
  *p.mutable_probation_end_date() = ToProto(end_date);
  return p;
}

absl::StatusOr<v1::Person> DecideProbationOutcome(const policy::v1::Policy& policy,
                                                  const ProbationOutcomeFacts& facts) {
  if (!v1::ProbationResult_IsValid(facts.result)) {
    return Invalid(absl::StrCat("result: unknown probation result ", facts.result));
  }
  v1::ProbationResult result = facts.result;
  // wenjiang 7.3.1.2: the first centralized assessment's results reported by the assessment
  // service are the evidence when the caller names none.
  std::string evidence_ref = facts.evidence_ref;
  if (evidence_ref.empty()) evidence_ref = DefaultProbationEvidence(facts.person);
  if (result == v1::PROBATION_RESULT_UNSPECIFIED) {
    if (policy.employment().probation_requires_result()) {
      return Invalid(absl::StrCat("result: required: probation in ", policy.jurisdiction(),
                                  " ends only with a recorded result, PROBATION_PASSED or "
                                  "PROBATION_FAILED (employment.probation_requires_result)"));
    }
    result = v1::PROBATION_PASSED;
  } else if (evidence_ref.empty()) {
    return Invalid(
        "evidence_ref: required with a probation result (the assessment or decision "
        "recording it; no probation assessment result has been reported by the assessment "
        "service)");
  }
  if (facts.evidence_ref.size() > 128) {
    return Invalid("evidence_ref: at most 128 characters");
  }
  absl::StatusOr<v1::Person> ended = DecideEndProbation(policy, facts.person, facts.end_date);
  if (!ended.ok()) return ended.status();
  v1::Person p;
  if (result == v1::PROBATION_PASSED) {
    p = *std::move(ended);
  } else {
    absl::StatusOr<v1::Person> exited = DecideExit(
        policy, {facts.person, v1::FAILED_PROBATION, facts.confirmed_checklist, facts.end_date});
    if (!exited.ok()) return exited.status();
    p = *std::move(exited);
    *p.mutable_probation_end_date() = ToProto(facts.end_date);
  }
  p.set_probation_result(result);
  p.set_probation_evidence_ref(evidence_ref);
  return p;
}

absl::StatusOr<v1::Person> DecideTransfer(const v1::Person& person, const std::string& to_unit) {
  if (absl::Status s = CheckAction(person, PersonAction::kTransfer); !s.ok()) return s;
  if (person.unit() == to_unit) {
    return WithErrorInfo(Precondition(absl::StrCat(person.name(), " is already in ", to_unit)),
                         "ALREADY_IN_UNIT", {{"unit", to_unit}});
  }
  v1::Person p = person;
  p.set_unit(to_unit);
  return p;
}

std::vector<std::string> MissingExitItems(const policy::v1::Exit& exit,
                                          const std::vector<std::string>& confirmed) {
  std::vector<std::string> missing;
  for (const auto& item : exit.checklist()) {
    if (std::find(confirmed.begin(), confirmed.end(), item) == confirmed.end()) {
      missing.push_back(item);
    }
  }
  return missing;
}

Decision CheckExitChecklist(const policy::v1::Exit& exit,
                            const std::vector<std::string>& confirmed) {
  Decision d;
  for (const auto& item : MissingExitItems(exit, confirmed)) {
    d.failures.push_back(
        {"exit_checklist.missing", "exit checklist item " + Quote(item) + " is not confirmed"});
  }
  std::set<std::string> seen;
  for (const auto& item : confirmed) {
    const bool known =
        std::find(exit.checklist().begin(), exit.checklist().end(), item) != exit.checklist().end();
    if (known || !seen.insert(item).second) {
      continue;
    }
    d.failures.push_back({"exit_checklist.unknown",
                          "confirmed item " + Quote(item) + " is not on the exit checklist"});
  }
  return d;
}

absl::Status CheckConfirmedOnce(const std::vector<std::string>& confirmed) {
  std::set<std::string_view> seen;
  for (const std::string& item : confirmed) {
    if (!seen.insert(item).second) {
      return Invalid(absl::StrCat("confirmed_checklist: ", QuoteInput(item, 64),
                                  " is confirmed twice; confirm each item once"));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<v1::Person> DecideExit(const policy::v1::Policy& policy, const ExitFacts& facts) {
  if (absl::Status s = CheckConfirmedOnce(facts.confirmed_checklist); !s.ok()) return s;
  if (absl::Status s = CheckAction(facts.person, PersonAction::kExit); !s.ok()) return s;
  Decision checklist = CheckExitChecklist(policy.exit(), facts.confirmed_checklist);
  if (!checklist.ok()) {
    const std::vector<std::string> missing =
        MissingExitItems(policy.exit(), facts.confirmed_checklist);
    // The items not on the checklist are the caller's text: the first few, each cut short, are
    // named, and how many more there were.
    constexpr size_t kShownUnknown = 5;
    std::vector<std::string> unknown;
    std::set<std::string> distinct;
    for (const std::string& item : facts.confirmed_checklist) {
      const auto& list = policy.exit().checklist();
      if (std::find(list.begin(), list.end(), item) != list.end()) continue;
      const std::string shown = TruncateMessage(item, 64);
      if (distinct.insert(shown).second && unknown.size() < kShownUnknown) unknown.push_back(shown);
    }
    const size_t unknown_count = distinct.size();
    std::vector<std::string> parts;
    if (!missing.empty()) parts.push_back("not confirmed: " + absl::StrJoin(missing, ", "));
    if (!unknown.empty()) {
      parts.push_back("not on the checklist: " + absl::StrJoin(unknown, ", "));
      if (unknown_count > unknown.size()) {
        absl::StrAppend(&parts.back(), " and ", unknown_count - unknown.size(), " more");
      }
    }
    return WithErrorInfo(Precondition(absl::StrCat("exit checklist: ", absl::StrJoin(parts, "; "))),
                         "EXIT_CHECKLIST_INCOMPLETE",
                         {{"missing", absl::StrJoin(missing, ",")},
                          {"unknown", absl::StrJoin(unknown, ",")},
                          {"conditions", checklist.Conditions()}});
  }
  if (absl::Status s = CheckNotBeforeHire(facts.person, facts.exit_date, "exit_date"); !s.ok()) {
    return s;
  }
  v1::Person p = facts.person;
  p.set_state(v1::EXITED);
  *p.mutable_exit_date() = ToProto(facts.exit_date);
  p.set_exit_reason(facts.reason);
  p.clear_badge_number();
  return p;
}

}  // namespace auxpro::personnel
